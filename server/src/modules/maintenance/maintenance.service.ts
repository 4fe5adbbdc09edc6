import { randomUUID } from 'node:crypto';
import type { TLocale } from '@contract/common';
import {
  PM_AGREE_WORKING_DAYS_DEFAULT,
  PM_UNAGREED_ALERT_WORKING_DAYS,
  type TAgreePmVisit,
  type TGeneratePmPlan,
  type TPmCompletionPage,
  type TPmCompletionQuery,
  type TPmGap,
  type TPmPlan,
  type TPmPlanQuery,
  type TPmPlanSummary,
  type TPmVisit,
  type TPmVisitQuery,
  type TPmVisitState,
  type TUpdatePmVisit,
} from '@contract/maintenance';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit, recordAuditMany } from '../audit/audit.service';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { addWorkingDays, localDateOf, type TCalendarSpec } from '../calendar/working-calendar';
import type { FileStore } from '../files/file-store';
import { queueCustomerEmails } from '../notifications/delivery.service';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import { assertBackupDiffers, assertEngineer, createServiceRequest } from '../service-requests/service-requests.service';
import { printForm } from '../company/company.service';
import { type TIcsVisit, timetableIcs, visitStartMs } from './maintenance.ics';
import { pmTimetableForm } from './maintenance.form';
import * as repo from './maintenance.repo';
import type { PmVisitTable } from './maintenance.table';
import { plannedDates, RecurrenceError, reconcileVisits, SETTLED_STATES, type TPlannedDate } from './pm-timetable';
import type { Insertable } from 'kysely';

// ── Reading ──

const ref = (id: number | string, name: string | null) => ({ id: Number(id), name: name ?? '' });

export function toVisit(r: repo.VisitRow): TPmVisit {
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    contract: { id: Number(r.contract_id), number: r.contract_number },
    customer: ref(r.customer_id, r.customer_name),
    uid: r.uid,
    sequence: Number(r.sequence),
    sentSequence: r.sent_sequence === null ? null : Number(r.sent_sequence),
    naturalDate: r.natural_date,
    plannedDate: r.planned_date,
    startTime: r.start_time,
    durationMinutes: Number(r.duration_minutes),
    downtimeMinutes: Number(r.downtime_minutes),
    responsibleEngineer: ref(r.responsible_engineer_id, r.responsible_name),
    backupEngineer: ref(r.backup_engineer_id, r.backup_name),
    equipmentIds: JSON.parse(r.equipment_ids) as number[],
    state: r.state as TPmVisitState,
    agreedPlace: r.agreed_place,
    agreedSystemState: r.agreed_system_state,
    agreedDowntime: r.agreed_downtime,
    openProblems: r.open_problems,
    agreedBy: r.agreed_by_id === null ? null : ref(r.agreed_by_id, r.agreed_by_name),
    agreedAt: r.agreed_at,
    serviceRequest: r.service_request_id === null ? null : { id: Number(r.service_request_id), number: r.service_request_number ?? '' },
    doneAt: r.done_at,
    version: Number(r.version),
  };
}

async function planOf(db: Db, p: repo.PlanRow): Promise<TPmPlan> {
  const visits = (await repo.listVisitsOfPlan(db, Number(p.id))).map(toVisit);
  const equipment = await repo.findEquipment(db, JSON.parse(p.equipment_ids) as number[]);
  return {
    id: Number(p.id),
    contract: { id: Number(p.contract_id), number: p.contract_number },
    customer: ref(p.customer_id, p.customer_name),
    rrule: p.rrule,
    visitsPerYear: p.pm_visits_per_year === null ? null : Number(p.pm_visits_per_year),
    periodStart: p.period_start,
    periodEnd: p.period_end,
    startTime: p.start_time,
    durationMinutes: Number(p.duration_minutes),
    downtimeMinutes: Number(p.downtime_minutes),
    responsibleEngineer: ref(p.responsible_engineer_id, p.responsible_name),
    backupEngineer: ref(p.backup_engineer_id, p.backup_name),
    equipment: equipment.map((e) => ({ id: Number(e.id), productType: e.product_type, brand: e.brand, model: e.model, sn: e.sn })),
    sentAt: p.sent_at,
    sentTo: p.sent_to,
    unsentChanges: visits.filter((v) => v.sentSequence === null || v.sentSequence < v.sequence).length,
    visits,
    version: Number(p.version),
  };
}

export async function listPmPlans(db: Db, q: TPmPlanQuery): Promise<Page<TPmPlanSummary>> {
  const { rows, total } = await repo.listPlans(db, q);
  return {
    items: rows.map((p) => ({
      id: Number(p.id),
      contract: { id: Number(p.contract_id), number: p.contract_number },
      customer: ref(p.customer_id, p.customer_name),
      periodStart: p.period_start,
      periodEnd: p.period_end,
      responsibleEngineer: ref(p.responsible_engineer_id, p.responsible_name),
      backupEngineer: ref(p.backup_engineer_id, p.backup_name),
      visits: Number(p.visit_count ?? 0),
      done: Number(p.done_count ?? 0),
      sentAt: p.sent_at,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A contract's timetable, or null when it has none yet (the contract must exist). */
export async function getPlanOfContract(db: Db, contractId: number): Promise<TPmPlan | null> {
  const p = await repo.findPlanOfContract(db, contractId);
  return p ? planOf(db, p) : null;
}

export async function getPlan(db: Db, id: number): Promise<TPmPlan> {
  const p = await repo.findPlanById(db, id);
  if (!p) throw new AppError('NOT_FOUND');
  return planOf(db, p);
}

export async function getVisit(db: Db, id: number): Promise<TPmVisit> {
  const v = await repo.findVisitById(db, id);
  if (!v) throw new AppError('NOT_FOUND');
  return toVisit(v);
}

export async function listPmVisits(db: Db, q: TPmVisitQuery): Promise<Page<TPmVisit>> {
  const { rows, total } = await repo.listVisits(db, q);
  return { items: rows.map(toVisit), total, page: q.page, pageSize: q.pageSize };
}

export async function listPmVisitsAfter(db: Db, q: Omit<TPmVisitQuery, 'page' | 'pageSize'>, afterId: number, limit: number) {
  const rows = await repo.listVisitsAfter(db, q, afterId, limit);
  return rows.map(toVisit);
}

/** R-PM-1: contracts with routine inspections and no timetable. */
export async function listPmGaps(db: Db): Promise<TPmGap[]> {
  return (await repo.listGaps(db)).map((r) => ({
    contract: { id: Number(r.id), number: r.number },
    customer: ref(r.customer_id, r.customer_name),
    pmVisitsPerYear: Number(r.pm_visits_per_year),
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}

/**
 * PM completion per contract for a year (R-PM-7): done, due (today or later), overdue (passed, not
 * done), most overdue first, a page at a time, with the year's totals.
 */
export async function pmCompletion(db: Db, q: Partial<TPmCompletionQuery>, timeZone: string, now = new Date()): Promise<TPmCompletionPage> {
  const today = todayIn(timeZone, now);
  const year = q.year ?? Number(today.slice(0, 4));
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [rows, t] = await Promise.all([
    repo.completionPage(db, from, to, today, { contractId: q.contractId, limit: pageSize, offset: (page - 1) * pageSize }),
    repo.completionTotals(db, from, to, today, q.contractId),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    year,
    today,
    totals: { contracts: n(t.contracts), planned: n(t.planned), done: n(t.done), due: n(t.due), overdue: n(t.overdue) },
    items: rows.map((r) => ({
      contract: { id: Number(r.contract_id), number: r.contract_number },
      customer: ref(r.customer_id, r.customer_name),
      planned: n(r.planned),
      done: n(r.done),
      due: n(r.due),
      overdue: n(r.overdue),
    })),
    total: n(t.contracts),
    page,
    pageSize,
  };
}

// ── Generating (R-PM-1, R-PM-2) ──

function recurrenceError(e: RecurrenceError): AppError {
  switch (e.problem) {
    case 'no_commitment':
      return new AppError('PM_NOT_COMMITTED');
    case 'bad_period':
      return new AppError('PM_CONTRACT_PERIOD_MISSING');
    case 'empty':
      return new AppError('PM_RECURRENCE_EMPTY', [
        issue('rrule', { zh: '服务期内没有任何一次检查', en: 'gives no visit in the service period' }, 'pm_recurrence_empty'),
      ]);
    case 'too_many':
      return new AppError('PM_RECURRENCE_TOO_MANY', [
        issue('rrule', { zh: '检查次数过多', en: 'gives too many visits' }, 'pm_recurrence_too_many'),
      ]);
    default:
      return new AppError('PM_RECURRENCE_INVALID', [
        issue(
          'rrule',
          { zh: '重复规则无法识别（如 FREQ=MONTHLY;INTERVAL=3）', en: 'cannot be read (e.g. FREQ=MONTHLY;INTERVAL=3)' },
          'pm_recurrence_invalid',
        ),
      ]);
  }
}

export interface TGenerateItem {
  contractId: number;
  input: TGeneratePmPlan;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The visit fields a plan gives every visit. */
function visitFields(input: TGeneratePmPlan, equipmentIds: readonly number[]) {
  return {
    start_time: input.startTime,
    duration_minutes: input.durationMinutes,
    downtime_minutes: input.downtimeMinutes,
    responsible_engineer_id: input.responsibleEngineerId,
    backup_engineer_id: input.backupEngineerId,
    equipment_ids: JSON.stringify(equipmentIds),
  };
}

async function generateChunk(
  trx: Db,
  actor: Actor,
  items: readonly TGenerateItem[],
  calendar: TCalendarSpec,
  at: string,
): Promise<number[]> {
  const ids = items.map((i) => i.contractId);
  const [contracts, plans, units] = await Promise.all([
    repo.findContractsForPlans(trx, ids),
    repo.findPlansOfContracts(trx, ids),
    repo.findEquipmentOfContracts(trx, ids),
  ]);
  const contractById = new Map(contracts.map((c) => [Number(c.id), c]));
  const planByContract = new Map(plans.map((p) => [Number(p.contract_id), p]));
  const unitsByContract = new Map<number, number[]>();
  for (const u of units) {
    const list = unitsByContract.get(Number(u.contract_id)) ?? [];
    list.push(Number(u.id));
    unitsByContract.set(Number(u.contract_id), list);
  }
  const existingVisits = await repo.findPlanVisitStates(
    trx,
    plans.map((p) => Number(p.id)),
  );
  const newPlans: Insertable<import('./maintenance.table').PmPlanTable>[] = [];
  const newPlanDates: { contractId: number; dates: TPlannedDate[]; fields: ReturnType<typeof visitFields> }[] = [];
  const planIds: number[] = [];
  const audits: Parameters<typeof recordAuditMany>[2][number][] = [];
  for (const { contractId, input } of items) {
    const c = contractById.get(contractId);
    if (!c) throw new AppError('NOT_FOUND');
    if (!c.pm_visits_per_year || Number(c.pm_visits_per_year) <= 0) throw new AppError('PM_NOT_COMMITTED');
    if (!c.start_date || !c.end_date) throw new AppError('PM_CONTRACT_PERIOD_MISSING');
    const contractUnits = unitsByContract.get(contractId) ?? [];
    const equipmentIds = input.equipmentIds ?? contractUnits;
    for (const [i, id] of equipmentIds.entries())
      if (!contractUnits.includes(id))
        throw new AppError('REFERENCE_INVALID', [
          issue(`equipmentIds.${i}`, { zh: '不是该合同的设备', en: "not one of the contract's units" }),
        ]);
    let dates: TPlannedDate[];
    try {
      dates = plannedDates(
        { periodStart: c.start_date, periodEnd: c.end_date, rrule: input.rrule, visitsPerYear: Number(c.pm_visits_per_year) },
        calendar,
      );
    } catch (e) {
      if (e instanceof RecurrenceError) throw recurrenceError(e);
      throw e;
    }
    const fields = visitFields(input, equipmentIds);
    const planFields = {
      rrule: input.rrule,
      period_start: c.start_date,
      period_end: c.end_date,
      start_time: input.startTime,
      duration_minutes: input.durationMinutes,
      downtime_minutes: input.downtimeMinutes,
      responsible_engineer_id: input.responsibleEngineerId,
      backup_engineer_id: input.backupEngineerId,
      equipment_ids: JSON.stringify(equipmentIds),
      updated_at: at,
    };
    const existing = planByContract.get(contractId);
    if (!existing) {
      newPlans.push({
        contract_id: contractId,
        ...planFields,
        sent_at: null,
        sent_to: null,
        created_by_id: actor.id,
        created_at: at,
        version: 1,
      });
      newPlanDates.push({ contractId, dates, fields });
      continue;
    }
    // Regeneration (after a contract change): agreed and done visits stay; open ones keep their UIDs.
    if (input.version === undefined || input.version !== Number(existing.version)) throw new AppError('VERSION_CONFLICT');
    const planId = Number(existing.id);
    await repo.updatePlan(trx, planId, Number(existing.version), planFields);
    const mine = existingVisits.filter((v) => Number(v.plan_id) === planId);
    const r = reconcileVisits(
      mine.map((v) => ({ id: Number(v.id), state: v.state, plannedDate: v.planned_date })),
      dates,
    );
    const timeChanged = existing.start_time !== input.startTime || Number(existing.duration_minutes) !== input.durationMinutes;
    for (const u of r.update) {
      const before = mine.find((v) => Number(v.id) === u.id);
      const moved = before?.planned_date !== u.date.planned || timeChanged;
      await repo.updateOpenVisit(trx, u.id, {
        ...fields,
        natural_date: u.date.natural,
        planned_date: u.date.planned,
        ...(moved && { sequence: Number(before?.sequence ?? 0) + 1 }),
        updated_at: at,
      });
    }
    for (const id of r.cancel) {
      const before = mine.find((v) => Number(v.id) === id);
      await repo.updateOpenVisit(trx, id, { state: 'cancelled', sequence: Number(before?.sequence ?? 0) + 1, updated_at: at });
    }
    await repo.insertVisits(
      trx,
      r.insert.map((d) => newVisitRow(planId, contractId, d, fields, at)),
    );
    planIds.push(planId);
    audits.push({
      entity: 'pm_plan',
      entityId: planId,
      action: 'regenerate',
      after: {
        rrule: input.rrule,
        updated: r.update.length,
        added: r.insert.length,
        cancelled: r.cancel.length,
        kept: mine.filter((v) => SETTLED_STATES.includes(v.state)).length,
      },
    });
  }
  const inserted = await repo.insertPlans(trx, newPlans);
  const visitRows = newPlanDates.flatMap((p, i) => p.dates.map((d) => newVisitRow(inserted[i], p.contractId, d, p.fields, at)));
  await repo.insertVisits(trx, visitRows);
  for (const [i, id] of inserted.entries()) {
    planIds.push(id);
    audits.push({
      entity: 'pm_plan',
      entityId: id,
      action: 'generate',
      after: { contractId: newPlanDates[i].contractId, rrule: newPlans[i].rrule, visits: newPlanDates[i].dates.length },
    });
  }
  await recordAuditMany(trx, actor, audits);
  return planIds;
}

function newVisitRow(
  planId: number,
  contractId: number,
  d: TPlannedDate,
  fields: ReturnType<typeof visitFields>,
  at: string,
): Insertable<PmVisitTable> {
  return {
    plan_id: planId,
    contract_id: contractId,
    uid: `pm-${randomUUID()}@fuwu`,
    sequence: 0,
    sent_sequence: null,
    natural_date: d.natural,
    planned_date: d.planned,
    ...fields,
    state: 'planned',
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

/**
 * Generate (or regenerate) the timetables of many contracts (R-PM-2): their visits spread by the
 * recurrence (or pmVisitsPerYear) over each service period and moved onto working days. Chunked:
 * each chunk is one transaction, and the event loop gets a turn between chunks. Answers plan ids.
 */
export async function generatePmPlans(db: Db, actor: Actor, items: readonly TGenerateItem[], timeZone: string): Promise<number[]> {
  const engineers = new Set<number>();
  for (const { input } of items) {
    assertBackupDiffers(input.responsibleEngineerId, input.backupEngineerId);
    engineers.add(input.responsibleEngineerId);
    engineers.add(input.backupEngineerId);
  }
  const first = items[0]?.input;
  for (const id of engineers)
    await assertEngineer(db, id, first && id === first.backupEngineerId ? 'backupEngineerId' : 'responsibleEngineerId');
  const calendar = await loadCalendarSpec(db, timeZone);
  const at = nowIso();
  const { size, inFlight } = repo.generateChunking(db);
  const chunks: (readonly TGenerateItem[])[] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  const results: number[][] = new Array(chunks.length);
  // PostgreSQL: up to `inFlight` chunks' transactions at once, each on its own connection, so that
  // this process builds the next chunk's rows while the server writes the previous one's (the
  // writes — foreign-key checks and six indexes a visit — are most of the time, and were waited for
  // one chunk after another). SQLite: one at a time (one writer, a synchronous driver).
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < chunks.length; k = next++) {
      if (k > 0) await yieldToLoop();
      results[k] = await transact(db, (trx) => generateChunk(trx, actor, chunks[k], calendar, at));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, chunks.length) }, worker));
  return results.flat();
}

/** One contract's timetable, generated or regenerated (R-PM-2). */
export async function generatePmPlan(db: Db, actor: Actor, contractId: number, input: TGeneratePmPlan, timeZone: string): Promise<TPmPlan> {
  const [id] = await generatePmPlans(db, actor, [{ contractId, input }], timeZone);
  return getPlan(db, id);
}

// ── Changing one visit ──

async function loadVisit(db: Db, id: number) {
  const v = await repo.findVisitById(db, id);
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

/** Move one visit: its UID stays, its SEQUENCE goes up, so the customer's calendar moves the event. */
export async function updatePmVisit(db: Db, actor: Actor, id: number, input: TUpdatePmVisit): Promise<TPmVisit> {
  return transact(db, async (trx) => {
    const before = await loadVisit(trx, id);
    if (before.state !== 'planned' && before.state !== 'agreeing') throw new AppError('PM_VISIT_SETTLED');
    const at = nowIso();
    const changed =
      (input.plannedDate !== undefined && input.plannedDate !== before.planned_date) ||
      (input.startTime !== undefined && input.startTime !== before.start_time) ||
      (input.downtimeMinutes !== undefined && input.downtimeMinutes !== Number(before.downtime_minutes));
    await repo.updateVisit(trx, id, input.version, {
      ...(input.plannedDate !== undefined && { planned_date: input.plannedDate }),
      ...(input.startTime !== undefined && { start_time: input.startTime }),
      ...(input.downtimeMinutes !== undefined && { downtime_minutes: input.downtimeMinutes }),
      ...(changed && { sequence: Number(before.sequence) + 1 }),
      updated_at: at,
    });
    const after = await getVisit(trx, id);
    await recordAudit(trx, actor, {
      entity: 'pm_visit',
      entityId: id,
      action: 'update',
      before: { plannedDate: before.planned_date, startTime: before.start_time, sequence: Number(before.sequence) },
      after: { plannedDate: after.plannedDate, startTime: after.startTime, sequence: after.sequence },
    });
    return after;
  });
}

// ── Sending (R-PM-2) ──

export interface TPmMailContext {
  timeZone: string;
  publicUrl: string;
  locale: TLocale;
  /** The From of e-mails, the calendar's ORGANIZER. */
  from: string;
}

function icsVisit(v: TPmVisit, plan: TPmPlan, equipment: string): TIcsVisit {
  return {
    uid: v.uid,
    sequence: v.sequence,
    plannedDate: v.plannedDate,
    startTime: v.startTime,
    durationMinutes: v.durationMinutes,
    summary: `例行检查 Routine inspection — ${plan.customer.name} ${plan.contract.number}`,
    description: [
      `合同 Contract: ${plan.contract.number}`,
      `设备 Equipment: ${equipment || '—'}`,
      `负责工程师 Responsible engineer: ${v.responsibleEngineer.name}`,
      `后备工程师 Backup engineer: ${v.backupEngineer.name}`,
      `需停机 Downtime needed: ${v.downtimeMinutes} min`,
    ].join('\n'),
    location: v.agreedPlace,
  };
}

const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

/** The timetable's calendar files: REQUEST for the visits, CANCEL for those the customer has that were cancelled since. */
export function planIcsFiles(plan: TPmPlan, ctx: Pick<TPmMailContext, 'timeZone' | 'from'>, now = Date.now()) {
  const equipment = plan.equipment.map((e) => `${e.brand} ${e.model}${e.sn ? ` (${e.sn})` : ''}`).join('; ');
  const organizer = { name: 'Fuwu', email: addressOf(ctx.from) };
  const calName = `例行检查 PM ${plan.contract.number}`;
  const active = plan.visits.filter((v) => v.state !== 'cancelled');
  const cancelled = plan.visits.filter((v) => v.state === 'cancelled' && v.sentSequence !== null && v.sentSequence < v.sequence);
  return {
    active,
    cancelled,
    request: timetableIcs(
      active.map((v) => icsVisit(v, plan, equipment)),
      { method: 'REQUEST', timeZone: ctx.timeZone, organizer, calName, now },
    ),
    cancel:
      cancelled.length === 0
        ? null
        : timetableIcs(
            cancelled.map((v) => icsVisit(v, plan, equipment)),
            { method: 'CANCEL', timeZone: ctx.timeZone, organizer, calName, now },
          ),
  };
}

/**
 * Send the timetable to the customer contact (R-PM-2): an e-mail with the PM Timetable PDF and the
 * .ics (METHOD:REQUEST; a second file with METHOD:CANCEL for visits cancelled since the last
 * sending), queued in the delivery outbox in one transaction with the visits marked as sent.
 */
export async function sendPmPlan(
  db: Db,
  store: FileStore,
  actor: Actor,
  planId: number,
  input: { contactId?: number },
  ctx: TPmMailContext,
): Promise<{ outboxId: number; to: string; visits: number; cancelled: number }> {
  const plan = await getPlan(db, planId);
  const contacts = await repo.findCustomerContacts(db, plan.customer.id);
  const contact = input.contactId ? contacts.find((c) => Number(c.id) === input.contactId) : contacts.find((c) => c.email);
  if (input.contactId && !contact)
    throw new AppError('REFERENCE_INVALID', [issue('contactId', { zh: '不是该客户的联系人', en: "not one of the customer's contacts" })]);
  if (!contact?.email)
    throw new AppError('PM_NO_CUSTOMER_EMAIL', [issue('contactId', { zh: '没有电子邮箱地址', en: 'has no e-mail address' })]);
  const printed = await printForm(db, store, pmTimetableForm(plan, ctx));
  const ics = planIcsFiles(plan, ctx);
  const subject = `例行检查计划表 PM timetable — ${plan.contract.number}`;
  const lines = ics.active.map((v) => `${v.plannedDate} ${v.startTime}  ${v.responsibleEngineer.name} / ${v.backupEngineer.name}`);
  const body = [
    `${contact.name} 您好：`,
    '',
    `附件为合同 ${plan.contract.number} 的例行检查计划表（PDF）及日历文件（.ics），可导入您的日历。每次检查前，我们的工程师会与您确认日期、地点、系统状态和停机时间。`,
    '',
    ...lines,
    '',
    `Attached are the routine inspection (PM) timetable of contract ${plan.contract.number} (PDF) and a calendar file (.ics). Before each visit our engineer will agree the date, place, system state and downtime with you.`,
  ].join('\n');
  const attachments = [
    { fileName: `${printed.title}-${printed.number}.pdf`, contentType: 'application/pdf', content: printed.pdf },
    {
      fileName: `pm-${plan.contract.number}.ics`,
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      content: Buffer.from(ics.request, 'utf8'),
    },
    ...(ics.cancel
      ? [
          {
            fileName: `pm-${plan.contract.number}-cancelled.ics`,
            contentType: 'text/calendar; charset=utf-8; method=CANCEL',
            content: Buffer.from(ics.cancel, 'utf8'),
          },
        ]
      : []),
  ];
  return transact(db, async (trx) => {
    const at = nowIso();
    const [outboxId] = await queueCustomerEmails(trx, [{ to: contact.email as string, subject, body, attachments }], at);
    await repo.markVisitsSent(trx, planId);
    await repo.updatePlan(trx, planId, plan.version, { sent_at: at, sent_to: contact.email, updated_at: at });
    await recordAudit(trx, actor, {
      entity: 'pm_plan',
      entityId: planId,
      action: 'send',
      after: { to: contact.email, outboxId, visits: ics.active.length, cancelled: ics.cancelled.length },
    });
    return { outboxId, to: contact.email as string, visits: ics.active.length, cancelled: ics.cancelled.length };
  });
}

/** The timetable's PDF (R-FORM-1), for download. */
export async function printPmPlan(
  db: Db,
  store: FileStore,
  planId: number,
  ctx: Pick<TPmMailContext, 'timeZone' | 'publicUrl' | 'locale'>,
) {
  return printForm(db, store, pmTimetableForm(await getPlan(db, planId), ctx));
}

// ── Agreeing (R-PM-4) ──

/**
 * R-PM-4: the engineer agreed date, place, system state and downtime with the customer; known open
 * problems are recorded to prepare for. The PM service request (origin pm_plan, both engineers)
 * is created and issued then, so it enters dispatch and the SLA clocks like any other; then the
 * visit is linked to it. Two transactions (the create opens its own): if the visit changed in
 * between, the link is refused with a version conflict and the request still names the visit.
 */
export async function agreePmVisit(
  db: Db,
  actor: Actor,
  id: number,
  input: TAgreePmVisit,
  timeZone: string,
  locale: TLocale,
): Promise<TPmVisit> {
  const before = await loadVisit(db, id);
  const isEngineer = actor.id === Number(before.responsible_engineer_id) || actor.id === Number(before.backup_engineer_id);
  if (!isEngineer && !actor.roles.includes('tech_manager')) throw new AppError('PM_NOT_VISIT_ENGINEER');
  if (before.state !== 'planned' && before.state !== 'agreeing') throw new AppError('PM_VISIT_NOT_OPEN');
  if (input.version !== Number(before.version)) throw new AppError('VERSION_CONFLICT');
  const start = visitStartMs(input.date, input.startTime, timeZone);
  const equipmentIds = JSON.parse(before.equipment_ids) as number[];
  const sr = await createServiceRequest(
    db,
    actor,
    {
      kind: 'preventive_maintenance',
      customerId: Number(before.customer_id),
      contractId: Number(before.contract_id),
      origin: 'pm_plan',
      originRef: `${before.contract_number} PM ${input.date}`.slice(0, 100),
      siteAddress: input.place,
      // The request's own text, in the company's language, as a manager would write it.
      description: [`例行检查 ${input.date} ${input.startTime}`, `系统状态：${input.systemState}`, `停机安排：${input.downtime}`]
        .join('\n')
        .slice(0, 8000),
      equipmentIds,
      responsibleEngineerId: Number(before.responsible_engineer_id),
      backupEngineerId: Number(before.backup_engineer_id),
      requestedDate: input.date,
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + Number(before.duration_minutes) * 60_000).toISOString(),
      agreedArrivalAt: new Date(start).toISOString(),
      priority: 'normal',
      remarks: input.openProblems ? `已知问题 Open problems: ${input.openProblems}`.slice(0, 4000) : null,
      issue: true,
      urgent: false,
    },
    timeZone,
    locale,
  );
  return transact(db, async (trx) => {
    const at = nowIso();
    const moved = input.date !== before.planned_date || input.startTime !== before.start_time;
    await repo.updateVisit(trx, id, input.version, {
      state: 'agreed',
      planned_date: input.date,
      start_time: input.startTime,
      agreed_place: input.place,
      agreed_system_state: input.systemState,
      agreed_downtime: input.downtime,
      open_problems: input.openProblems ?? null,
      agreed_by_id: actor.id,
      agreed_at: at,
      service_request_id: sr.id,
      ...(moved && { sequence: Number(before.sequence) + 1 }),
      updated_at: at,
    });
    const after = await getVisit(trx, id);
    await recordAudit(trx, actor, {
      entity: 'pm_visit',
      entityId: id,
      action: 'agree',
      before: { state: before.state, plannedDate: before.planned_date },
      after: { state: 'agreed', plannedDate: input.date, serviceRequestId: sr.id },
    });
    return after;
  });
}

// ── Doing (R-PM-7) ──

export { markPmVisitDone } from './pm-visit-done';

// ── The sweep (R-PM-4) ──

const SWEEP_BATCH = 200;

/**
 * Idempotent, every minute: asks each visit's responsible engineer to agree it `agreeDays` working
 * days before (once per visit: a conditional stamp and a dedupe key); tells every technical manager
 * of a visit not agreed 2 working days before (once); marks done the visits whose request resolved.
 */
export async function sweepPmVisits(
  db: Db,
  o: { timeZone: string; agreeDays?: number; now?: Date },
): Promise<{ asked: number; alerted: number; done: number }> {
  const now = o.now ?? new Date();
  const calendar = await loadCalendarSpec(db, o.timeZone);
  const askUntil = localDateOf(addWorkingDays(now, o.agreeDays ?? PM_AGREE_WORKING_DAYS_DEFAULT, calendar), o.timeZone);
  const alertUntil = localDateOf(addWorkingDays(now, PM_UNAGREED_ALERT_WORKING_DAYS, calendar), o.timeZone);
  const today = todayIn(o.timeZone, now);
  const at = now.toISOString();
  let asked = 0;
  for (const v of await repo.findVisitsToAsk(db, today, askUntil, SWEEP_BATCH)) {
    const id = Number(v.id);
    await transact(db, async (trx) => {
      if (!(await repo.markAsked(trx, id, at))) return;
      asked++;
      await notify(
        trx,
        [
          {
            userId: Number(v.responsible_engineer_id),
            kind: 'pm_agree',
            titleZh: `请与客户确认例行检查：${v.customer_name} ${v.planned_date}`,
            titleEn: `Agree the routine inspection with the customer: ${v.customer_name} ${v.planned_date}`,
            body: `合同 Contract ${v.contract_number}：日期、地点、系统状态、停机时间 / date, place, system state, downtime`,
            entity: 'pm_visit',
            entityId: id,
            dedupeKey: `pm-agree:${id}`,
          },
        ],
        at,
      );
    });
  }
  let alerted = 0;
  const unagreed = await repo.findUnagreedVisits(db, today, alertUntil, SWEEP_BATCH);
  if (unagreed.length > 0) {
    const managers = await activeUserIdsWithRole(db, 'tech_manager');
    for (const v of unagreed) {
      const id = Number(v.id);
      await transact(db, async (trx) => {
        if (!(await repo.markUnagreedNotified(trx, id, at))) return;
        alerted++;
        await notify(
          trx,
          managers.map((userId) => ({
            userId: Number(userId),
            kind: 'pm_unagreed' as const,
            titleZh: `例行检查尚未与客户确认：${v.customer_name} ${v.planned_date}`,
            titleEn: `Routine inspection not agreed yet: ${v.customer_name} ${v.planned_date}`,
            body: `合同 Contract ${v.contract_number}；负责工程师 Responsible: ${v.responsible_name}`,
            entity: 'pm_visit',
            entityId: id,
            dedupeKey: `pm-unagreed:${id}:${userId}`,
          })),
          at,
        );
      });
    }
  }
  const done = await repo.markVisitsDoneByRequests(db, at);
  return { asked, alerted, done };
}

/** R-PM-7: PM visits planned in [from, to] and how many are done (the reports' monthly summary and dashboard). */
export function pmDoneAndDue(
  db: Db,
  from: string,
  to: string,
  scope: { contractIds?: readonly number[]; customerIds?: readonly number[] },
): Promise<{ done: number; due: number }> {
  return repo.countPmDoneAndDue(db, from, to, scope);
}
