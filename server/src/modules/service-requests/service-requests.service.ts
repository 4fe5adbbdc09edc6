import type { TServiceKind } from '@contract/contracts';
import { type ReadScope, readableRequests } from './read-scope';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import {
  allowedActions,
  applyAction,
  isTerminalState,
  type TServiceRequestAction,
  type TServiceRequestKind,
  type TServiceRequestState,
} from '@contract/service-request-workflow';
import { SERVICE_REQUEST_ACTION_LABELS, SERVICE_REQUEST_STATE_LABELS } from '@contract/service-request-labels';
import {
  kindWithinContract,
  ONSITE_REQUEST_KINDS,
  SERVICE_REQUEST_WARNINGS,
  type TCreateServiceRequest,
  type TServiceRequest,
  type TServiceRequestDetail,
  type TServiceRequestPriority,
  type TServiceRequestQuery,
  type TServiceRequestStep,
  type TServiceRequestWarning,
  type TServiceRequestWarningCode,
  type TUpdateServiceRequest,
} from '@contract/service-requests';
import type { TActorRelation } from '@contract/workflow';
import type { TGuardOverride } from '@contract/guards';
import { normalisePhone } from '@contract/phone';
import { SEARCH_TOTAL_CAP, type TSearchGroup } from '@contract/search';
import type { TRole } from '@contract/roles';
import { RULE_ISSUES, VALIDATION_MESSAGES } from '@contract/validation-messages';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { type AuditInput, auditOfNewRecord, recordAudit } from '../audit/audit.service';
import { markPmVisitDone } from '../maintenance/pm-visit-done';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { requireContractRefs } from '../contracts/contracts.service';
import { type NotifyInput, notificationsOfNewRecord, notify } from '../notifications/notifications.service';
import { getProjectRefs } from '../projects/projects.service';
import { enforceGuard } from '../guards/guards.service';
import { getUser } from '../users/users.service';
import { slaClocksOf, toSlaDto } from './service-request-sla';
import * as createRepo from './service-requests.create.repo';
import * as repo from './service-requests.repo';
import { reindexRequest, reindexRequestsOfCustomer } from './service-requests.search.repo';
import { commitmentsOf, toPause, toServiceRequest } from './service-requests.view';

/** Allocated numbers: `SR-2026-00042` (服务要求单). */
const NUMBER_PREFIX = 'SR';

const toIso = (s: string | null | undefined) => (s === null || s === undefined ? (s ?? null) : new Date(s).toISOString());

export function warningOf(
  code: TServiceRequestWarningCode,
  locale: TLocale,
  refs: { id: number; number: string }[] = [],
): TServiceRequestWarning {
  const w = SERVICE_REQUEST_WARNINGS[code];
  return { code, message: pick(w, locale), refs };
}

// ── Who may act: roles narrowed by project (R-ORG-4), relation to the record ──

export function relationOf(
  actor: Actor,
  r: Pick<repo.RequestRow, 'responsible_engineer_id' | 'backup_engineer_id' | 'issued_by_id'>,
): TActorRelation {
  const id = actor.id;
  return {
    isResponsible: id !== null && r.responsible_engineer_id !== null && r.responsible_engineer_id === id,
    isBackup: id !== null && r.backup_engineer_id !== null && r.backup_engineer_id === id,
    isIssuer: id !== null && r.issued_by_id !== null && r.issued_by_id === id,
  };
}

/**
 * R-ORG-4: a project manager manages the requests of the projects he answers for; on any other
 * request his project manager role counts for nothing (the technical manager answers for all).
 */
export function effectiveRoles(actor: Actor, r: Pick<repo.RequestRow, 'project_manager_id'>): TRole[] {
  const managesIt = r.project_manager_id !== null && actor.id !== null && r.project_manager_id === actor.id;
  return managesIt ? [...actor.roles] : actor.roles.filter((role) => role !== 'project_manager');
}

/** Whether the actor manages the request (technical manager, or its project's manager). */
export function managesRequest(actor: Actor, r: Pick<repo.RequestRow, 'project_manager_id'>): boolean {
  return actor.roles.includes('tech_manager') || effectiveRoles(actor, r).includes('project_manager');
}

// ── Reading ──

/** Roles that read every request: who issues it, follows it (R-CALL-2), supplies its parts, or administers. */
const READS_EVERY_REQUEST: readonly TRole[] = ['admin', 'sales', 'tech_manager', 'commerce', 'receiver'];

/**
 * Who may read one request (its detail, its history): the roles above; otherwise an engineer only
 * the requests he is responsible or backup for (or issued), a project manager those of the projects
 * he manages (R-ORG-4). One rule for every read of a single request.
 */
export function mayReadRequest(
  actor: Actor,
  r: Pick<repo.RequestRow, 'responsible_engineer_id' | 'backup_engineer_id' | 'issued_by_id' | 'project_manager_id'>,
): boolean {
  if (actor.roles.some((role) => READS_EVERY_REQUEST.includes(role))) return true;
  const relation = relationOf(actor, r);
  return relation.isResponsible || relation.isBackup || relation.isIssuer || managesRequest(actor, r);
}

/** The list's form of the same rule: whose requests a restricted reader sees; undefined for all. */
export function readScopeOf(actor: Actor): ReadScope | undefined {
  if (actor.roles.some((role) => READS_EVERY_REQUEST.includes(role))) return undefined;
  return { userId: actor.id ?? 0, projects: actor.roles.includes('project_manager') };
}

/** A condition on a query holding the request as `sr`. */
export type RequestCondition = ReturnType<typeof readableRequests>;

/** The same rule as a condition for other modules' lists of request-bound records (escalations); undefined: all. */
export function readableRequestsOf(actor: Actor): RequestCondition | undefined {
  const scope = readScopeOf(actor);
  return scope && readableRequests(scope);
}

/** The request if the actor may read it; otherwise NOT_FOUND, so that its existence is not revealed. */
export async function loadReadableRequest(db: Db, actor: Actor, id: number): Promise<repo.RequestRow> {
  const row = await loadRow(db, id);
  if (!mayReadRequest(actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

/** A unit as the detail lists it (what `repo.findEquipmentOf` returns). */
type DetailEquipment = { id: number; product_type: string; brand: string; model: string; sn: string | null };

async function loadRow(db: Db, id: number): Promise<repo.RequestRow> {
  const row = await repo.findRequestById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function detailOf(
  db: Db,
  actor: Actor,
  row: repo.RequestRow,
  timeZone: string,
  warnings: TServiceRequestWarning[] = [],
  /** A request just created: its units are known and it has no pauses, so nothing is read; its API form made already. */
  known?: { equipment: DetailEquipment[]; view: TServiceRequest },
): Promise<TServiceRequestDetail> {
  const id = row.id;
  const [[equipment, pauses], calendar] = await Promise.all([
    known ? [known.equipment, []] : Promise.all([repo.findEquipmentOf(db, [id]), repo.findPauses(db, [id])]),
    loadCalendarSpec(db, timeZone),
  ]);
  const state = row.state;
  const kind = row.kind;
  const clocks = slaClocksOf(row, commitmentsOf(row), pauses, new Date(), calendar);
  return {
    ...(known?.view ?? toServiceRequest(row)),
    equipment: equipment.map((e) => ({ id: e.id, productType: e.product_type, brand: e.brand, model: e.model, sn: e.sn })),
    allowedActions: allowedActions(state, kind, effectiveRoles(actor, row), relationOf(actor, row)),
    sla: toSlaDto(clocks),
    pauses: pauses.map(toPause),
    warnings,
  };
}

export async function getServiceRequest(db: Db, actor: Actor, id: number, timeZone: string): Promise<TServiceRequestDetail> {
  return detailOf(db, actor, await loadReadableRequest(db, actor, id), timeZone);
}

export async function listServiceRequests(db: Db, actor: Actor, q: TServiceRequestQuery): Promise<Page<TServiceRequest>> {
  const { rows, total } = await repo.listRequests(db, { ...q, scope: readScopeOf(actor) });
  return { items: rows.map(toServiceRequest), total, page: q.page, pageSize: q.pageSize };
}

/** A query that is a phone number (digits with +, spaces, dashes, dots, parentheses), as its digits; else undefined. */
function phoneDigitsOf(q: string): string | undefined {
  if (!/^[+\d\s\-.()（）]+$/.test(q)) return undefined;
  const phone = normalisePhone(q);
  return phone && /^\d{7,}$/.test(phone.number) ? phone.number : undefined;
}

/**
 * The global search's group of service requests: those `actor` may read whose number,
 * description, customer or contact name contains `q` (the list's free-text filter), and, for a
 * phone number typed in any form (`+86 139-1001-2001`), those whose contact phone is that number.
 * Newest first; `total` counted as the list counts (capped).
 */
export async function searchServiceRequests(db: Db, actor: Actor, q: string, limit: number): Promise<TSearchGroup> {
  const scope = readScopeOf(actor);
  const digits = phoneDigitsOf(q.trim());
  const [text, byPhone] = await Promise.all([
    repo.listRequests(db, { q: q.trim().slice(0, 100), page: 1, pageSize: limit, sort: '-createdAt', scope }),
    digits ? repo.findByPhoneDigits(db, digits, scope, limit) : [],
  ]);
  const seen = new Set(text.rows.map((r) => r.id));
  const extra = byPhone.map((r) => r.id).filter((id) => !seen.has(id));
  const rows = [...text.rows, ...(await repo.findRequestsByIds(db, extra))].slice(0, limit);
  const total = Math.max(text.total, 0) + extra.length;
  return {
    kind: 'service_request',
    total: Math.min(total, SEARCH_TOTAL_CAP),
    totalCapped: total > SEARCH_TOTAL_CAP,
    items: rows.map((r) => ({
      kind: 'service_request' as const,
      id: r.id,
      title: `${r.number} ${r.customer_name}`,
      subtitle: [r.contact_name, r.description.slice(0, 80)].filter(Boolean).join(' · '),
      customerId: r.customer_id,
      contractId: r.contract_id,
    })),
  };
}

export async function listServiceRequestsAfter(
  db: Db,
  actor: Actor,
  q: Omit<TServiceRequestQuery, 'page' | 'pageSize' | 'sort'>,
  afterId: number,
  limit: number,
) {
  return (await repo.listRequestsAfter(db, { ...q, scope: readScopeOf(actor) }, afterId, limit)).map(toServiceRequest);
}

// ── Checks shared by create, edit and assign ──

/** R-PM-3: the backup engineer stands in for the responsible one, so never is the same person. */
export function assertBackupDiffers(responsibleId: number | null | undefined, backupId: number | null | undefined): void {
  if (responsibleId != null && backupId != null && Number(responsibleId) === Number(backupId))
    throw new AppError('SERVICE_REQUEST_BACKUP_IS_RESPONSIBLE', [issue('backupEngineerId', RULE_ISSUES.backupIsResponsible)]);
}

/** An active user holding the engineer role. */
export async function assertEngineer(db: Db, id: number, path: string): Promise<void> {
  const user = await getUser(db, id).catch(() => null);
  if (!user?.active || !user.roles.includes('engineer'))
    throw new AppError('SERVICE_REQUEST_NOT_ENGINEER', [issue(path, RULE_ISSUES.notActiveEngineer)]);
}

async function assertContract(db: Db, customerId: number, contractId: number | null) {
  if (contractId === null) return;
  const refs = await requireContractRefs(db, [contractId], () => 'contractId');
  if (refs.get(contractId)?.customer.id !== customerId)
    throw new AppError('SERVICE_REQUEST_CONTRACT_MISMATCH', [issue('contractId', RULE_ISSUES.otherCustomersContract)]);
}

/** Checks the units belong to the contract; returns them, by id, as the detail shows them. */
async function assertEquipment(db: Db, contractId: number | null, ids: readonly number[]): Promise<DetailEquipment[]> {
  if (ids.length === 0) return [];
  const rows = await repo.findEquipmentContracts(db, ids);
  const found = new Map(rows.map((e) => [e.id, e.contract_id]));
  ids.forEach((id, i) => {
    if (!found.has(id)) throw new AppError('REFERENCE_INVALID', [issue(`equipmentIds.${i}`, RULE_ISSUES.noSuchEquipment)]);
    if (found.get(id) !== contractId)
      throw new AppError('SERVICE_REQUEST_EQUIPMENT_MISMATCH', [issue(`equipmentIds.${i}`, RULE_ISSUES.notThisContractsEquipment)]);
  });
  return rows.map((e) => ({ ...e, id: e.id })).sort((a, b) => a.id - b.id);
}

function assertPlanOrder(start: string | null, end: string | null) {
  if (start && end && new Date(end) <= new Date(start))
    throw new AppError('SERVICE_REQUEST_PLAN_ORDER', [issue('plannedEnd', RULE_ISSUES.plannedEndBeforeStart)]);
}

/** R-EMER-3 (light): what the contract does not promise is flagged, not refused. */
function commitmentWarnings(row: repo.RequestRow, locale: TLocale): TServiceRequestWarning[] {
  const out: TServiceRequestWarning[] = [];
  if (row.contract_id === null) return out;
  if (Number(row.remote_only) === 1 && ONSITE_REQUEST_KINDS.includes(row.kind)) out.push(warningOf('SR_REMOTE_ONLY_CONTRACT', locale));
  if (row.contract_status !== 'active') out.push(warningOf('SR_CONTRACT_NOT_ACTIVE', locale));
  return out;
}

/**
 * R-SCOPE-1 as a guard: a request of `kind` under a contract that covers none of its service kinds
 * is refused, unless a technical manager overrides with a reason (recorded and audited in `trx`).
 */
async function enforceScopeGuard(
  trx: Db,
  actor: Actor,
  kind: TServiceRequestKind,
  contractId: number,
  subject: { entity: string; id: number },
  override: TGuardOverride | undefined,
  /** The contract's service kinds when the caller has read them already. */
  known?: readonly TServiceKind[],
): Promise<void> {
  const kinds = known ?? (await repo.findContractServiceKinds(trx, contractId));
  await enforceGuard(
    trx,
    actor,
    {
      code: 'SERVICE_REQUEST_KIND_OUTSIDE_CONTRACT',
      broken: !kindWithinContract(kind, kinds),
      issues: [issue('kind', RULE_ISSUES.kindOutsideContract)],
      subject,
    },
    override,
  );
}

/** R-SCOPE-1 on the form: the kind is outside the contract's service kinds (issuing it will need an override). */
async function scopeWarnings(
  db: Db,
  row: Pick<repo.RequestRow, 'contract_id' | 'kind'>,
  locale: TLocale,
  /** The contract's service kinds when the caller has read them already. */
  known?: readonly TServiceKind[],
): Promise<TServiceRequestWarning[]> {
  if (row.contract_id === null) return [];
  const kinds = known ?? (await repo.findContractServiceKinds(db, row.contract_id));
  return kindWithinContract(row.kind, kinds) ? [] : [warningOf('SR_KIND_OUTSIDE_CONTRACT', locale)];
}

/** The form is complete once contact, phone, site and (except consulting) the contract are known (R-EMER-1). */
function isFormComplete(r: Pick<repo.RequestRow, 'contact_name' | 'contact_phone' | 'site_address' | 'contract_id' | 'kind'>): boolean {
  return Boolean(r.contact_name && r.contact_phone && r.site_address && (r.contract_id !== null || r.kind === 'consulting'));
}

/** Tell the engineers they were given the request (once per request, engineer and version of the assignment). */
export function assignmentNotices(
  row: Pick<repo.RequestRow, 'id' | 'number' | 'customer_name' | 'description'>,
  engineerIds: readonly (number | null)[],
  tag: string,
): NotifyInput[] {
  return [...new Set(engineerIds.filter((e): e is number => e !== null).map(Number))].map((userId) => ({
    userId,
    kind: 'assignment',
    titleZh: `服务要求单 ${row.number} 已指派给您：${row.customer_name}`,
    titleEn: `Service request ${row.number} assigned to you: ${row.customer_name}`,
    body: row.description.slice(0, 500),
    entity: 'service_request',
    entityId: row.id,
    dedupeKey: `assign:${row.id}:${userId}:${tag}`,
  }));
}

// ── Writing ──

/**
 * Create a Service Request Form (R-FLOW-1): a draft, or issued at once (`issue: true`). An
 * urgent phone dispatch (R-EMER-1) needs only customer, symptom and engineer: it is issued at
 * once, incomplete, the engineer is told at once and may accept it as it is.
 */
export async function createServiceRequest(
  db: Db,
  actor: Actor,
  input: TCreateServiceRequest,
  timeZone: string,
  locale: TLocale,
): Promise<TServiceRequestDetail> {
  // The row and its API form as the dependents made them (the audit entry's `after`), kept for the
  // answer: on SQLite they were made from the real id and number, so they are not made twice.
  let made: { row: repo.RequestRow; view: TServiceRequest } | undefined;
  const {
    write: plan,
    id,
    number,
  } = await createRepo.insertCreatedRequest(db, async (trx) => {
    const plan = await planCreate(db, trx, actor, input, timeZone);
    return {
      ...plan,
      numbering: { prefix: NUMBER_PREFIX, year: plan.year },
      row: plan.values,
      text: { customer_name: plan.refs.customer_name, contact_name: plan.values.contact_name, description: plan.values.description },
      dependents: (created: { id: number; number: string }) => {
        const row = createdRowOf(plan, created.id, created.number);
        const view = toServiceRequest(row);
        made = { row, view };
        return [...notificationsOfNewRecord(createNotices(plan, row), plan.at), auditOfNewRecord(actor, createAudit(plan, row, view))];
      },
    };
  });
  // PostgreSQL (dependents made from stand-ins) or a group rolled back and run again: made anew.
  if (made?.row.id !== id || made.row.number !== number) {
    const row = createdRowOf(plan, id, number);
    made = { row, view: toServiceRequest(row) };
  }
  const { row, view } = made;
  const warnings = [...commitmentWarnings(row, locale), ...(await scopeWarnings(db, row, locale, plan.serviceKinds))];
  return detailOf(db, actor, row, timeZone, warnings, { equipment: plan.equipment, view });
}

/** The year in `timeZone` of the last quarter hour asked (every offset is a whole number of quarter hours, so it holds for the whole quarter). */
const lastYear = { timeZone: '', quarter: Number.NaN, year: 0 };

/** The year in `timeZone` at `at` (numbers are per year there): formatted once a quarter hour, not per create. */
function yearIn(timeZone: string, at: Date): number {
  const quarter = Math.floor(at.getTime() / 900_000);
  if (lastYear.timeZone !== timeZone || lastYear.quarter !== quarter) {
    lastYear.timeZone = timeZone;
    lastYear.quarter = quarter;
    lastYear.year = Number(todayIn(timeZone, at).slice(0, 4));
  }
  return lastYear.year;
}

/** What a create has checked and will write, but its number and id. */
type CreatePlan = Awaited<ReturnType<typeof planCreate>>;

/** The checks of a new request (in the order the separate checks ran) and its row without number. */
async function planCreate(root: Db, trx: Db, actor: Actor, input: TCreateServiceRequest, timeZone: string) {
  const urgent = input.urgent === true;
  const form = input.urgent === true ? null : input;
  const contractId = form?.contractId ?? null;
  const responsibleId = input.responsibleEngineerId ?? null;
  const backupId = form?.backupEngineerId ?? null;
  // One statement for the customer, the contract, the issuer's and the engineers' names.
  const refs = await createRepo.findCreateRefs(root, trx, {
    customerId: input.customerId,
    contractId,
    issuerId: actor.id,
    responsibleId,
    backupId,
  });
  if (!refs) throw new AppError('REFERENCE_INVALID', [issue('customerId', RULE_ISSUES.noSuchCustomer)]);
  if (form && contractId === null && form.kind !== 'consulting')
    throw new AppError('SERVICE_REQUEST_CONTRACT_REQUIRED', [issue('contractId', VALIDATION_MESSAGES.required)]);
  if (contractId !== null) {
    if (refs.found_contract_id === null) throw new AppError('REFERENCE_INVALID', [issue('contractId', RULE_ISSUES.noSuchContract)]);
    if (Number(refs.contract_customer_id) !== input.customerId)
      throw new AppError('SERVICE_REQUEST_CONTRACT_MISMATCH', [issue('contractId', RULE_ISSUES.otherCustomersContract)]);
  }
  const equipment = await assertEquipment(trx, contractId, form?.equipmentIds ?? []);
  if (responsibleId && refs.responsible_engineer_name === null)
    throw new AppError('SERVICE_REQUEST_NOT_ENGINEER', [issue('responsibleEngineerId', RULE_ISSUES.notActiveEngineer)]);
  assertBackupDiffers(responsibleId, backupId);
  if (backupId && refs.backup_engineer_name === null)
    throw new AppError('SERVICE_REQUEST_NOT_ENGINEER', [issue('backupEngineerId', RULE_ISSUES.notActiveEngineer)]);
  const project = form?.projectId ? (await getProjectRefs(trx, [form.projectId])).get(form.projectId) : undefined;
  if (form?.projectId && !project) throw fieldError('projectId', { zh: '没有这个项目', en: 'no such project' });
  assertPlanOrder(form?.plannedStart ?? null, form?.plannedEnd ?? null);
  // R-EMER-1: an urgent phone dispatch is issued at once (its clocks run from now); a form when asked.
  const issueNow = urgent || form?.issue === true;
  if (issueNow && !input.responsibleEngineerId)
    throw new AppError('SERVICE_REQUEST_ENGINEER_REQUIRED', [issue('responsibleEngineerId', VALIDATION_MESSAGES.required)]);
  // R-SCOPE-1: issued at once, its kind must be one the contract covers (the guard names the contract:
  // the request has no id yet).
  // The contract's service kinds read once: the guard's and the answer's warnings (R-SCOPE-1).
  const serviceKinds = contractId === null ? [] : await createRepo.findCreateServiceKinds(root, trx, contractId);
  if (issueNow && contractId !== null)
    await enforceScopeGuard(trx, actor, input.kind, contractId, { entity: 'contract', id: contractId }, form?.override, serviceKinds);

  const now = new Date();
  const at = now.toISOString();
  const state: TServiceRequestState = issueNow ? 'issued' : 'draft';
  const priority: TServiceRequestPriority = urgent ? 'urgent' : (form?.priority ?? 'normal');
  const values = {
    kind: input.kind,
    state,
    paused_from: null,
    origin: form?.origin ?? 'call',
    origin_ref: form?.originRef ?? null,
    customer_id: input.customerId,
    contract_id: contractId,
    project_id: form?.projectId ?? null,
    contact_name: form?.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    site_address: form?.siteAddress ?? null,
    description: input.description,
    issued_by_id: actor.id,
    responsible_engineer_id: responsibleId,
    backup_engineer_id: backupId,
    requested_date: form?.requestedDate ?? null,
    planned_start: toIso(form?.plannedStart),
    planned_end: toIso(form?.plannedEnd),
    agreed_arrival_at: toIso(form?.agreedArrivalAt),
    priority,
    remarks: form?.remarks ?? null,
    incomplete: urgent ? 1 : 0,
    sla_status: null,
    issued_at: issueNow ? at : null,
    responded_at: null,
    arrived_at: null,
    resolved_at: null,
    closed_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  return {
    refs,
    serviceKinds,
    project,
    equipment,
    equipmentIds: [...new Set(form?.equipmentIds ?? [])],
    values,
    urgent,
    issue: issueNow,
    at,
    year: yearIn(timeZone, now),
  };
}

/** The row as findRequestById would read it back, from what was written and read. */
function createdRowOf(plan: CreatePlan, id: number, number: string): repo.RequestRow {
  const p = plan.project;
  // The reference check's two own columns (found_contract_id, contract_customer_id) come along
  // unread: cheaper than a rest pattern, which copies through V8's slow path.
  return {
    id,
    number,
    ...plan.values,
    ...plan.refs,
    project_code: p?.code ?? null,
    project_name: p?.name ?? null,
    project_manager_id: p?.projectManager?.id ?? null,
    project_manager_name: p?.projectManager?.name ?? null,
    // The column's default (migration 3000): a new request is due for the next SLA sweep.
    sla_next_check_at: repo.SLA_CHECK_AT_ONCE,
    // Its default (migration 3061): no SLA notice sent yet.
    sla_notified: 0,
  };
}

/** An issued or urgent request tells its engineers at once. */
function createNotices(plan: CreatePlan, created: repo.RequestRow): NotifyInput[] {
  return plan.issue || plan.urgent ? assignmentNotices(created, [created.responsible_engineer_id, created.backup_engineer_id], 'v1') : [];
}

function createAudit(plan: CreatePlan, created: repo.RequestRow, view: TServiceRequest): AuditInput {
  return {
    entity: 'service_request',
    entityId: created.id,
    action: plan.urgent ? 'create_urgent' : plan.issue ? 'create_issued' : 'create',
    after: view,
  };
}

/**
 * Edit the form: its issuer, the technical manager, or the manager of its project. Completing
 * an urgent request's form (contact, phone, site, contract) clears `incomplete`.
 */
export async function updateServiceRequest(
  db: Db,
  actor: Actor,
  id: number,
  input: TUpdateServiceRequest,
  timeZone: string,
  locale: TLocale,
): Promise<TServiceRequestDetail> {
  const row = await transact(db, async (trx) => {
    const before = await loadReadableRequest(trx, actor, id);
    if (!(managesRequest(actor, before) || relationOf(actor, before).isIssuer)) throw new AppError('SERVICE_REQUEST_NOT_ASSIGNED');
    if (isTerminalState(before.state)) throw new AppError('SERVICE_REQUEST_CLOSED');
    if (input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    const contractId = input.contractId === undefined ? before.contract_id : input.contractId;
    const kind = input.kind ?? before.kind;
    if (contractId === null && kind !== 'consulting' && before.incomplete === 0)
      throw new AppError('SERVICE_REQUEST_CONTRACT_REQUIRED', [issue('contractId', VALIDATION_MESSAGES.required)]);
    if (input.contractId !== undefined) await assertContract(trx, before.customer_id, contractId);
    if (input.equipmentIds || input.contractId !== undefined) {
      const ids = input.equipmentIds ?? (await repo.findEquipmentOf(trx, [id])).map((e) => e.id);
      await assertEquipment(trx, contractId, ids);
    }
    if (input.responsibleEngineerId) await assertEngineer(trx, input.responsibleEngineerId, 'responsibleEngineerId');
    if (input.backupEngineerId) await assertEngineer(trx, input.backupEngineerId, 'backupEngineerId');
    assertBackupDiffers(
      input.responsibleEngineerId !== undefined ? input.responsibleEngineerId : before.responsible_engineer_id,
      input.backupEngineerId !== undefined ? input.backupEngineerId : before.backup_engineer_id,
    );
    if (input.projectId && !(await getProjectRefs(trx, [input.projectId])).has(input.projectId))
      throw fieldError('projectId', { zh: '没有这个项目', en: 'no such project' });
    assertPlanOrder(
      input.plannedStart === undefined ? before.planned_start : input.plannedStart,
      input.plannedEnd === undefined ? before.planned_end : input.plannedEnd,
    );
    const merged = {
      contact_name: input.contactName === undefined ? before.contact_name : input.contactName,
      contact_phone: input.contactPhone === undefined ? before.contact_phone : input.contactPhone,
      site_address: input.siteAddress === undefined ? before.site_address : input.siteAddress,
      contract_id: contractId,
      kind,
    };
    const at = nowIso();
    await repo.updateRequest(trx, id, input.version, {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.contractId !== undefined && { contract_id: input.contractId }),
      ...(input.originRef !== undefined && { origin_ref: input.originRef }),
      ...(input.contactName !== undefined && { contact_name: input.contactName }),
      ...(input.contactPhone !== undefined && { contact_phone: input.contactPhone }),
      ...(input.siteAddress !== undefined && { site_address: input.siteAddress }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.responsibleEngineerId !== undefined && { responsible_engineer_id: input.responsibleEngineerId }),
      ...(input.backupEngineerId !== undefined && { backup_engineer_id: input.backupEngineerId }),
      ...(input.projectId !== undefined && { project_id: input.projectId }),
      ...(input.requestedDate !== undefined && { requested_date: input.requestedDate }),
      ...(input.plannedStart !== undefined && { planned_start: toIso(input.plannedStart) }),
      ...(input.plannedEnd !== undefined && { planned_end: toIso(input.plannedEnd) }),
      ...(input.agreedArrivalAt !== undefined && { agreed_arrival_at: toIso(input.agreedArrivalAt) }),
      ...(input.priority !== undefined && { priority: input.priority }),
      ...(input.remarks !== undefined && { remarks: input.remarks }),
      ...(before.incomplete === 1 && isFormComplete(merged) && { incomplete: 0 }),
      updated_at: at,
    });
    if (input.equipmentIds) await repo.replaceEquipment(trx, id, [...new Set(input.equipmentIds)]);
    const after = await loadRow(trx, id);
    if (after.description !== before.description || after.contact_name !== before.contact_name) await reindexRequest(trx, { ...after, id });
    if (before.state !== 'draft' || before.incomplete === 1) {
      const added = [after.responsible_engineer_id, after.backup_engineer_id].filter(
        (e) => e !== null && e !== before.responsible_engineer_id && e !== before.backup_engineer_id,
      );
      await notify(trx, assignmentNotices(after, added, `v${after.version}`), at);
    }
    await recordAudit(trx, actor, {
      entity: 'service_request',
      entityId: id,
      action: 'update',
      before: toServiceRequest(before),
      after: toServiceRequest(after),
    });
    return after;
  });
  return detailOf(db, actor, row, timeZone, [...commitmentWarnings(row, locale), ...(await scopeWarnings(db, row, locale))]);
}

function refusal(
  reason: 'illegal_transition' | 'role_not_allowed' | 'not_assigned',
  state: TServiceRequestState,
  action: TServiceRequestAction,
): AppError {
  if (reason === 'illegal_transition') {
    const s = SERVICE_REQUEST_STATE_LABELS[state];
    const a = SERVICE_REQUEST_ACTION_LABELS[action];
    return new AppError(
      'SERVICE_REQUEST_ILLEGAL_TRANSITION',
      [
        { path: 'state', message: `${state} (${s.zh} / ${s.en})`, code: 'current_state' },
        { path: 'action', message: `${action} (${a.zh} / ${a.en}) is not possible from ${state}`, code: 'step' },
      ],
      `cannot ${action} from ${state}`,
    );
  }
  return new AppError(reason === 'role_not_allowed' ? 'SERVICE_REQUEST_ROLE_NOT_ALLOWED' : 'SERVICE_REQUEST_NOT_ASSIGNED', [
    { path: 'action', message: `${action} from ${state}`, code: reason },
  ]);
}

/**
 * One workflow step (`POST /api/service-requests/:id/:action`). The transition table decides
 * (`applyAction`); the step is stored with its timestamps, the waits in the pause table, the
 * engineers told on issue, and the audit trail — all in one transaction.
 */
export async function takeServiceRequestStep(
  db: Db,
  actor: Actor,
  id: number,
  action: TServiceRequestAction,
  body: TServiceRequestStep,
  timeZone: string,
): Promise<TServiceRequestDetail> {
  const row = await transact(db, async (trx) => {
    await publicStepChecks(trx, actor, id, action, body);
    return stepInTransaction(trx, actor, id, action, body);
  });
  return detailOf(db, actor, row, timeZone);
}

/**
 * The same step inside the caller's transaction (a visit's travel start and arrival move its
 * request): refused as `takeServiceRequestStep` refuses it; answers the request as stepped.
 */
export async function takeServiceRequestStepIn(
  trx: Db,
  actor: Actor,
  id: number,
  action: TServiceRequestAction,
  body: TServiceRequestStep,
  /** When the engineer arrived, if not now (a visit's arrival entered afterwards). */
  arrivedAt?: string,
): Promise<{ id: number; state: TServiceRequestState; version: number }> {
  const row = await stepInTransaction(trx, actor, id, action, body, arrivedAt);
  return { id: row.id, state: row.state, version: row.version };
}

/**
 * The checks of a step asked through the API, once the workflow allows it (else the step's own
 * refusal comes first): resolving records what was done and closing what came of it (until the
 * field report lands); issuing a kind outside the contract is guarded (R-SCOPE-1).
 */
async function publicStepChecks(trx: Db, actor: Actor, id: number, action: TServiceRequestAction, body: TServiceRequestStep) {
  if (action !== 'resolve' && action !== 'close' && action !== 'issue') return;
  const before = await loadReadableRequest(trx, actor, id);
  const allowed = applyAction(before.state, before.kind, action, effectiveRoles(actor, before), relationOf(actor, before), {
    pausedFrom: before.paused_from,
  });
  if (!allowed.ok || (body.version !== undefined && body.version !== before.version)) return;
  if (action === 'resolve' && !body.reason?.trim())
    throw fieldError('reason', { zh: '请填写解决说明：做了什么、结果如何', en: 'describe the resolution: what was done and the result' });
  if (action === 'close' && !body.reason?.trim())
    throw fieldError('reason', {
      zh: '请填写关闭结果：客户是否确认、有无遗留问题',
      en: 'describe the outcome: confirmed by the customer, anything left open',
    });
  if (action === 'issue' && before.responsible_engineer_id !== null && before.contract_id !== null)
    await enforceScopeGuard(trx, actor, before.kind, before.contract_id, { entity: 'service_request', id }, body.override);
}

async function stepInTransaction(
  trx: Db,
  actor: Actor,
  id: number,
  action: TServiceRequestAction,
  body: TServiceRequestStep,
  arrivedAt?: string,
): Promise<repo.RequestRow> {
  const before = await loadReadableRequest(trx, actor, id);
  const state = before.state;
  const kind = before.kind;
  const relation = relationOf(actor, before);
  const roles = effectiveRoles(actor, before);
  const result = applyAction(state, kind, action, roles, relation, { pausedFrom: before.paused_from });
  if (!result.ok) {
    // R-ORG-4: say so when only the project manager role, on another's project, would have allowed it.
    if (result.reason !== 'illegal_transition' && applyAction(state, kind, action, actor.roles, relation).ok)
      throw new AppError('SERVICE_REQUEST_NOT_YOUR_PROJECT');
    throw refusal(result.reason, state, action);
  }
  if (body.version !== undefined && body.version !== before.version) throw new AppError('VERSION_CONFLICT');
  if (action === 'issue' && before.responsible_engineer_id === null)
    throw new AppError('SERVICE_REQUEST_ENGINEER_REQUIRED', [issue('responsibleEngineerId', VALIDATION_MESSAGES.required)]);
  const to = result.to;
  const at = nowIso();
  const entersWait = to === 'waiting_customer' || to === 'waiting_parts';
  const leavesWait = state === 'waiting_customer' || state === 'waiting_parts';
  if (action === 'schedule') assertPlanOrder(body.plannedStart ?? before.planned_start, body.plannedEnd ?? before.planned_end);
  await repo.updateRequest(trx, id, before.version, {
    state: to,
    paused_from: entersWait ? state : null,
    ...(action === 'issue' && { issued_at: at }),
    ...(action === 'accept' && before.responded_at === null && { responded_at: at }),
    ...(action === 'arrive' && before.arrived_at === null && { arrived_at: arrivedAt ?? at }),
    ...(action === 'resolve' && { resolved_at: at }),
    ...(action === 'close' && { closed_at: at }),
    ...(action === 'reopen' && { resolved_at: null, closed_at: null }),
    ...(action === 'schedule' && body.plannedStart && { planned_start: toIso(body.plannedStart) }),
    ...(action === 'schedule' && body.plannedEnd && { planned_end: toIso(body.plannedEnd) }),
    updated_at: at,
  });
  if (leavesWait) await repo.endOpenPause(trx, id, at, actor.id);
  if (entersWait)
    await repo.insertPause(trx, {
      service_request_id: id,
      state: to,
      paused_from: state,
      started_at: at,
      ended_at: null,
      reason: body.reason ?? null,
      by_id: actor.id,
      ended_by_id: null,
    });
  const after = await loadRow(trx, id);
  if (action === 'issue')
    await notify(trx, assignmentNotices(after, [after.responsible_engineer_id, after.backup_engineer_id], 'issue'), at);
  // R-PM-7: a PM request resolved or closed makes its timetable's visit done, in the same transaction.
  if ((to === 'resolved' || to === 'closed') && kind === 'preventive_maintenance') await markPmVisitDone(trx, id);
  await recordAudit(trx, actor, {
    entity: 'service_request',
    entityId: id,
    action,
    before: { state, version: before.version },
    after: { state: to, version: after.version, ...(body.reason && { reason: body.reason }) },
  });
  return after;
}

/** Loaded for other modules (escalations, task requests): the request's row facts that matter to them. */
export async function getServiceRequestFacts(db: Db, id: number) {
  const r = await loadRow(db, id);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    responsibleEngineerId: r.responsible_engineer_id === null ? null : r.responsible_engineer_id,
    backupEngineerId: r.backup_engineer_id === null ? null : r.backup_engineer_id,
    issuedById: r.issued_by_id === null ? null : r.issued_by_id,
    projectManagerId: r.project_manager_id === null ? null : r.project_manager_id,
    customerName: r.customer_name,
  };
}

/** After a customer's rename: its requests' text-index entries, inside the rename's transaction. */
export function reindexCustomerRequests(trx: Db, customerId: number): Promise<void> {
  return reindexRequestsOfCustomer(trx, customerId);
}
