import {
  allowedCallActions,
  applyCallAction,
  CALL_ACTION_LABELS,
  CALL_OUTCOME_STATES,
  CALL_STATE_LABELS,
  type TCall,
  type TCallAction,
  type TCallDetail,
  type TCallForwardTarget,
  type TCallLogEntry,
  type TCallQuery,
  type TCallSeverity,
  type TCallState,
  type TCallStep,
  type TCreateCall,
  type TCreateCallLog,
  type TEntitlement,
  type TRecentCall,
  type TSendCallEmail,
  type TSeriousProblem,
  type TUpdateCall,
} from '@contract/calls';
import type { TLocale } from '@contract/common';
import type { TDelivery } from '@contract/notification-delivery';
import { normalisePhone } from '@contract/phone';
import type { TRole } from '@contract/roles';
import type { TServiceRequestPriority } from '@contract/service-requests';
import type { TActorRelation } from '@contract/workflow';
import type { Insertable } from 'kysely';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import type { DependentWrite } from '../../db/dependent-write';
import { transact } from '../../db/transaction';
import { auditOfNewRecord, recordAudit } from '../audit/audit.service';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { coveredMinutesBetween } from '../calendar/working-calendar';
import { getContractCommitments, getCustomerCommitments } from '../contracts/contracts.service';
import { isContactOf, requireCustomerRefs } from '../customers/customers.service';
import { isoDateOfInstant, todayIn } from '@contract/zoned-time';
import { getEquipment } from '../equipment/equipment.service';
import { findDeliveries, listDeliveriesAbout, queueCustomerEmails } from '../notifications/delivery.service';
import { activeUserIdsWithRole, type NotifyInput, notificationsOfNewRecord, notify } from '../notifications/notifications.service';
import { assertEngineer, createServiceRequest } from '../service-requests/service-requests.service';
import { getUser, listUserOptions } from '../users/users.service';
import { recordWorkHours } from '../work-hours/work-hours.service';
import { entitlementOf, WORKING_HOURS } from './calls.entitlement';
import * as createRepo from './calls.create.repo';
import * as repo from './calls.repo';
import { callTextCandidates, indexCall, newCallEntry } from './calls.search';
import type { PhoneCallLogTable } from './calls.table';

/** Allocated numbers: `CALL-2026-00042` (来电记录). */
const NUMBER_PREFIX = 'CALL';
/** R-CALL-2: a holder is reminded at most once an hour per call. */
const REMIND_INTERVAL_MS = 3_600_000;

const MANAGER_ROLES: readonly TRole[] = ['admin', 'tech_manager', 'sales'];

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });
const nref = (id: number | null, number: string | null) => (id === null ? null : { id: Number(id), number: number ?? '' });
const num = (v: number | null) => (v === null ? null : Number(v));

function relationOf(actor: Actor, r: repo.CallRow): TActorRelation {
  return {
    isResponsible: actor.id !== null && r.holder_id !== null && Number(r.holder_id) === actor.id,
    isBackup: false,
    isIssuer: actor.id !== null && r.received_by_id !== null && Number(r.received_by_id) === actor.id,
  };
}

const isManager = (actor: Actor) => actor.roles.some((r) => MANAGER_ROLES.includes(r));

/**
 * Who reads a call: managers (technical manager, sales, admin) every call; a receiver the calls he
 * took (R-CALL-2); an engineer the calls he holds. Anyone else gets 404, so a call's existence is
 * not revealed.
 */
export function mayReadCall(actor: Actor, r: repo.CallRow): boolean {
  if (isManager(actor)) return true;
  const rel = relationOf(actor, r);
  return (actor.roles.includes('receiver') && rel.isIssuer) || (actor.roles.includes('engineer') && rel.isResponsible);
}

function readScopeOf(actor: Actor): repo.CallReadScope | undefined {
  if (isManager(actor)) return undefined;
  return {
    ...(actor.roles.includes('receiver') && { receivedBy: actor.id ?? 0 }),
    ...(actor.roles.includes('engineer') && { heldBy: actor.id ?? 0 }),
  };
}

/** R-CALL-4: managers handle any call, an engineer only the calls he holds. */
function mayHandle(actor: Actor, r: repo.CallRow): boolean {
  if (actor.roles.includes('tech_manager') || actor.roles.includes('sales')) return true;
  return actor.roles.includes('engineer') && relationOf(actor, r).isResponsible;
}

function mayRemind(actor: Actor, r: repo.CallRow): boolean {
  if (r.holder_id === null || CALL_OUTCOME_STATES.includes(r.state as TCallState)) return false;
  if (actor.roles.includes('tech_manager') || actor.roles.includes('sales')) return true;
  return actor.roles.includes('receiver') && relationOf(actor, r).isIssuer;
}

export function toCall(actor: Actor, r: repo.CallRow): TCall {
  return {
    id: Number(r.id),
    number: r.number,
    state: r.state as TCallState,
    severity: r.severity as TCallSeverity,
    seriousProblem: r.serious_problem as TSeriousProblem | null,
    callerName: r.caller_name,
    company: r.company,
    phone: r.phone_raw,
    phoneNumber: r.phone_number,
    knownCustomer: r.customer_id !== null,
    customer: ref(r.customer_id, r.customer_name),
    contact: ref(r.contact_id, r.contact_name),
    contract: nref(r.contract_id, r.contract_number),
    equipment: r.equipment_id === null ? null : { id: Number(r.equipment_id), sn: r.unit_sn, model: r.unit_model ?? '' },
    equipmentSn: r.equipment_sn,
    productType: r.product_type,
    symptom: r.symptom,
    email: r.email,
    statusEmails: Number(r.status_emails) === 1,
    calledAt: r.called_at,
    receivedBy: ref(r.received_by_id, r.received_by_name),
    holder: ref(r.holder_id, r.holder_name),
    serviceRequest: nref(r.service_request_id, r.request_number),
    duplicateOf: nref(r.duplicate_of_id, r.duplicate_number),
    outcomeNote: r.outcome_note,
    firstResponseAt: r.first_response_at,
    firstResponseMinutes: num(r.first_response_minutes),
    outcomeAt: r.outcome_at,
    resolutionMinutes: num(r.resolution_minutes),
    lastRemindedAt: r.last_reminded_at,
    allowedActions: allowedCallActions(r.state as TCallState, actor.roles, relationOf(actor, r)),
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A customer e-mail's state on the call, from its outbox row; an entry from before the outbox carried them keeps its own. */
function emailState(l: repo.CallLogRow, d: TDelivery | undefined): Pick<TCallLogEntry, 'deliveryState' | 'deliveryError'> {
  if (!d) return { deliveryState: l.delivery_state as TCallLogEntry['deliveryState'], deliveryError: null };
  if (d.state === 'sent') return { deliveryState: 'sent', deliveryError: null };
  if (d.state === 'dead') return { deliveryState: 'dead', deliveryError: d.lastError };
  return d.lastError ? { deliveryState: 'failed', deliveryError: d.lastError } : { deliveryState: 'pending', deliveryError: null };
}

function toLogEntry(l: repo.CallLogRow, outbox: Map<number, TDelivery>): TCallLogEntry {
  return {
    id: Number(l.id),
    at: l.at,
    kind: l.kind as TCallLogEntry['kind'],
    channel: l.channel as TCallLogEntry['channel'],
    text: l.text,
    hours: num(l.hours),
    emailTo: l.email_to,
    subject: l.subject,
    ...emailState(l, l.outbox_id === null ? undefined : outbox.get(Number(l.outbox_id))),
    by: ref(l.by_id, l.by_name),
  };
}

async function load(db: Db, id: number): Promise<repo.CallRow> {
  const row = await repo.findCallById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function loadReadable(db: Db, actor: Actor, id: number): Promise<repo.CallRow> {
  const row = await load(db, id);
  if (!mayReadCall(actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

// ── Reading ──

export async function getCall(db: Db, actor: Actor, id: number, timeZone: string): Promise<TCallDetail> {
  const row = await loadReadable(db, actor, id);
  const [log, entitlement, deliveries] = await Promise.all([
    repo.findLog(db, id),
    callEntitlement(db, row, timeZone),
    listDeliveriesAbout(db, 'call', id),
  ]);
  const outbox = await findDeliveries(
    db,
    log.flatMap((l) => (l.outbox_id === null ? [] : [Number(l.outbox_id)])),
  );
  return {
    ...toCall(actor, row),
    log: log.map((l) => toLogEntry(l, outbox)),
    entitlement,
    deliveries,
    may: {
      edit: actor.roles.includes('tech_manager') || actor.roles.includes('sales'),
      log: mayHandle(actor, row) && !CALL_OUTCOME_STATES.includes(row.state as TCallState),
      remind: mayRemind(actor, row),
    },
  };
}

/** The entitlement as it stood when the call came in (R-EMER-3). */
function callEntitlement(db: Db, r: repo.CallRow, timeZone: string): Promise<TEntitlement> {
  return entitlementOf(
    db,
    { customerId: num(r.customer_id), contractId: num(r.contract_id), equipmentId: num(r.equipment_id) },
    new Date(r.called_at),
    timeZone,
  );
}

/** `mine`: the calls the reader took (R-CALL-2), or holds. */
function withMine<Q extends repo.CallFilters>(actor: Actor, q: Q): Q {
  if (q.mine === 'received') return { ...q, receivedById: actor.id ?? 0 };
  if (q.mine === 'held') return { ...q, holderId: actor.id ?? 0 };
  return q;
}

export async function listCalls(db: Db, actor: Actor, q: TCallQuery): Promise<Page<TCall>> {
  const candidates = await callTextCandidates(db, q.q);
  if (candidates?.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.listCalls(db, withMine(actor, q), readScopeOf(actor), candidates);
  return { items: rows.map((r) => toCall(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/** For exports: the next `limit` calls the reader may see after id `afterId`, in id order. */
export async function listCallsAfter(db: Db, actor: Actor, f: repo.CallFilters, afterId: number, limit: number): Promise<TCall[]> {
  const candidates = await callTextCandidates(db, f.q);
  if (candidates?.length === 0) return [];
  return (await repo.listCallsAfter(db, withMine(actor, f), readScopeOf(actor), candidates, afterId, limit)).map((r) => toCall(actor, r));
}

/** Beside the intake form: the customer's (or the number's) last calls, whoever took them — a repeat caller must be recognised. */
export async function listRecentCalls(db: Db, q: { customerId?: number; phone?: string; limit: number }): Promise<TRecentCall[]> {
  const phoneNumber = q.phone ? (normalisePhone(q.phone)?.number ?? undefined) : undefined;
  const rows = await repo.findRecentCalls(db, { customerId: q.customerId, phoneNumber }, q.limit);
  return rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    state: r.state as TCallState,
    severity: r.severity as TCallSeverity,
    callerName: r.caller_name,
    symptom: r.symptom,
    calledAt: r.called_at,
    holder: ref(r.holder_id, r.holder_name),
    serviceRequest: nref(r.service_request_id, r.request_number),
  }));
}

export function getEntitlement(
  db: Db,
  q: { customerId?: number; contractId?: number; equipmentId?: number; at?: string },
  timeZone: string,
): Promise<TEntitlement> {
  return entitlementOf(db, q, q.at ? new Date(q.at) : new Date(), timeZone);
}

/** R-CALL-1: forward to a technical manager, or to the sales owner of one of the customer's contracts. */
export async function listForwardTargets(db: Db, customerId: number | undefined): Promise<TCallForwardTarget[]> {
  const [managers, owners] = await Promise.all([
    listUserOptions(db, 'tech_manager'),
    customerId ? getCustomerCommitments(db, customerId) : Promise.resolve([]),
  ]);
  const ownerIds = new Set(owners.filter((c) => c.status === 'active' && c.salesOwner).map((c) => c.salesOwner!.id));
  const sales = (await listUserOptions(db, 'sales')).filter((u) => ownerIds.has(u.id) || ownerIds.size === 0);
  const out: TCallForwardTarget[] = [
    ...sales.filter((u) => ownerIds.has(u.id)).map((u) => ({ id: u.id, name: u.name, role: 'sales' as const, isSalesOwner: true })),
    ...managers.map((u) => ({ id: u.id, name: u.name, role: 'tech_manager' as const, isSalesOwner: false })),
    ...sales.filter((u) => !ownerIds.has(u.id)).map((u) => ({ id: u.id, name: u.name, role: 'sales' as const, isSalesOwner: false })),
  ];
  return out.filter((t, i) => out.findIndex((o) => o.id === t.id) === i);
}

// ── Writing ──

type Refs = Pick<TCreateCall, 'customerId' | 'contactId' | 'contractId' | 'equipmentId'>;

/** The references must exist and belong together (contact, contract and unit of that customer). */
async function assertRefs(db: Db, actor: Actor, refs: Refs, timeZone: string): Promise<void> {
  const customerId = refs.customerId ?? null;
  if (customerId !== null) {
    // The light checks (the customer's id, the contact's owner), not the whole customer with its
    // contacts and phones: this runs on every call saved.
    await requireCustomerRefs(db, [customerId], () => 'customerId').catch(() => {
      throw fieldError('customerId', { zh: '没有这个客户', en: 'no such customer' });
    });
    if (refs.contactId && !(await isContactOf(db, customerId, refs.contactId)))
      throw fieldError('contactId', { zh: '不是该客户的联系人', en: "not one of this customer's contacts" });
  } else if (refs.contactId || refs.contractId || refs.equipmentId) {
    const field = refs.contactId ? 'contactId' : refs.contractId ? 'contractId' : 'equipmentId';
    throw fieldError(field, { zh: '请先选择客户', en: 'choose the customer first' });
  }
  if (refs.contractId) {
    const c = await getContractCommitments(db, refs.contractId).catch(() => {
      throw fieldError('contractId', { zh: '没有这个合同', en: 'no such contract' });
    });
    if (c.customerId !== customerId) throw fieldError('contractId', { zh: '不是该客户的合同', en: "not this customer's contract" });
  }
  if (refs.equipmentId) {
    const u = await getEquipment(db, actor, refs.equipmentId, todayIn(timeZone)).catch(() => {
      throw fieldError('equipmentId', { zh: '没有这台设备', en: 'no such unit' });
    });
    if (u.customer.id !== customerId || (refs.contractId && u.contractId !== refs.contractId))
      throw fieldError('equipmentId', { zh: '不是该客户（合同）的设备', en: "not this customer's (contract's) unit" });
  }
}

/** A forward target: an active technical manager or sales. */
async function assertForwardTarget(db: Db, id: number, path: string): Promise<string> {
  const u = await getUser(db, id).catch(() => null);
  if (!u?.active || !u.roles.some((r) => r === 'tech_manager' || r === 'sales'))
    throw fieldError(path, { zh: '须为在职的技术经理或销售', en: 'must be an active technical manager or sales' });
  return u.name;
}

function logRow(
  callId: number,
  at: string,
  actor: Actor | null,
  e: Partial<Insertable<PhoneCallLogTable>> & { kind: string; channel: string; text: string },
) {
  return {
    call_id: callId,
    at,
    hours: null,
    email_to: null,
    subject: null,
    delivery_state: null,
    outbox_id: null,
    by_id: actor?.id ?? null,
    created_at: new Date().toISOString(),
    ...e,
  };
}

function stepText(action: TCallAction, detail?: string | null): string {
  const l = CALL_ACTION_LABELS[action];
  return detail ? `${l.zh} / ${l.en}: ${detail}` : `${l.zh} / ${l.en}`;
}

/** Everyone who must hear of a critical call at once (R-CALL-5): every technical manager, and the sales owner(s). */
async function criticalRecipients(db: Db, r: Pick<repo.CallRow, 'contract_id' | 'customer_id'>): Promise<number[]> {
  const managers = await activeUserIdsWithRole(db, 'tech_manager');
  let owners: number[] = [];
  if (r.contract_id !== null) {
    const c = await getContractCommitments(db, Number(r.contract_id));
    owners = c.salesOwner ? [c.salesOwner.id] : [];
  } else if (r.customer_id !== null) {
    owners = (await getCustomerCommitments(db, Number(r.customer_id)))
      .filter((c) => c.status === 'active' && c.salesOwner)
      .map((c) => c.salesOwner!.id);
  }
  return [...new Set([...managers.map(Number), ...owners])];
}

/** The names the alarm's log entries give its recipients (the active users'); none to name: no read. */
async function recipientNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  return ids.length === 0 ? new Map() : new Map((await listUserOptions(db, undefined)).map((u) => [u.id, u.name]));
}

/** The recipients of a critical call's alarm and the names its log entries give them. */
async function criticalAudience(db: Db, r: Pick<repo.CallRow, 'contract_id' | 'customer_id'>) {
  const ids = await criticalRecipients(db, r);
  return { ids, names: await recipientNames(db, ids) };
}

type CriticalAudience = Awaited<ReturnType<typeof criticalAudience>>;

/**
 * R-CALL-5: the technical managers and the sales owner are told at once (once per person per call:
 * the dedupe key). The delivery outbox fans notifications out to e-mail and group robots.
 */
function criticalNotices(r: repo.CallRow, ids: readonly number[]): NotifyInput[] {
  const problem = r.serious_problem ? ` (${r.serious_problem === 'system_down' ? '系统完全停机' : '频繁报错'})` : '';
  return ids.map((userId) => ({
    userId,
    kind: 'call_critical',
    titleZh: `严重来电 ${r.number}${problem}：${r.customer_name ?? r.company}`,
    titleEn: `Critical call ${r.number}: ${r.customer_name ?? r.company}`,
    body: r.symptom.slice(0, 500),
    entity: 'call',
    entityId: Number(r.id),
    // One key per call (a notification is unique per user and key): each person is told once, and
    // a group robot, keyed by the cause, posts the call once however many people are told.
    dedupeKey: `call-critical:${r.id}`,
  }));
}

/** Each notice of the alarm, listed on the call. */
function criticalLog(r: repo.CallRow, a: CriticalAudience, at: string) {
  return a.ids.map((userId) =>
    logRow(Number(r.id), at, null, {
      kind: 'notice',
      channel: 'in_app',
      text: `严重来电已通知 ${a.names.get(userId) ?? userId} / Critical call notified to ${a.names.get(userId) ?? userId}`,
    }),
  );
}

/** R-CALL-5 on a call raised to critical: the alarm, listed on the call if anyone new was told. */
async function raiseCritical(trx: Db, r: repo.CallRow, at: string): Promise<void> {
  const ids = await criticalRecipients(trx, r);
  const fresh = await notify(trx, criticalNotices(r, ids), at);
  // Everyone told already (raised again): no log entry, so no names to read.
  if (fresh === 0) return;
  await repo.insertLog(trx, criticalLog(r, { ids, names: await recipientNames(trx, ids) }, at));
}

function holderNotice(r: repo.CallRow, userId: number, tag: string): NotifyInput {
  return {
    userId,
    kind: 'call_forwarded',
    titleZh: `来电 ${r.number} 已转交给您：${r.customer_name ?? r.company}`,
    titleEn: `Call ${r.number} passed to you: ${r.customer_name ?? r.company}`,
    body: r.symptom.slice(0, 500),
    entity: 'call',
    entityId: Number(r.id),
    dedupeKey: `call-hold:${r.id}:${userId}:${tag}`,
  };
}

/**
 * R-CALL-4: the customer gets a status e-mail on every change of state, if he agreed and gave an
 * address, queued in the delivery outbox with the step. In Chinese: the customer's language is not
 * known (the footer says so in English).
 */
async function queueStatusEmail(trx: Db, r: repo.CallRow, to: TCallState, at: string, actor: Actor, timeZone: string) {
  if (Number(r.status_emails) !== 1 || !r.email) return [];
  const label = CALL_STATE_LABELS[to];
  const calledAt = new Intl.DateTimeFormat('zh-CN', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(r.called_at));
  const subject = `来电 ${r.number} 状态更新：${label.zh}`;
  const body = [
    `您好，`,
    `您于 ${calledAt} 报修的问题「${r.symptom.slice(0, 200)}」（来电编号 ${r.number}）当前状态：${label.zh}。`,
    `如有疑问，请回复本邮件或致电我们，并提供来电编号。`,
    '--',
    `This e-mail is in Chinese because we do not know your language. Your call ${r.number} is now: ${label.en}.`,
  ].join('\n');
  const [outboxId] = await queueCustomerEmails(trx, [{ to: r.email, subject, body }], at);
  return [
    logRow(Number(r.id), at, actor, {
      kind: 'status_email',
      channel: 'email',
      email_to: r.email,
      subject,
      text: body,
      outbox_id: outboxId,
    }),
  ];
}

/** Working minutes on the company's calendar from the call to `at` (R-CALL-6). */
async function workingMinutes(db: Db, calledAt: string, at: string, timeZone: string): Promise<number> {
  const calendar = await loadCalendarSpec(db, timeZone);
  return Math.max(0, Math.round(coveredMinutesBetween(new Date(calledAt), new Date(at), WORKING_HOURS, calendar)));
}

/** The first response clock stops at the first contact or e-mail with the customer, or at the outcome. */
async function firstResponsePatch(db: Db, r: repo.CallRow, at: string, timeZone: string) {
  if (r.first_response_at !== null) return {};
  return { first_response_at: at, first_response_minutes: await workingMinutes(db, r.called_at, at, timeZone) };
}

function yearOf(timeZone: string, at: Date): number {
  return Number(todayIn(timeZone, at).slice(0, 4));
}

/** R-CALL-1: record a call. An unknown caller or company is recorded all the same ("not a customer yet"). */
export async function createCall(db: Db, actor: Actor, input: TCreateCall, timeZone: string): Promise<TCall> {
  const calledAt = input.calledAt ? new Date(input.calledAt) : new Date();
  if (calledAt.getTime() > Date.now() + 5 * 60_000) throw fieldError('calledAt', { zh: '不能晚于现在', en: 'must not be in the future' });
  // On SQLite calls saved together share one commit (db/transaction.ts): this check awaits nothing
  // but the database, and may run twice (once in a group another member made fail).
  const { write, id, number } = await createRepo.insertCreatedCall(db, async (trx) => {
    await assertRefs(trx, actor, input, timeZone);
    if (input.forwardToId) await assertForwardTarget(trx, input.forwardToId, 'forwardToId');
    const plan = await planCall(trx, actor, input, calledAt, timeZone);
    return { ...plan, dependents: (created: { id: number; number: string }) => callDependents(actor, plan, createdCallRow(plan, created)) };
  });
  return toCall(actor, createdCallRow(write, { id, number }));
}

/** A checked call's row but its number, what it is shown with, and who hears of it. */
async function planCall(trx: Db, actor: Actor, input: TCreateCall, calledAt: Date, timeZone: string) {
  const at = new Date().toISOString();
  const critical = input.seriousProblem != null;
  const row = {
    state: input.forwardToId ? 'forwarded' : 'new',
    severity: critical ? 'critical' : 'normal',
    serious_problem: input.seriousProblem ?? null,
    caller_name: input.callerName,
    company: input.company,
    phone_raw: input.phone,
    phone_number: normalisePhone(input.phone)?.number ?? null,
    customer_id: input.customerId ?? null,
    contact_id: input.contactId ?? null,
    contract_id: input.contractId ?? null,
    equipment_id: input.equipmentId ?? null,
    equipment_sn: input.equipmentSn ?? null,
    product_type: input.productType,
    symptom: input.symptom,
    email: input.email ?? null,
    status_emails: input.statusEmails ? 1 : 0,
    called_at: calledAt.toISOString(),
    received_by_id: actor.id,
    holder_id: input.forwardToId ?? null,
    service_request_id: null,
    duplicate_of_id: null,
    outcome_note: null,
    first_response_at: null,
    first_response_minutes: null,
    outcome_at: null,
    resolution_minutes: null,
    last_reminded_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  return {
    numbering: { prefix: NUMBER_PREFIX, year: yearOf(timeZone, calledAt) },
    row,
    names: await repo.findNewCallNames(trx, row),
    critical: critical ? await criticalAudience(trx, row) : null,
    at,
  };
}

type CallPlan = Awaited<ReturnType<typeof planCall>>;

/** The call as findCallById would read it back, from what was written and read: nothing is read after the write. */
function createdCallRow(plan: CallPlan, created: { id: number; number: string }): repo.CallRow {
  return { id: created.id, number: created.number, ...plan.row, ...plan.names, request_number: null, duplicate_number: null };
}

/**
 * What is written with a new call: the forward's notice and the critical alarm (R-CALL-5) in one
 * write, their log entries in one (one insert each, so their ids follow this order on both
 * engines: a statement's CTEs run in no set order), the search entry, the audit entry.
 */
function callDependents(actor: Actor, plan: CallPlan, row: repo.CallRow): DependentWrite[] {
  const id = Number(row.id);
  const holderId = num(row.holder_id);
  const told = plan.critical?.ids ?? [];
  const notices = [...(holderId !== null ? [holderNotice(row, holderId, 'v1')] : []), ...criticalNotices(row, told)];
  const log = [
    ...(holderId !== null
      ? [logRow(id, plan.at, actor, { kind: 'step', channel: 'in_app', text: stepText('forward', row.holder_name) })]
      : []),
    ...(plan.critical ? criticalLog(row, plan.critical, plan.at) : []),
  ];
  return [
    ...notificationsOfNewRecord(notices, plan.at),
    ...(log.length > 0 ? [repo.newCallLogWrite(log)] : []),
    newCallEntry(row, `${plan.numbering.prefix}-${plan.numbering.year}-`),
    auditOfNewRecord(actor, { entity: 'call', entityId: id, action: 'create', after: toCall(actor, row) }),
  ];
}

/** R-CALL-3: the technical manager or sales fill in the call record; raising it to critical alarms (R-CALL-5). */
export async function updateCall(db: Db, actor: Actor, id: number, input: TUpdateCall, timeZone: string): Promise<TCall> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    const refs: Refs = {
      customerId: input.customerId !== undefined ? input.customerId : num(before.customer_id),
      contactId: input.contactId !== undefined ? input.contactId : num(before.contact_id),
      contractId: input.contractId !== undefined ? input.contractId : num(before.contract_id),
      equipmentId: input.equipmentId !== undefined ? input.equipmentId : num(before.equipment_id),
    };
    await assertRefs(trx, actor, refs, timeZone);
    const serious = input.seriousProblem !== undefined ? input.seriousProblem : (before.serious_problem as TSeriousProblem | null);
    const severity = input.severity ?? (serious && input.seriousProblem !== undefined ? 'critical' : (before.severity as TCallSeverity));
    await repo.updateCall(trx, id, input.version, {
      ...(input.callerName !== undefined && { caller_name: input.callerName }),
      ...(input.company !== undefined && { company: input.company }),
      ...(input.productType !== undefined && { product_type: input.productType }),
      ...(input.symptom !== undefined && { symptom: input.symptom }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.statusEmails !== undefined && { status_emails: input.statusEmails ? 1 : 0 }),
      customer_id: refs.customerId ?? null,
      contact_id: refs.contactId ?? null,
      contract_id: refs.contractId ?? null,
      equipment_id: refs.equipmentId ?? null,
      serious_problem: serious,
      severity,
      updated_at: new Date().toISOString(),
    });
    const row = await load(trx, id);
    if (severity === 'critical' && before.severity !== 'critical') await raiseCritical(trx, row, row.updated_at);
    await indexCall(trx, row);
    const after = toCall(actor, row);
    await recordAudit(trx, actor, { entity: 'call', entityId: id, action: 'update', before: toCall(actor, before), after });
    return after;
  });
}

function refusal(state: TCallState, action: TCallAction, reason: 'illegal_transition' | 'role_not_allowed' | 'not_assigned'): AppError {
  if (reason === 'illegal_transition') {
    const a = CALL_ACTION_LABELS[action];
    return new AppError('CALL_ILLEGAL_TRANSITION', [
      { path: 'state', message: state, code: 'current_state' },
      { path: 'action', message: `${action} (${a.zh} / ${a.en}) is not possible from ${state}`, code: 'step' },
    ]);
  }
  return new AppError(reason === 'role_not_allowed' ? 'PERMISSION_DENIED' : 'CALL_NOT_HOLDER');
}

const PRIORITY_OF: Record<TCallSeverity, TServiceRequestPriority> = { critical: 'urgent', high: 'high', normal: 'normal', low: 'low' };

/**
 * R-CALL-3 on-site: the service request is created by the service-requests module (its own
 * transaction, origin 'call', the call's number as origin reference), then the call is linked to it
 * and closed as converted. If the call changed meanwhile the link is refused with a version
 * conflict; the request then still names the call as its origin.
 */
async function convertCall(
  db: Db,
  actor: Actor,
  before: repo.CallRow,
  body: TCallStep,
  timeZone: string,
  locale: TLocale,
): Promise<number> {
  if (before.customer_id === null)
    throw fieldError('customerId', { zh: '转服务要求单前须先确定客户', en: 'set the customer before converting' });
  let contractId = body.contractId ?? num(before.contract_id);
  if (contractId === null) {
    const active = (await getCustomerCommitments(db, Number(before.customer_id))).filter((c) => c.status === 'active');
    if (active.length === 1) contractId = active[0].id;
  }
  const engineerId =
    body.responsibleEngineerId ?? (before.holder_id !== null && before.state === 'remote' ? Number(before.holder_id) : undefined);
  const sr = await createServiceRequest(
    db,
    actor,
    {
      kind: body.kind ?? 'emergency_repair',
      customerId: Number(before.customer_id),
      contractId,
      origin: 'call',
      originRef: before.number,
      contactName: before.contact_name ?? before.caller_name,
      contactPhone: before.phone_raw,
      siteAddress: body.siteAddress ?? null,
      description: `${before.product_type}：${before.symptom}`.slice(0, 8000),
      equipmentIds: before.equipment_id !== null ? [Number(before.equipment_id)] : [],
      responsibleEngineerId: engineerId ?? null,
      priority: PRIORITY_OF[before.severity as TCallSeverity],
      remarks: `来电 / Call ${before.number}`,
      issue: engineerId !== undefined,
    },
    timeZone,
    locale,
  );
  return sr.id;
}

/** One step of the call workflow (`applyCallAction`): 409 when the state does not allow it, 403 for the wrong person. */
export async function takeCallStep(
  db: Db,
  actor: Actor,
  id: number,
  action: TCallAction,
  body: TCallStep,
  timeZone: string,
  locale: TLocale,
): Promise<TCall> {
  const first = await loadReadable(db, actor, id);
  const check = applyCallAction(first.state as TCallState, action, actor.roles, relationOf(actor, first));
  if (!check.ok) throw refusal(check.from, action, check.reason);
  if (body.version !== undefined && body.version !== Number(first.version)) throw new AppError('VERSION_CONFLICT');
  // Per-action inputs, each refused naming its field before anything is written.
  if (action === 'forward' && !body.holderId) throw fieldError('holderId', { zh: '请选择转交对象', en: 'choose whom to forward to' });
  if (action === 'assign_remote' && !body.engineerId)
    throw fieldError('engineerId', { zh: '请选择远程处理的工程师', en: 'choose the engineer' });
  if (action === 'decline' && !body.reason) throw fieldError('reason', { zh: '婉拒须填写原因', en: 'a reason is required to decline' });
  if (action === 'mark_duplicate' && !body.duplicateOfId)
    throw fieldError('duplicateOfId', { zh: '请选择原来电', en: 'choose the original call' });
  if (action === 'forward') await assertForwardTarget(db, body.holderId!, 'holderId');
  if (action === 'assign_remote') await assertEngineer(db, body.engineerId!, 'engineerId');
  if (action === 'mark_duplicate') {
    if (body.duplicateOfId === id) throw fieldError('duplicateOfId', { zh: '不能是本来电', en: 'must be another call' });
    await load(db, body.duplicateOfId!).catch(() => {
      throw fieldError('duplicateOfId', { zh: '没有这个来电', en: 'no such call' });
    });
  }
  const serviceRequestId = action === 'convert' ? await convertCall(db, actor, first, body, timeZone, locale) : null;

  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (Number(before.version) !== Number(first.version)) throw new AppError('VERSION_CONFLICT');
    const state = before.state as TCallState;
    const to = check.to;
    const at = new Date().toISOString();
    const outcome = CALL_OUTCOME_STATES.includes(to);
    const holderId =
      action === 'forward' ? body.holderId! : action === 'assign_remote' ? body.engineerId! : (num(before.holder_id) ?? null);
    const note = action === 'decline' ? body.reason! : (body.note ?? null);
    await repo.updateCall(trx, id, Number(before.version), {
      state: to,
      holder_id: holderId,
      ...(serviceRequestId !== null && { service_request_id: serviceRequestId }),
      ...(action === 'mark_duplicate' && { duplicate_of_id: body.duplicateOfId! }),
      ...(note !== null && { outcome_note: note }),
      ...(outcome && {
        outcome_at: at,
        resolution_minutes: await workingMinutes(trx, before.called_at, at, timeZone),
        ...(await firstResponsePatch(trx, before, at, timeZone)),
      }),
      updated_at: at,
    });
    const row = await load(trx, id);
    const detail =
      action === 'forward' || action === 'assign_remote'
        ? row.holder_name
        : action === 'convert'
          ? row.request_number
          : action === 'mark_duplicate'
            ? row.duplicate_number
            : note;
    await repo.insertLog(trx, [
      logRow(id, at, actor, { kind: 'step', channel: 'in_app', text: stepText(action, detail) }),
      ...(await queueStatusEmail(trx, row, to, at, actor, timeZone)),
    ]);
    if ((action === 'forward' || action === 'assign_remote') && holderId !== null)
      await notify(trx, [holderNotice(row, holderId, `v${row.version}`)], at);
    await indexCall(trx, row);
    const after = toCall(actor, row);
    await recordAudit(trx, actor, {
      entity: 'call',
      entityId: id,
      action,
      before: { state, holderId: num(before.holder_id) },
      after: { state: to, holderId, ...(serviceRequestId !== null && { serviceRequestId }), ...(note && { note }) },
    });
    return after;
  });
}

/**
 * The call's remote handling as hours (R-FLOW-1): every logged entry with hours, on its day in the
 * company's zone, replaces the call's hour entries (work-hours module; its roll-ups follow).
 */
async function recordRemoteHours(trx: Db, actor: Actor, row: repo.CallRow, timeZone: string): Promise<void> {
  const log = await repo.findLog(trx, Number(row.id));
  await recordWorkHours(trx, actor, {
    source: { entity: 'phone_call', id: Number(row.id) },
    entries: log
      .filter((l) => l.hours !== null && l.by_id !== null)
      .map((l) => ({
        engineerId: Number(l.by_id),
        workDate: isoDateOfInstant(l.at, timeZone),
        kind: 'remote' as const,
        hours: Number(l.hours),
        serviceRequestId: num(row.service_request_id),
        customerId: num(row.customer_id),
        contractId: num(row.contract_id),
        note: l.text.slice(0, 200),
      })),
  });
}

/** Entries that stop the first-response clock and how they are written (R-CALL-4). */
async function appendHandling(
  db: Db,
  actor: Actor,
  id: number,
  entry: (trx: Db, r: repo.CallRow, at: string) => Promise<ReturnType<typeof logRow>> | ReturnType<typeof logRow>,
  timeZone: string,
): Promise<TCallDetail> {
  await transact(db, async (trx) => {
    const row = await loadReadable(trx, actor, id);
    if (!mayHandle(actor, row)) throw new AppError('CALL_NOT_HOLDER');
    if (CALL_OUTCOME_STATES.includes(row.state as TCallState)) throw refusal(row.state as TCallState, 'resolve', 'illegal_transition');
    const at = new Date().toISOString();
    const e = await entry(trx, row, at);
    await repo.insertLog(trx, [e]);
    if (e.hours !== null && e.hours !== undefined) await recordRemoteHours(trx, actor, row, timeZone);
    const patch = await firstResponsePatch(trx, row, e.at, timeZone);
    if (Object.keys(patch).length > 0) await repo.updateCall(trx, id, Number(row.version), { ...patch, updated_at: at });
    await recordAudit(trx, actor, { entity: 'call', entityId: id, action: `log_${e.kind}`, after: { channel: e.channel, text: e.text } });
  });
  return getCall(db, actor, id, timeZone);
}

/** R-CALL-4: the engineer logs a contact with the customer (time, channel, what was done, hours). */
export function logCallContact(db: Db, actor: Actor, id: number, input: TCreateCallLog, timeZone: string): Promise<TCallDetail> {
  if (input.at && new Date(input.at).getTime() > Date.now() + 5 * 60_000)
    throw fieldError('at', { zh: '不能晚于现在', en: 'must not be in the future' });
  return appendHandling(
    db,
    actor,
    id,
    (_trx, _r, at) =>
      logRow(id, input.at ? new Date(input.at).toISOString() : at, actor, {
        kind: 'contact',
        channel: input.channel,
        text: input.text,
        hours: input.hours ?? null,
      }),
    timeZone,
  );
}

/** R-CALL-4: diagnostic steps by e-mail, kept on the call as sent, queued in the delivery outbox with the entry. */
export function sendCallEmail(db: Db, actor: Actor, id: number, input: TSendCallEmail, timeZone: string): Promise<TCallDetail> {
  return appendHandling(
    db,
    actor,
    id,
    async (trx, r, at) => {
      const to = input.to ?? r.email;
      if (!to) throw fieldError('to', { zh: '来电没有邮箱，请填写收件人', en: 'the call has no e-mail address: give one' });
      const [outboxId] = await queueCustomerEmails(trx, [{ to, subject: input.subject, body: input.text }], at);
      return logRow(id, at, actor, {
        kind: 'diagnostic_email',
        channel: 'email',
        email_to: to,
        subject: input.subject,
        text: input.text,
        outbox_id: outboxId,
      });
    },
    timeZone,
  );
}

/** R-CALL-2: the receiver reminds whoever holds his call — at most once an hour per call. */
export async function remindHolder(db: Db, actor: Actor, id: number, timeZone: string): Promise<TCallDetail> {
  await transact(db, async (trx) => {
    const row = await loadReadable(trx, actor, id);
    if (row.holder_id === null || CALL_OUTCOME_STATES.includes(row.state as TCallState)) throw new AppError('CALL_NOT_HELD');
    if (!mayRemind(actor, row)) throw new AppError('PERMISSION_DENIED');
    const now = Date.now();
    const at = new Date(now).toISOString();
    if (!(await repo.stampReminder(trx, id, at, new Date(now - REMIND_INTERVAL_MS).toISOString())))
      throw new AppError('CALL_REMIND_TOO_SOON');
    await notify(
      trx,
      [
        {
          userId: Number(row.holder_id),
          kind: 'call_reminder',
          titleZh: `请尽快处理来电 ${row.number}：${row.customer_name ?? row.company}`,
          titleEn: `Reminder: call ${row.number} from ${row.customer_name ?? row.company} is waiting`,
          body: row.symptom.slice(0, 500),
          entity: 'call',
          entityId: id,
          dedupeKey: `call-remind:${id}:${at}`,
        },
      ],
      at,
    );
    await repo.insertLog(trx, [
      logRow(id, at, actor, { kind: 'notice', channel: 'in_app', text: `已提醒处理人 ${row.holder_name ?? ''} / Holder reminded` }),
    ]);
    await recordAudit(trx, actor, { entity: 'call', entityId: id, action: 'remind', after: { holderId: Number(row.holder_id) } });
  });
  return getCall(db, actor, id, timeZone);
}
