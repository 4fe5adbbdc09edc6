import { evaluateChecklist, type TChecklistAnswers, type TChecklistItem, type TChecklistPhoto } from '@contract/checklists';
import { type TServiceRequestState, VISITABLE_STATES } from '@contract/service-request-states';
import { allowedActions, type TServiceRequestAction } from '@contract/service-request-workflow';
import { dayStartInstant, isoDateOfInstant, todayIn } from '@contract/zoned-time';
import { recordWorkHours } from '../work-hours/work-hours.service';
import {
  ARRIVAL_CHECKLIST_CODE,
  VISIT_PHOTO_MAX_BYTES,
  VISIT_PHOTO_TYPES,
  type TCheckIn,
  type TCheckOut,
  type TCreateVisit,
  type TLateArrivalCounts,
  type TLateArrivalQuery,
  type TRecordApproval,
  type TRecordBackup,
  type TRecordExtraRequest,
  type TRecordPreVisitCall,
  type TRecordProblem,
  type TRecordVisitAction,
  type TRecordVisitUnit,
  type TStartTravel,
  type TSwapProposal,
  type TUpdateVisit,
  type TVisit,
  type TVisitBriefing,
  type TVisitListItem,
  type TVisitQuery,
  type TVisitStage,
  type TVisitUnit,
  type TWarrantyRegistration,
  type TWarrantyRegistrationQuery,
} from '@contract/visits';
import type { TEquipmentDetail } from '@contract/equipment';
import type { TErrorCode } from '@contract/errors';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { entitlementOf, entitlementUnitOf } from '../calls/calls.entitlement';
import { assertPhotoAnswers, keepChecklistPhoto, photoItemOf, sendChecklistPhoto } from '../checklists/checklist-photos';
import { getChecklistTemplate, getChecklistTemplateVersion, listChecklistTemplates } from '../checklists/checklists.service';
import { getContract } from '../contracts/contracts.service';
import { getCustomer } from '../customers/customers.service';
import { listDocuments } from '../documents/documents.service';
import { createEquipmentMany, getEquipment, removeEquipmentIn, updateEquipmentIn } from '../equipment/equipment.service';
import { raiseEscalationIn } from '../escalations/escalations.service';
import type { FileStore } from '../files/file-store';
import { recordStoredFile, sendStoredFile } from '../files/files.service';
import { FILE_FIELD, type ReceivedFile } from '../files/uploads';
import { enforceGuard } from '../guards/guards.service';
import {
  assertEngineer,
  effectiveRoles,
  getServiceRequest,
  loadReadableRequest,
  managesRequest,
  readableRequestsOf,
  relationOf,
  takeServiceRequestStepIn,
} from '../service-requests/service-requests.service';
import * as repo from './visits.repo';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });
const num = (v: number | null) => (v === null ? null : Number(v));
const MS_PER_HOUR = 3_600_000;

/** Hours between two instants, two decimals; null until both are known. Travel: arrival − travel start; on site: departure − arrival. */
export function hoursBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.round(((Date.parse(to) - Date.parse(from)) / MS_PER_HOUR) * 100) / 100;
}

function stageOf(r: Pick<repo.VisitRow, 'travel_started_at' | 'arrived_at' | 'departed_at'>): TVisitStage {
  if (r.departed_at) return 'departed';
  if (r.arrived_at) return 'on_site';
  if (r.travel_started_at) return 'travelling';
  return 'planned';
}

function toListItem(r: repo.VisitRow): TVisitListItem {
  return {
    id: Number(r.id),
    serviceRequest: {
      id: Number(r.service_request_id),
      number: r.request_number,
      kind: r.request_kind,
      state: r.request_state,
      customer: { id: Number(r.customer_id), name: r.customer_name },
      contract: r.contract_id === null ? null : { id: Number(r.contract_id), number: r.contract_number ?? '' },
      siteAddress: r.request_site_address,
    },
    engineer: { id: Number(r.engineer_id), name: r.engineer_name },
    stage: stageOf(r),
    travelStartedAt: r.travel_started_at,
    arrivedAt: r.arrived_at,
    departedAt: r.departed_at,
    arrivalDueAt: r.arrival_due_at,
    late: r.late_minutes === null ? null : Number(r.late_minutes) > 0,
    lateMinutes: num(r.late_minutes),
    travelHours: hoursBetween(r.travel_started_at, r.arrived_at),
    onSiteHours: hoursBetween(r.arrived_at, r.departed_at),
    createdAt: r.created_at,
    version: Number(r.version),
  };
}

function toUnit(u: repo.UnitRow): TVisitUnit {
  return {
    id: Number(u.id),
    visitId: Number(u.visit_id),
    action: u.action,
    equipmentId: num(u.equipment_id),
    productType: u.product_type,
    brand: u.brand,
    model: u.model,
    oldPn: u.old_pn,
    oldSn: u.old_sn,
    newPn: u.new_pn,
    newSn: u.new_sn,
    warrantyEnd: u.warranty_end,
    vendorWarrantyEnd: u.vendor_warranty_end,
    underWarranty: Number(u.under_warranty) === 1,
    underVendorWarranty: Number(u.under_vendor_warranty) === 1,
    reason: u.reason,
    intermittent: Number(u.intermittent) === 1,
    faultRecurred: Number(u.fault_recurred) === 1,
    revertsId: num(u.reverts_id),
    note: u.note,
    overridden: Number(u.overridden) === 1,
    recordedBy: ref(u.recorded_by_id, u.recorded_by_name),
    recordedAt: u.recorded_at,
  };
}

/**
 * R-EMER-7: for an intermittent fault, a replacement after which the fault came back (a later record
 * on the same unit says so) and that was not yet undone: put the removed part back, then try the
 * next suspect. Read over the request's visits, so the swap history spans days.
 */
export function swapProposalsOf(history: readonly repo.UnitRow[]): TSwapProposal[] {
  const proposals: TSwapProposal[] = [];
  for (const [i, swap] of history.entries()) {
    if (swap.action !== 'replaced' || Number(swap.intermittent) !== 1) continue;
    const later = history.slice(i + 1);
    const undone = later.some((u) => u.action === 'put_back' && num(u.reverts_id) === Number(swap.id));
    const recurred = later.some((u) => Number(u.fault_recurred) === 1 && num(u.equipment_id) === num(swap.equipment_id));
    if (recurred && !undone)
      proposals.push({
        revertsId: Number(swap.id),
        equipmentId: num(swap.equipment_id),
        putBackPn: swap.old_pn,
        putBackSn: swap.old_sn,
        takeOutSn: swap.new_sn,
      });
  }
  return proposals;
}

const SWAP_ACTIONS: readonly string[] = ['replaced', 'put_back', 'removed'];

async function toVisit(db: Db, r: repo.VisitRow): Promise<TVisit> {
  const id = Number(r.id);
  const [engineers, problems, extras, photos, approvals, actions, units, history] = await Promise.all([
    repo.findEngineers(db, [id]),
    repo.findProblems(db, id),
    repo.findExtraRequests(db, id),
    repo.findPhotos(db, id),
    repo.findApprovals(db, id),
    repo.findActions(db, id),
    repo.findUnits(db, id),
    repo.findUnitsOfRequest(db, Number(r.service_request_id)),
  ]);
  const answers = r.arrival_checklist_answers === null ? null : (JSON.parse(r.arrival_checklist_answers) as TChecklistAnswers);
  return {
    ...toListItem(r),
    engineers: engineers.map((e) => ({ id: Number(e.id), name: e.name })),
    workDone: r.work_done,
    preVisitCall:
      r.pre_call_at === null
        ? null
        : {
            calledAt: r.pre_call_at,
            contactName: r.pre_call_contact_name ?? '',
            site: r.pre_call_site ?? '',
            power: r.pre_call_power ?? '',
            network: r.pre_call_network ?? '',
            agreedTime: r.pre_call_agreed_time ?? '',
            note: r.pre_call_note,
            recordedBy: ref(r.pre_call_by_id, r.pre_call_by_name),
          },
    arrivalChecklist:
      answers === null || r.arrival_checklist_template_id === null
        ? null
        : {
            templateId: Number(r.arrival_checklist_template_id),
            versionNo: Number(r.arrival_checklist_version_no),
            answers,
            siteReady: Number(r.site_ready) === 1,
          },
    backup:
      r.backup_state === null
        ? null
        : {
            state: r.backup_state,
            customerName: r.backup_customer_name ?? '',
            note: r.backup_note,
            riskStatement: r.backup_risk_statement,
            recordedAt: r.backup_at ?? '',
          },
    approvals: approvals.map((a) => ({ kind: a.kind, customerName: a.customer_name, note: a.note, recordedAt: a.recorded_at })),
    actions: actions.map((a) => ({
      id: Number(a.id),
      kind: a.kind,
      description: a.description,
      overridden: Number(a.overridden) === 1,
      recordedBy: ref(a.recorded_by_id, a.recorded_by_name),
      recordedAt: a.recorded_at,
    })),
    problems: problems.map((p) => ({
      id: Number(p.id),
      problem: p.problem,
      solution: p.solution,
      recordedBy: ref(p.recorded_by_id, p.recorded_by_name),
      recordedAt: p.recorded_at,
    })),
    extraRequests: extras.map((x) => ({
      id: Number(x.id),
      request: x.request,
      answer: x.answer,
      escalation: x.escalation_id === null ? null : { id: Number(x.escalation_id) },
      recordedBy: ref(x.recorded_by_id, x.recorded_by_name),
      recordedAt: x.recorded_at,
    })),
    photos: photos.map((p) => ({
      id: Number(p.id),
      fileName: p.file_name,
      size: Number(p.size),
      caption: p.caption,
      uploadedAt: p.uploaded_at,
    })),
    units: units.map(toUnit),
    swapHistory: history.filter((u) => SWAP_ACTIONS.includes(u.action)).map(toUnit),
    swapProposals: swapProposalsOf(history),
  };
}

// ── Reading ──

/** The visit if the actor may read its service request (the request's read rule); otherwise NOT_FOUND. */
async function loadVisit(db: Db, actor: Actor, id: number): Promise<repo.VisitRow> {
  const row = await repo.findVisitById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await loadReadableRequest(db, actor, Number(row.service_request_id));
  return row;
}

export async function getVisit(db: Db, actor: Actor, id: number): Promise<TVisit> {
  return toVisit(db, await loadVisit(db, actor, id));
}

/** Visits on the requests the actor may read (filters: engineer, request, customer, stage, late, the visit's day). */
export async function listVisits(db: Db, actor: Actor, q: TVisitQuery, timeZone: string): Promise<Page<TVisitListItem>> {
  const { rows, total } = await repo.listVisits(db, q, readableRequestsOf(actor), actor.id, timeZone);
  return { items: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
}

export async function listRequestVisits(db: Db, actor: Actor, serviceRequestId: number, timeZone: string): Promise<Page<TVisitListItem>> {
  await loadReadableRequest(db, actor, serviceRequestId);
  return listVisits(db, actor, { page: 1, pageSize: 100, serviceRequestId }, timeZone);
}

// ── Who may record ──

type RequestRow = Awaited<ReturnType<typeof loadReadableRequest>>;

/** The request's responsible or backup engineer, an engineer present on the visit, or a manager of the request. */
async function assertMayRecord(db: Db, actor: Actor, sr: RequestRow, visitId?: number): Promise<void> {
  const relation = relationOf(actor, sr);
  if (relation.isResponsible || relation.isBackup || managesRequest(actor, sr)) return;
  if (visitId !== undefined && actor.id !== null) {
    const present = await repo.findEngineers(db, [visitId]);
    if (present.some((e) => Number(e.id) === actor.id)) return;
  }
  throw new AppError('VISIT_NOT_ENGINEER');
}

/** Loaded for a change: readable, the actor may record, and (unless said) not yet ended. */
async function loadForChange(trx: Db, actor: Actor, id: number, opts: { endedToo?: boolean } = {}) {
  const row = await loadVisit(trx, actor, id);
  const sr = await loadReadableRequest(trx, actor, Number(row.service_request_id));
  await assertMayRecord(trx, actor, sr, id);
  if (!opts.endedToo && row.departed_at !== null) throw new AppError('VISIT_DEPARTED');
  return { row, sr };
}

function assertVersion(row: repo.VisitRow, version: number): void {
  if (Number(row.version) !== version) throw new AppError('VERSION_CONFLICT');
}

/** Moves the request along with the visit when the workflow lets this actor take the step; otherwise the visit alone records it. */
async function stepRequestIfAllowed(trx: Db, actor: Actor, sr: RequestRow, action: TServiceRequestAction, arrivedAt?: string) {
  const may = allowedActions(sr.state, sr.kind, effectiveRoles(actor, sr), relationOf(actor, sr)).includes(action);
  if (may) await takeServiceRequestStepIn(trx, actor, Number(sr.id), action, {}, arrivedAt);
}

// ── Writing ──

/** A visit of a service request, planned: its responsible engineer (the actor if he is one of the request's), and who goes along. */
export async function createVisit(db: Db, actor: Actor, serviceRequestId: number, input: TCreateVisit): Promise<TVisit> {
  return transact(db, async (trx) => {
    const sr = await loadReadableRequest(trx, actor, serviceRequestId);
    await assertMayRecord(trx, actor, sr);
    if (!VISITABLE_STATES.includes(sr.state as TServiceRequestState)) throw new AppError('VISIT_REQUEST_NOT_OPEN');
    const relation = relationOf(actor, sr);
    const engineerId = relation.isResponsible || relation.isBackup ? actor.id : (sr.responsible_engineer_id ?? actor.id);
    if (engineerId === null) throw new AppError('VISIT_NOT_ENGINEER');
    const others = [...new Set(input.engineerIds ?? [])].filter((u) => u !== engineerId);
    for (const [i, u] of others.entries()) await assertEngineer(trx, u, `engineerIds.${i}`);
    const at = nowIso();
    const id = await repo.insertVisit(trx, {
      service_request_id: serviceRequestId,
      engineer_id: engineerId,
      travel_started_at: null,
      arrived_at: null,
      departed_at: null,
      work_done: null,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await repo.replaceEngineers(trx, id, [engineerId, ...others]);
    const after = await getVisit(trx, actor, id);
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'create', after: { serviceRequestId, engineerId, others } });
    return after;
  });
}

export async function updateVisit(db: Db, actor: Actor, id: number, input: TUpdateVisit): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row } = await loadForChange(trx, actor, id);
    assertVersion(row, input.version);
    if (input.engineerIds) {
      const others = [...new Set(input.engineerIds)].filter((u) => u !== Number(row.engineer_id));
      for (const [i, u] of others.entries()) await assertEngineer(trx, u, `engineerIds.${i}`);
      await repo.replaceEngineers(trx, id, [Number(row.engineer_id), ...others]);
    }
    await repo.updateVisit(trx, id, input.version, {
      ...(input.workDone !== undefined && { work_done: input.workDone || null }),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'update', after: input });
    return getVisit(trx, actor, id);
  });
}

/** R-INST-3: the call to the customer's administrator before the visit — site, power, network, time. */
export async function recordPreVisitCall(db: Db, actor: Actor, id: number, input: TRecordPreVisitCall): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row } = await loadForChange(trx, actor, id);
    assertVersion(row, input.version);
    await repo.updateVisit(trx, id, input.version, {
      pre_call_at: new Date(input.calledAt).toISOString(),
      pre_call_contact_name: input.contactName,
      pre_call_site: input.site,
      pre_call_power: input.power,
      pre_call_network: input.network,
      pre_call_agreed_time: input.agreedTime,
      pre_call_note: input.note || null,
      pre_call_by_id: actor.id,
      updated_at: nowIso(),
    });
    const { version: _v, ...call } = input;
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'pre_visit_call', after: call });
    return getVisit(trx, actor, id);
  });
}

/** The time of a step: now, or the time the engineer corrected it to (he set off or arrived before he had a hand free). */
function stepTime(given: string | undefined): string {
  return given ? new Date(given).toISOString() : nowIso();
}

/** The engineer sets off: the request goes `travelling` (when scheduled and he may take the step). */
export async function startTravel(db: Db, actor: Actor, id: number, input: TStartTravel): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row, sr } = await loadForChange(trx, actor, id);
    assertVersion(row, input.version);
    if (stageOf(row) !== 'planned') throw new AppError('VISIT_STAGE');
    const at = stepTime(input.travelStartedAt);
    await repo.updateVisit(trx, id, input.version, { travel_started_at: at, updated_at: nowIso() });
    if (sr.state === 'scheduled') await stepRequestIfAllowed(trx, actor, sr, 'depart');
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'travel', after: { travelStartedAt: at } });
    return getVisit(trx, actor, id);
  });
}

/**
 * Check in: the arrival, compared with the agreed arrival time or else the SLA's arrival due time
 * (R-EMER-2), with the arrival checklist filled (R-INST-2: site readiness, the plan re-checked);
 * the request goes `on_site`. An arrival before the travel start is refused naming `arrivedAt`.
 */
export async function checkIn(db: Db, actor: Actor, id: number, input: TCheckIn, timeZone: string): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row, sr } = await loadForChange(trx, actor, id);
    assertVersion(row, input.version);
    const stage = stageOf(row);
    if (stage !== 'planned' && stage !== 'travelling') throw new AppError('VISIT_STAGE');
    const at = stepTime(input.arrivedAt);
    if (row.travel_started_at && at < row.travel_started_at)
      throw fieldError('arrivedAt', { zh: '到达时间不能早于出发时间', en: 'must not be before the travel start' }, 'arrival_before_travel');
    const { siteReady, notReady, answers, templateId, versionNo } = await checkArrivalChecklist(trx, id, input);
    const detail = await getServiceRequest(trx, actor, Number(sr.id), timeZone);
    const due = detail.agreedArrivalAt ?? detail.sla.arrival?.dueAt ?? null;
    const lateMinutes = due === null ? null : Math.max(0, Math.floor((Date.parse(at) - Date.parse(due)) / 60_000));
    await repo.updateVisit(trx, id, input.version, {
      arrived_at: at,
      arrival_due_at: due,
      late_minutes: lateMinutes,
      arrival_checklist_template_id: templateId,
      arrival_checklist_version_no: versionNo,
      arrival_checklist_answers: JSON.stringify(answers),
      site_ready: siteReady ? 1 : 0,
      updated_at: nowIso(),
    });
    if (sr.state === 'travelling' || sr.state === 'scheduled') await stepRequestIfAllowed(trx, actor, sr, 'arrive', at);
    if (!siteReady) await reportSiteNotReady(trx, actor, sr, notReady, answers);
    await recordAudit(trx, actor, {
      entity: 'visit',
      entityId: id,
      action: 'check_in',
      after: { arrivedAt: at, arrivalDueAt: due, lateMinutes, siteReady },
    });
    return getVisit(trx, actor, id);
  });
}

/** R-INST-2: the arrival checklist's version, and every required item answered (each missing one named). */
async function checkArrivalChecklist(trx: Db, visitId: number, input: TCheckIn) {
  const { templateId, versionNo, answers } = input.checklist;
  const template = await getChecklistTemplate(trx, templateId).catch(() => null);
  if (!template || template.code !== ARRIVAL_CHECKLIST_CODE)
    throw new AppError('VISIT_ARRIVAL_CHECKLIST_WRONG', [
      issue('checklist.templateId', { zh: '须为到场检查清单', en: 'must be the arrival checklist' }),
    ]);
  const version = await getChecklistTemplateVersion(trx, templateId, versionNo).catch(() => null);
  if (!version) throw fieldError('checklist.versionNo', { zh: '清单版本不存在', en: 'no such version of the checklist' });
  const evaluation = evaluateChecklist(version.items, answers);
  if (evaluation.invalid.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      evaluation.invalid.map((i) =>
        issue(`checklist.answers.${i.key}`, { zh: `${i.label.zh}：答案不符合该项`, en: `${i.label.en}: answer does not fit the item` }),
      ),
    );
  if (evaluation.missing.length > 0)
    throw new AppError(
      'VISIT_ARRIVAL_CHECKLIST_INCOMPLETE',
      evaluation.missing.map((i) => issue(`checklist.answers.${i.key}`, { zh: `${i.label.zh}：必填`, en: `${i.label.en}: required` })),
    );
  await assertPhotoAnswers(trx, { entity: 'visit', id: visitId }, version.items, answers);
  const notReady = version.items.filter((i) => i.type === 'yes_no' && answers[i.key] === false).map((i) => i.labelZh);
  return { siteReady: notReady.length === 0, notReady, answers, templateId, versionNo };
}

/**
 * R-INST-2: the site is not ready or the plan not confirmed — the schedule problem goes to the
 * technical manager as an escalation of the request (raised by one of its engineers or managers).
 */
async function reportSiteNotReady(trx: Db, actor: Actor, sr: RequestRow, notReady: string[], answers: TChecklistAnswers) {
  const relation = relationOf(actor, sr);
  if (!relation.isResponsible && !relation.isBackup && !relation.isIssuer && !managesRequest(actor, sr)) return;
  const problems = Object.values(answers).filter((a): a is string => typeof a === 'string' && a.trim() !== '');
  await raiseEscalationIn(trx, actor, Number(sr.id), {
    kind: 'other_incident',
    text: [`到场检查未通过：${notReady.join('、')}`, ...problems].join('\n').slice(0, 4000),
  });
}

/** Check out: the departure (not before the arrival) and the work done. */
export async function checkOut(db: Db, actor: Actor, id: number, input: TCheckOut, timeZone: string): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row } = await loadForChange(trx, actor, id);
    assertVersion(row, input.version);
    if (stageOf(row) !== 'on_site' || row.arrived_at === null) throw new AppError('VISIT_STAGE');
    const at = stepTime(input.departedAt);
    if (at < row.arrived_at)
      throw fieldError('departedAt', { zh: '离场时间不能早于到达时间', en: 'must not be before the arrival' }, 'departure_before_arrival');
    await repo.updateVisit(trx, id, input.version, { departed_at: at, work_done: input.workDone, updated_at: nowIso() });
    await recordVisitHours(trx, actor, { ...row, departed_at: at }, timeZone);
    await recordAudit(trx, actor, {
      entity: 'visit',
      entityId: id,
      action: 'check_out',
      after: { departedAt: at, workDone: input.workDone },
    });
    return getVisit(trx, actor, id);
  });
}

/**
 * The visit's hours (DESIGN.md: work hours) for the weekly and monthly reports: travel (travel
 * start → arrival) and on site (arrival → departure) for every engineer present, on the day of the
 * arrival in the company's zone. Replaces what the visit recorded before, in the caller's transaction.
 */
async function recordVisitHours(trx: Db, actor: Actor, row: repo.VisitRow, timeZone: string): Promise<void> {
  if (!row.arrived_at) return;
  const present = (await repo.findEngineers(trx, [row.id])).map((e) => Number(e.id));
  const engineers = present.length > 0 ? present : [Number(row.engineer_id)];
  const workDate = isoDateOfInstant(row.arrived_at, timeZone);
  const serviceRequestId = Number(row.service_request_id);
  const spans = [
    ['visit_travel', hoursBetween(row.travel_started_at, row.arrived_at)],
    ['visit_onsite', hoursBetween(row.arrived_at, row.departed_at)],
  ] as const;
  await recordWorkHours(trx, actor, {
    source: { entity: 'visit', id: row.id },
    entries: engineers.flatMap((engineerId) =>
      spans.flatMap(([kind, hours]) =>
        hours !== null && hours > 0 ? [{ engineerId, workDate, kind, hours: Math.min(hours, 24), serviceRequestId }] : [],
      ),
    ),
  });
}

/** R-INST-5: a problem met on site and how it was solved. */
export async function recordProblem(db: Db, actor: Actor, id: number, input: TRecordProblem): Promise<TVisit> {
  return transact(db, async (trx) => {
    await loadForChange(trx, actor, id);
    const problemId = await repo.insertProblem(trx, {
      visit_id: id,
      problem: input.problem,
      solution: input.solution || null,
      recorded_by_id: actor.id,
      recorded_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'record_problem', after: { problemId, ...input } });
    return getVisit(trx, actor, id);
  });
}

/**
 * R-INST-4: a request outside the contract ("gold plating") and the answer the customer was given;
 * the technical manager hears of it as an escalation of the request (extra work asked, R-EMER-9).
 */
export async function recordExtraRequest(db: Db, actor: Actor, id: number, input: TRecordExtraRequest): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row } = await loadForChange(trx, actor, id);
    const escalation = await raiseEscalationIn(trx, actor, Number(row.service_request_id), {
      kind: 'extra_work_requested',
      text: `现场合同外要求：${input.request}\n答复：${input.answer}`.slice(0, 4000),
    });
    await repo.insertExtraRequest(trx, {
      visit_id: id,
      request: input.request,
      answer: input.answer,
      escalation_id: escalation.id,
      recorded_by_id: actor.id,
      recorded_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      entity: 'visit',
      entityId: id,
      action: 'record_extra_request',
      after: { ...input, escalationId: escalation.id },
    });
    return getVisit(trx, actor, id);
  });
}

/** R-EMER-5: the backup confirmed, or the customer's refusal with the risk he accepts in writing. */
export async function recordBackup(db: Db, actor: Actor, id: number, input: TRecordBackup): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row } = await loadForChange(trx, actor, id);
    await repo.updateVisit(trx, id, Number(row.version), {
      backup_state: input.state,
      backup_customer_name: input.customerName,
      backup_note: input.note || null,
      backup_risk_statement: input.state === 'refused' ? (input.riskStatement ?? null) : null,
      backup_at: nowIso(),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'record_backup', after: input });
    return getVisit(trx, actor, id);
  });
}

/** R-EMER-6: the customer's approval to reproduce the fault, or to apply the fix. */
export async function recordApproval(db: Db, actor: Actor, id: number, input: TRecordApproval): Promise<TVisit> {
  return transact(db, async (trx) => {
    await loadForChange(trx, actor, id);
    await repo.insertApproval(trx, {
      visit_id: id,
      kind: input.kind,
      customer_name: input.customerName,
      note: input.note || null,
      recorded_by_id: actor.id,
      recorded_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'record_approval', after: input });
    return getVisit(trx, actor, id);
  });
}

const ACTION_GUARDS: Record<TRecordVisitAction['kind'], TErrorCode> = {
  production_change: 'VISIT_BACKUP_REQUIRED',
  reproduce: 'VISIT_REPRODUCE_APPROVAL_REQUIRED',
  fix: 'VISIT_FIX_APPROVAL_REQUIRED',
};

/**
 * A step on the customer's system, guarded: a change to a production system needs the backup
 * confirmed or the refusal recorded (R-EMER-5); reproducing the fault and applying the fix each
 * need the customer's recorded approval (R-EMER-6). A technical manager may override, audited.
 */
export async function recordVisitAction(db: Db, actor: Actor, id: number, input: TRecordVisitAction): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row } = await loadForChange(trx, actor, id);
    if (stageOf(row) !== 'on_site') throw new AppError('VISIT_STAGE');
    const approvals = await repo.findApprovals(trx, id);
    const broken = input.kind === 'production_change' ? row.backup_state === null : !approvals.some((a) => a.kind === input.kind);
    const overridden = await enforceGuard(
      trx,
      actor,
      { code: ACTION_GUARDS[input.kind], broken, subject: { entity: 'visit', id } },
      input.override,
    );
    const actionId = await repo.insertAction(trx, {
      visit_id: id,
      kind: input.kind,
      description: input.description,
      overridden: overridden ? 1 : 0,
      recorded_by_id: actor.id,
      recorded_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      entity: 'visit',
      entityId: id,
      action: 'record_action',
      after: { actionId, kind: input.kind, description: input.description, overridden },
    });
    return getVisit(trx, actor, id);
  });
}

/**
 * A unit worked on (R-PM-5: its warranty state at this moment kept with it), installed, removed,
 * replaced or put back with PN/SN (R-INST-7) — the installed base updated through the equipment
 * module in the same transaction. Every replacement, removal or put-back records its reason
 * (R-EMER-7; a technical manager may override).
 */
export async function recordVisitUnit(db: Db, actor: Actor, id: number, input: TRecordVisitUnit, timeZone: string): Promise<TVisit> {
  return transact(db, async (trx) => {
    const { row, sr } = await loadForChange(trx, actor, id);
    if (stageOf(row) !== 'on_site') throw new AppError('VISIT_STAGE');
    const today = todayIn(timeZone);
    const contractId = sr.contract_id === null ? null : Number(sr.contract_id);
    const swaps = input.action === 'replaced' || input.action === 'removed' || input.action === 'put_back';
    const overridden = await enforceGuard(
      trx,
      actor,
      {
        code: 'VISIT_SWAP_REASON_REQUIRED',
        broken: swaps && !input.reason,
        issues: [issue('reason', { zh: '须填写更换原因或依据', en: 'the reason or evidence is required' })],
        subject: { entity: 'visit', id },
      },
      input.override,
    );
    const base = {
      visit_id: id,
      service_request_id: Number(sr.id),
      action: input.action,
      reason: input.reason || null,
      intermittent: input.intermittent ? 1 : 0,
      fault_recurred: input.faultRecurred ? 1 : 0,
      note: input.note || null,
      overridden: overridden ? 1 : 0,
      recorded_by_id: actor.id,
      recorded_at: nowIso(),
      registered_at: null,
      registered_by_id: null,
    };
    let unitId: number;
    if (input.action === 'installed') {
      if (contractId === null)
        throw new AppError('VISIT_UNIT_NOT_OF_CONTRACT', [
          issue('action', { zh: '服务要求单没有合同', en: 'the request has no contract' }),
        ]);
      const [created] = await createEquipmentMany(trx, actor, [
        {
          contractId,
          productType: input.productType ?? '',
          brand: input.brand ?? '',
          model: input.model ?? '',
          pn: input.newPn,
          sn: input.newSn,
          quantity: 1,
          warrantyStart: input.warrantyStart,
          warrantyEnd: input.warrantyEnd,
          vendorWarrantyEnd: input.vendorWarrantyEnd,
        },
      ]);
      const state = entitlementUnitOf(await getEquipment(trx, actor, created.id, today), today);
      unitId = await repo.insertUnit(trx, {
        ...base,
        equipment_id: created.id,
        product_type: created.productType,
        brand: created.brand,
        model: created.model,
        old_pn: null,
        old_sn: null,
        new_pn: created.pn,
        new_sn: created.sn,
        ...warrantyColumns(state),
        reverts_id: null,
      });
    } else {
      let reverted: repo.UnitRow | undefined;
      if (input.action === 'put_back') {
        reverted = await repo.findUnit(trx, input.revertsId ?? 0);
        if (
          !reverted ||
          Number(reverted.service_request_id) !== Number(sr.id) ||
          reverted.action !== 'replaced' ||
          reverted.equipment_id === null
        )
          throw fieldError('revertsId', { zh: '须为本服务要求单的一次更换', en: "must be a replacement of this request's" });
      }
      const equipmentId = reverted ? Number(reverted.equipment_id) : (input.equipmentId ?? 0);
      const unit = await unitOfContract(trx, actor, equipmentId, contractId, today);
      const state = entitlementUnitOf(unit, today);
      const change = { old_pn: unit.pn, old_sn: unit.sn, new_pn: null as string | null, new_sn: null as string | null };
      if (input.action === 'replaced') {
        change.new_pn = input.newPn || unit.pn;
        change.new_sn = input.newSn || null;
        await updateEquipmentIn(trx, actor, unit.id, { version: unit.version, pn: change.new_pn ?? '', sn: change.new_sn ?? '' });
      } else if (input.action === 'put_back' && reverted) {
        change.new_pn = reverted.old_pn;
        change.new_sn = reverted.old_sn;
        await updateEquipmentIn(trx, actor, unit.id, { version: unit.version, pn: change.new_pn ?? '', sn: change.new_sn ?? '' });
      } else if (input.action === 'removed') {
        await removeEquipmentIn(trx, actor, unit.id, `${row.request_number}: ${input.reason ?? ''}`.slice(0, 500));
      }
      unitId = await repo.insertUnit(trx, {
        ...base,
        equipment_id: unit.id,
        product_type: unit.productType,
        brand: unit.brand,
        model: unit.model,
        ...change,
        ...warrantyColumns(state),
        reverts_id: reverted ? Number(reverted.id) : null,
      });
    }
    const { override: _o, ...recorded } = input;
    await recordAudit(trx, actor, {
      entity: 'visit',
      entityId: id,
      action: 'record_unit',
      after: { unitId, ...recorded, overridden },
    });
    return getVisit(trx, actor, id);
  });
}

function warrantyColumns(u: {
  warrantyEnd: string | null;
  vendorWarrantyEnd: string | null;
  underWarranty: boolean;
  underVendorWarranty: boolean;
}) {
  return {
    warranty_end: u.warrantyEnd,
    vendor_warranty_end: u.vendorWarrantyEnd,
    under_warranty: u.underWarranty ? 1 : 0,
    under_vendor_warranty: u.underVendorWarranty ? 1 : 0,
  };
}

/** A unit of the request's contract (the installed base), or a refusal naming `equipmentId`. */
async function unitOfContract(
  trx: Db,
  actor: Actor,
  equipmentId: number,
  contractId: number | null,
  today: string,
): Promise<TEquipmentDetail> {
  const unit = await getEquipment(trx, actor, equipmentId, today).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!unit || unit.contractId !== contractId)
    throw new AppError('VISIT_UNIT_NOT_OF_CONTRACT', [
      issue('equipmentId', { zh: '不属于该合同的设备清单', en: "not in the contract's installed base" }),
    ]);
  return unit;
}

// ── Before the visit ──

/**
 * R-INST-3: what the engineer reads before the visit — the contract (masked for every reader: no
 * amounts), its documents (the bid's technical solution among them, as the reader may see them),
 * the site contacts, and the arrival checklist he will fill.
 */
export async function getVisitBriefing(db: Db, actor: Actor, id: number): Promise<TVisitBriefing> {
  const row = await loadVisit(db, actor, id);
  const sr = await loadReadableRequest(db, actor, Number(row.service_request_id));
  const contractId = sr.contract_id === null ? null : Number(sr.contract_id);
  const [contract, documents, customer, templates] = await Promise.all([
    contractId === null ? null : getContract(db, actor, contractId),
    contractId === null
      ? null
      : listDocuments(db, actor, { contract: contractId, page: 1, pageSize: 100, status: 'active', sort: '-updatedAt' }),
    getCustomer(db, Number(sr.customer_id)),
    listChecklistTemplates(db, { page: 1, pageSize: 100, serviceKind: 'installation' }),
  ]);
  const arrival = templates.items.find((t) => t.code === ARRIVAL_CHECKLIST_CODE && t.active);
  return {
    contract: contract && {
      id: contract.id,
      number: contract.number,
      status: contract.status,
      startDate: contract.startDate,
      endDate: contract.endDate,
      serviceKinds: contract.serviceKinds,
      commitments: contract.commitments,
      notes: contract.notes,
    },
    documents: (documents?.items ?? []).map((d) => ({ id: d.id, title: d.title, type: d.type, fileName: d.latestVersion.fileName })),
    contacts: customer.contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, phones: c.phones.map((p) => p.number) })),
    requestContact: { name: sr.contact_name, phone: sr.contact_phone, siteAddress: sr.site_address },
    description: sr.description,
    arrivalChecklist: arrival ? { templateId: arrival.id, versionNo: arrival.currentVersion, items: arrival.items } : null,
  };
}

/** R-PM-5, R-EMER-3: the contract's installed base with each unit's warranty state now (the calls' entitlement). */
export async function listUnitCandidates(db: Db, actor: Actor, id: number, timeZone: string) {
  const row = await loadVisit(db, actor, id);
  if (row.contract_id === null) return { items: [] };
  const entitlement = await entitlementOf(db, { contractId: Number(row.contract_id) }, new Date(), timeZone);
  return {
    items: entitlement.units.map((u) => ({
      id: u.id,
      productType: u.productType,
      brand: u.brand,
      model: u.model,
      sn: u.sn,
      warrantyEnd: u.warrantyEnd,
      vendorWarrantyEnd: u.vendorWarrantyEnd,
      underWarranty: u.underWarranty,
      underVendorWarranty: u.underVendorWarranty,
    })),
  };
}

// ── Photos ──

/** Before an upload is read: the visit exists for this reader and he may add to it (an outsider learns nothing). */
export async function assertMayAddPhoto(db: Db, actor: Actor, id: number): Promise<void> {
  await loadForChange(db, actor, id);
}

/** A photo taken on site (PNG or JPEG of at most 10 MB, the type sniffed from the content), kept by hash, audited. */
export async function addVisitPhoto(db: Db, store: FileStore, actor: Actor, id: number, file: ReceivedFile): Promise<TVisit> {
  if (!(VISIT_PHOTO_TYPES as readonly string[]).includes(file.mime))
    throw fieldError(FILE_FIELD, { zh: '照片须为 PNG 或 JPEG 图片', en: 'a photo must be a PNG or JPEG image' }, 'photo_type');
  if (file.staged.size > VISIT_PHOTO_MAX_BYTES)
    throw fieldError(FILE_FIELD, { zh: '照片不能超过 10 MB', en: 'a photo must not exceed 10 MB' }, 'photo_size');
  await loadForChange(db, actor, id);
  const blob = await store.commit(file.staged);
  return transact(db, async (trx) => {
    await loadForChange(trx, actor, id);
    await recordStoredFile(trx, blob, file.mime);
    const photoId = await repo.insertPhoto(trx, {
      visit_id: id,
      file_hash: blob.hash,
      file_name: file.fileName,
      mime: file.mime,
      size: blob.size,
      caption: null,
      uploaded_by_id: actor.id,
      uploaded_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'visit', entityId: id, action: 'add_photo', after: { photoId, fileName: file.fileName } });
    return getVisit(trx, actor, id);
  });
}

/**
 * Before an upload is read: the visit is not yet checked in, the reader may record on it, and `key`
 * is a photo item of the arrival checklist (its current version, the one the briefing offers).
 */
export async function arrivalPhotoItem(db: Db, actor: Actor, id: number, key: string): Promise<TChecklistItem> {
  const { row } = await loadForChange(db, actor, id);
  const stage = stageOf(row);
  if (stage !== 'planned' && stage !== 'travelling') throw new AppError('VISIT_STAGE');
  const templates = await listChecklistTemplates(db, { page: 1, pageSize: 100, serviceKind: 'installation' });
  const arrival = templates.items.find((t) => t.code === ARRIVAL_CHECKLIST_CODE && t.active);
  return photoItemOf(arrival?.items ?? [], key);
}

/** A photo for a photo item of the arrival checklist, kept until check-in names it in the answers. */
export async function addArrivalChecklistPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  key: string,
  file: ReceivedFile,
): Promise<TChecklistPhoto> {
  return transact(db, async (trx) => {
    const item = await arrivalPhotoItem(trx, actor, id, key);
    return keepChecklistPhoto(trx, store, actor, { entity: 'visit', id }, item, file);
  });
}

/** A photo of the arrival checklist as a download (attachment, never inline). */
export async function downloadArrivalChecklistPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  reply: FastifyReply,
  id: number,
  photoId: number,
): Promise<FastifyReply> {
  await loadVisit(db, actor, id);
  return sendChecklistPhoto(db, store, reply, { entity: 'visit', id }, photoId);
}

/** A photo as a download (attachment, never inline: it is an uploaded file). */
export async function downloadVisitPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  reply: FastifyReply,
  id: number,
  photoId: number,
): Promise<FastifyReply> {
  await loadVisit(db, actor, id);
  const photo = await repo.findPhoto(db, id, photoId);
  if (!photo) throw new AppError('NOT_FOUND');
  return sendStoredFile(db, store, reply, { hash: photo.file_hash, fileName: photo.file_name });
}

// ── Read by others ──

/**
 * R-EMER-2: arrivals per engineer responsible for the visit in [from, to] (company dates), and how many were
 * late. The weekly reports read this (or `countLateArrivals` in visits.repo.ts through this service).
 */
export async function lateArrivalCounts(db: Db, q: TLateArrivalQuery, timeZone: string): Promise<TLateArrivalCounts> {
  const rows = await repo.countLateArrivals(db, dayStartInstant(q.from, timeZone), dayStartInstant(q.to, timeZone, 1));
  return {
    from: q.from,
    to: q.to,
    items: rows.map((r) => ({
      engineer: { id: Number(r.engineer_id), name: r.engineer_name },
      arrivals: Number(r.arrivals),
      late: Number(r.late ?? 0),
    })),
  };
}

/**
 * The visits that arrived in [from, to] (company dates) with their hours — travel (arrival − travel
 * start) and on site (departure − arrival) — for the weekly reports.
 */
export async function visitHours(db: Db, from: string, to: string, timeZone: string) {
  const rows = await repo.findVisitTimes(db, dayStartInstant(from, timeZone), dayStartInstant(to, timeZone, 1));
  return rows.map((r) => ({
    visitId: Number(r.id),
    serviceRequestId: Number(r.service_request_id),
    engineerId: Number(r.engineer_id),
    arrivedAt: r.arrived_at,
    late: r.late_minutes === null ? null : Number(r.late_minutes) > 0,
    travelHours: hoursBetween(r.travel_started_at, r.arrived_at),
    onSiteHours: hoursBetween(r.arrived_at, r.departed_at),
  }));
}

/** R-INST-7: the units installed or replaced on site, for commerce's warranty registration with the vendor. */
export async function listWarrantyRegistrations(db: Db, q: TWarrantyRegistrationQuery): Promise<Page<TWarrantyRegistration>> {
  const { rows, total } = await repo.listWarrantyRegistrations(db, q);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      action: r.action,
      serviceRequest: { id: Number(r.service_request_id), number: r.request_number },
      customer: { id: Number(r.customer_id), name: r.customer_name },
      contract: r.contract_id === null ? null : { id: Number(r.contract_id), number: r.contract_number ?? '' },
      equipmentId: num(r.equipment_id),
      productType: r.product_type,
      brand: r.brand,
      model: r.model,
      pn: r.new_pn,
      sn: r.new_sn,
      oldSn: r.old_sn,
      recordedAt: r.recorded_at,
      registeredAt: r.registered_at,
      registeredBy: ref(r.registered_by_id, r.registered_by_name),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function markWarrantyRegistered(db: Db, actor: Actor, unitId: number): Promise<{ ok: true }> {
  return transact(db, async (trx) => {
    const unit = await repo.findUnit(trx, unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    if (!(await repo.markRegistered(trx, unitId, nowIso(), actor.id))) throw new AppError('VISIT_UNIT_ALREADY_REGISTERED');
    await recordAudit(trx, actor, { entity: 'visit', entityId: Number(unit.visit_id), action: 'warranty_registered', after: { unitId } });
    return { ok: true as const };
  });
}
