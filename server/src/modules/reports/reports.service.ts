import {
  addDays,
  monthRange,
  previousMonth,
  type TDashboard,
  type TDashboardQuery,
  type TMonthlyFigures,
  type TMonthlySummary,
  type TReportSettings,
  type TSaveWeeklyReport,
  type TWeeklyRecord,
  type TWeeklyRecordEngineer,
  type TWeeklyReport,
  type TWeeklyReportLine,
  weekStartOf,
} from '@contract/reports';
import { WORK_HOURS_KIND_LABELS } from '@contract/work-hours';
import { dayNumberOfIsoDate, dayStartInstant, instantOfWallTime, isoDateOfInstant, todayIn, wallClockOf } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { queueCustomerEmails } from '../notifications/delivery.service';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import * as hooks from './reports.hooks';
import * as repo from './reports.repo';

const isManager = (actor: Actor) => actor.roles.includes('tech_manager') || actor.roles.includes('admin');
const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 10);
const nowIso = () => new Date().toISOString();

// ── Settings ──

export async function getReportSettings(db: Db): Promise<TReportSettings> {
  const s = await repo.findSettings(db);
  return { weeklyDueTime: s.weekly_due_time, mailTo: JSON.parse(s.mail_to) as string[] };
}

export async function saveReportSettings(db: Db, actor: Actor, input: TReportSettings): Promise<TReportSettings> {
  return transact(db, async (trx) => {
    const before = await getReportSettings(trx);
    await repo.saveSettings(trx, input.weeklyDueTime, JSON.stringify(input.mailTo), nowIso());
    await recordAudit(trx, actor, { entity: 'report_setting', entityId: 1, action: 'update', before, after: input });
    return getReportSettings(trx);
  });
}

/** When a week's report is due: its Friday at the administrator's time, in the company's zone. */
export function weeklyDueAt(weekStart: string, dueTime: string, timeZone: string): string {
  const [h, m] = dueTime.split(':').map(Number);
  return new Date(instantOfWallTime(dayNumberOfIsoDate(weekStart) + 4, (h * 60 + m) * 60_000, timeZone)).toISOString();
}

// ── Weekly work report 工作周报 ──

/** The lines drafted from the week's records: hours (visits, remote handling, other work), calls handled, requests closed. */
async function draftLines(db: Db, engineerId: number, weekStart: string, timeZone: string): Promise<TWeeklyReportLine[]> {
  const weekEnd = addDays(weekStart, 6);
  const fromAt = dayStartInstant(weekStart, timeZone);
  const toAt = dayStartInstant(weekStart, timeZone, 7);
  const lines: TWeeklyReportLine[] = [];
  const grouped = new Map<string, TWeeklyReportLine & { minutes: number }>();
  for (const e of await repo.findEngineerEntries(db, engineerId, weekStart, weekEnd)) {
    const k = `${e.work_date}|${e.source_entity}|${e.source_id}|${e.service_request_id ?? ''}|${e.kind}`;
    const g = grouped.get(k);
    if (g) g.minutes += Number(e.minutes);
    else
      grouped.set(k, {
        date: e.work_date,
        customer: e.customer_name ?? null,
        requestNumber: e.request_number ?? null,
        kind: e.kind as TWeeklyReportLine['kind'],
        hours: 0,
        minutes: Number(e.minutes),
        result: e.note ?? WORK_HOURS_KIND_LABELS[e.kind as keyof typeof WORK_HOURS_KIND_LABELS]?.zh ?? '',
        origin: 'auto',
      });
  }
  for (const { minutes, ...g } of grouped.values()) lines.push({ ...g, hours: round2(minutes / 60) });
  for (const c of await repo.findHandledCalls(db, engineerId, fromAt, toAt))
    lines.push({
      date: isoDateOfInstant(c.outcome_at as string, timeZone),
      customer: c.company,
      requestNumber: c.number,
      kind: 'call',
      hours: 0,
      result: c.outcome_note ?? c.state,
      origin: 'auto',
    });
  for (const r of await repo.findClosedRequests(db, engineerId, fromAt, toAt))
    lines.push({
      date: isoDateOfInstant(r.closed_at as string, timeZone),
      customer: r.customer_name,
      requestNumber: r.number,
      kind: 'closed_request',
      hours: 0,
      result: r.sla_status === 'breached' ? '已关闭（超出服务时限）' : '已关闭',
      origin: 'auto',
    });
  return lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function totalsOf(lines: readonly TWeeklyReportLine[]) {
  const totals: Record<string, number> = {};
  for (const l of lines) if (l.hours > 0) totals[l.kind] = round2((totals[l.kind] ?? 0) + l.hours);
  return {
    totals,
    totalHours: round2(lines.reduce((s, l) => s + l.hours, 0)),
    requestsClosed: lines.filter((l) => l.kind === 'closed_request').length,
    callsHandled: lines.filter((l) => l.kind === 'call').length,
  };
}

async function reportView(
  db: Db,
  engineer: { id: number; name: string },
  weekStart: string,
  row: repo.WeeklyReportRow | undefined,
  timeZone: string,
): Promise<TWeeklyReport> {
  const settings = await getReportSettings(db);
  const lines = row ? (JSON.parse(row.lines) as TWeeklyReportLine[]) : await draftLines(db, engineer.id, weekStart, timeZone);
  return {
    id: row ? Number(row.id) : null,
    engineer,
    weekStart,
    weekEnd: addDays(weekStart, 6),
    state: row ? (row.state as TWeeklyReport['state']) : 'draft',
    lines,
    ...totalsOf(lines),
    problems: row?.problems ?? null,
    suggestions: row?.suggestions ?? null,
    nextWeekPlan: row?.next_week_plan ?? null,
    dueAt: weeklyDueAt(weekStart, settings.weeklyDueTime, timeZone),
    submittedAt: row?.submitted_at ?? null,
    returnedReason: row?.returned_reason ?? null,
    version: row ? Number(row.version) : 0,
  };
}

/** The engineer's own report of the week holding `date`: as saved, or drafted from the records. */
export async function getMyWeeklyReport(db: Db, actor: Actor, date: string, timeZone: string): Promise<TWeeklyReport> {
  const weekStart = weekStartOf(date);
  const row = await repo.findWeeklyReport(db, actor.id ?? 0, weekStart);
  return reportView(db, { id: actor.id ?? 0, name: actor.name ?? '' }, weekStart, row, timeZone);
}

/** One saved report: its engineer, or the technical manager. */
export async function getWeeklyReport(db: Db, actor: Actor, id: number, timeZone: string): Promise<TWeeklyReport> {
  const row = await repo.findWeeklyReportById(db, id);
  if (!row || (Number(row.engineer_id) !== actor.id && !isManager(actor))) throw new AppError('NOT_FOUND');
  return reportView(db, { id: Number(row.engineer_id), name: row.engineer_name }, row.week_start, row, timeZone);
}

/** Every engineer's report of a week (saved or not) — the manager's view. */
export async function listWeeklyReports(db: Db, date: string) {
  const weekStart = weekStartOf(date);
  const rows = new Map((await repo.findWeeklyReportsOfWeek(db, weekStart)).map((r) => [Number(r.engineer_id), r]));
  const minutes = await engineerMinutes(
    db,
    (await repo.findActiveEngineers(db)).map((e) => Number(e.id)),
    weekStart,
  );
  const items = (await repo.findActiveEngineers(db)).map((e) => {
    const r = rows.get(Number(e.id));
    return {
      id: r ? Number(r.id) : null,
      engineer: { id: Number(e.id), name: e.name },
      state: (r?.state ?? 'draft') as TWeeklyReport['state'],
      totalHours: r ? totalsOf(JSON.parse(r.lines)).totalHours : round2((minutes.get(Number(e.id)) ?? 0) / 60),
      submittedAt: r?.submitted_at ?? null,
      version: r ? Number(r.version) : 0,
    };
  });
  return { weekStart, items };
}

async function engineerMinutes(db: Db, ids: readonly number[], weekStart: string): Promise<Map<number, number>> {
  const m = new Map<number, number>();
  for (const r of await repo.engineerMinutesByKind(db, ids, weekStart, addDays(weekStart, 6)))
    m.set(Number(r.engineer_id), (m.get(Number(r.engineer_id)) ?? 0) + Number(r.m));
  return m;
}

async function writeMyReport(trx: Db, actor: Actor, weekStart: string, input: TSaveWeeklyReport, submit: boolean, timeZone: string) {
  const engineerId = actor.id ?? 0;
  if (submit && weekStart > todayIn(timeZone)) throw new AppError('WEEKLY_REPORT_NOT_STARTED');
  const row = await repo.findWeeklyReport(trx, engineerId, weekStart);
  if (row?.state === 'submitted') throw new AppError('WEEKLY_REPORT_LOCKED');
  const at = nowIso();
  const content = {
    lines: JSON.stringify(input.lines),
    totals: JSON.stringify(totalsOf(input.lines).totals),
    problems: input.problems ?? null,
    suggestions: input.suggestions ?? null,
    next_week_plan: input.nextWeekPlan ?? null,
    updated_at: at,
    ...(submit && { state: 'submitted', submitted_at: at }),
  };
  let id: number;
  if (!row) {
    if (input.version !== 0) throw new AppError('VERSION_CONFLICT');
    id = await repo.insertWeeklyReport(trx, {
      engineer_id: engineerId,
      week_start: weekStart,
      state: 'draft',
      returned_reason: null,
      submitted_at: null,
      reminded_at: null,
      overdue_notified_at: null,
      version: 1,
      created_at: at,
      ...content,
    });
  } else {
    id = Number(row.id);
    await repo.updateWeeklyReport(trx, id, input.version, content);
  }
  await recordAudit(trx, actor, {
    entity: 'weekly_report',
    entityId: id,
    action: submit ? 'submit' : 'save',
    after: { weekStart, lines: input.lines.length },
  });
  return id;
}

/** Save the engineer's own report of the week (a draft, or a returned one); a submitted report is locked. */
export async function saveMyWeeklyReport(db: Db, actor: Actor, date: string, input: TSaveWeeklyReport, timeZone: string) {
  const weekStart = weekStartOf(date);
  const id = await transact(db, (trx) => writeMyReport(trx, actor, weekStart, input, false, timeZone));
  return getWeeklyReport(db, actor, id, timeZone);
}

/** Save and submit: refused for a week that has not started; the submitted report is locked. */
export async function submitMyWeeklyReport(db: Db, actor: Actor, date: string, input: TSaveWeeklyReport, timeZone: string) {
  const weekStart = weekStartOf(date);
  const id = await transact(db, (trx) => writeMyReport(trx, actor, weekStart, input, true, timeZone));
  return getWeeklyReport(db, actor, id, timeZone);
}

/** The technical manager returns a submitted report for correction (unlocks it). */
export async function returnWeeklyReport(db: Db, actor: Actor, id: number, input: { version: number; reason: string }, timeZone: string) {
  await transact(db, async (trx) => {
    const row = await repo.findWeeklyReportById(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.state !== 'submitted') throw new AppError('WEEKLY_REPORT_NOT_SUBMITTED');
    await repo.updateWeeklyReport(trx, id, input.version, { state: 'returned', returned_reason: input.reason, updated_at: nowIso() });
    await recordAudit(trx, actor, { entity: 'weekly_report', entityId: id, action: 'return', after: { reason: input.reason } });
  });
  return getWeeklyReport(db, actor, id, timeZone);
}

/**
 * The weekly report's sweep (idempotent, every minute, in any number of instances — each notice has
 * a dedupe key): Friday from 09:00 until the due time, a reminder to every engineer who has not
 * submitted; from Monday 10:00, the technical managers are told of last week's reports still missing.
 */
export async function sweepWeeklyReports(db: Db, timeZone: string, now = new Date()): Promise<{ reminded: number; overdue: number }> {
  const today = todayIn(timeZone, now);
  const weekStart = weekStartOf(today);
  const wall = wallClockOf(now.getTime(), timeZone);
  const weekday = dayNumberOfIsoDate(today) - dayNumberOfIsoDate(weekStart) + 1;
  const settings = await getReportSettings(db);
  const engineers = await repo.findActiveEngineers(db);
  const submittedOf = async (ws: string) =>
    new Set((await repo.findWeeklyReportsOfWeek(db, ws)).filter((r) => r.state === 'submitted').map((r) => Number(r.engineer_id)));
  let reminded = 0;
  let overdue = 0;
  if (weekday === 5 && wall.hour >= 9 && now.toISOString() < weeklyDueAt(weekStart, settings.weeklyDueTime, timeZone)) {
    const done = await submittedOf(weekStart);
    const missing = engineers.filter((e) => !done.has(Number(e.id)));
    if (missing.length > 0)
      reminded = await transact(db, (trx) =>
        notify(
          trx,
          missing.map((e) => ({
            userId: Number(e.id),
            kind: 'weekly_report_reminder' as const,
            titleZh: `请在今天 ${settings.weeklyDueTime} 前提交本周工作周报`,
            titleEn: `Please submit this week's report by ${settings.weeklyDueTime} today`,
            entity: 'weekly_report_week',
            dedupeKey: `weekly-report-remind:${weekStart}`,
          })),
          now.toISOString(),
        ),
      );
  }
  if (weekday > 1 || wall.hour >= 10) {
    const last = addDays(weekStart, -7);
    const done = await submittedOf(last);
    const missing = engineers.filter((e) => !done.has(Number(e.id)));
    const managers = await activeUserIdsWithRole(db, 'tech_manager');
    if (missing.length > 0 && managers.length > 0)
      overdue = await transact(db, (trx) =>
        notify(
          trx,
          managers.flatMap((m) =>
            missing.map((e) => ({
              userId: Number(m),
              kind: 'weekly_report_overdue' as const,
              titleZh: `${e.name} 未提交 ${last} 周的工作周报`,
              titleEn: `${e.name} has not submitted the weekly report of the week of ${last}`,
              entity: 'weekly_report_week',
              dedupeKey: `weekly-report-overdue:${last}:${Number(e.id)}`,
            })),
          ),
          now.toISOString(),
        ),
      );
  }
  return { reminded, overdue };
}

// ── Weekly work record 周工作记录 ──

async function recordEngineers(db: Db, weekStart: string, timeZone: string): Promise<TWeeklyRecordEngineer[]> {
  const fromAt = dayStartInstant(weekStart, timeZone);
  const toAt = dayStartInstant(weekStart, timeZone, 7);
  const engineers = await repo.findActiveEngineers(db);
  const reports = new Map((await repo.findWeeklyReportsOfWeek(db, weekStart)).map((r) => [Number(r.engineer_id), r]));
  const minutes = await engineerMinutes(
    db,
    engineers.map((e) => Number(e.id)),
    weekStart,
  );
  const open = new Map((await repo.countOpenByEngineer(db)).map((r) => [Number(r.id), Number(r.n)]));
  const closed = await repo.findClosedRequests(db, null, fromAt, toAt);
  const out: TWeeklyRecordEngineer[] = [];
  for (const e of engineers) {
    const id = Number(e.id);
    const r = reports.get(id);
    const submitted = r?.state === 'submitted';
    const lines = submitted ? (JSON.parse(r.lines) as TWeeklyReportLine[]) : [];
    const t = totalsOf(lines);
    const mine = closed.filter((c) => Number(c.responsible_engineer_id) === id);
    out.push({
      engineer: { id, name: e.name },
      reportState: (r?.state ?? 'draft') as TWeeklyRecordEngineer['reportState'],
      summary: submitted
        ? [
            `${lines.length} 项工作，共 ${t.totalHours} 小时`,
            r.problems && `问题：${r.problems}`,
            r.next_week_plan && `下周计划：${r.next_week_plan}`,
          ]
            .filter(Boolean)
            .join('；')
        : '周报未提交',
      hours: submitted ? t.totalHours : round2((minutes.get(id) ?? 0) / 60),
      requestsClosed: mine.length,
      requestsOpen: open.get(id) ?? 0,
      slaMisses: mine.filter((c) => c.sla_status === 'breached').map((c) => ({ id: Number(c.id), number: c.number })),
      overdueFollowUps: await hooks.overdueFollowUpsOf(db, id, toAt, timeZone),
      overdueLoans: await hooks.overdueLoansOf(db, id, toAt, timeZone),
    });
  }
  return out;
}

async function recordView(db: Db, row: repo.WeeklyRecordRow): Promise<TWeeklyRecord> {
  const engineers = JSON.parse(row.summary) as TWeeklyRecordEngineer[];
  const attendeeIds = JSON.parse(row.attendees) as number[];
  const names = new Map((await repo.findUserNames(db, attendeeIds)).map((u) => [Number(u.id), u.name]));
  return {
    id: Number(row.id),
    weekStart: row.week_start,
    weekEnd: addDays(row.week_start, 6),
    state: row.state as TWeeklyRecord['state'],
    engineers,
    totalHours: round2(engineers.reduce((s, e) => s + e.hours, 0)),
    attendees: attendeeIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    decisions: row.decisions,
    actions: (await repo.findRecordActions(db, Number(row.id))).map((a) => ({
      id: Number(a.id),
      text: a.text,
      owner: { id: Number(a.owner_id), name: a.owner_name },
      dueDate: a.due_date,
      doneAt: a.done_at,
    })),
    draftedAt: row.drafted_at,
    version: Number(row.version),
  };
}

/** Draft (or draft again) the week's record from the submitted reports; attendees, decisions and actions are kept. */
export async function draftWeeklyRecord(db: Db, actor: Actor, date: string, timeZone: string): Promise<TWeeklyRecord> {
  const weekStart = weekStartOf(date);
  return transact(db, async (trx) => {
    const summary = JSON.stringify(await recordEngineers(trx, weekStart, timeZone));
    const at = nowIso();
    const row = await repo.findWeeklyRecord(trx, weekStart);
    let id: number;
    if (row) {
      id = Number(row.id);
      await repo.updateWeeklyRecord(trx, id, Number(row.version), { summary, drafted_at: at, updated_at: at });
    } else {
      id = await repo.insertWeeklyRecord(trx, {
        week_start: weekStart,
        state: 'draft',
        summary,
        attendees: '[]',
        decisions: null,
        drafted_at: at,
        finalised_by_id: null,
        finalised_at: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
    await recordAudit(trx, actor, { entity: 'weekly_record', entityId: id, action: 'draft', after: { weekStart } });
    return recordView(trx, (await repo.findWeeklyRecordById(trx, id)) as repo.WeeklyRecordRow);
  });
}

export async function getWeeklyRecord(db: Db, id: number): Promise<TWeeklyRecord> {
  const row = await repo.findWeeklyRecordById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return recordView(db, row);
}

export async function findWeeklyRecordOfWeek(db: Db, date: string): Promise<TWeeklyRecord | null> {
  const row = await repo.findWeeklyRecord(db, weekStartOf(date));
  return row ? recordView(db, row) : null;
}

export async function updateWeeklyRecord(
  db: Db,
  actor: Actor,
  id: number,
  input: { version: number; attendeeIds: number[]; decisions: string | null },
): Promise<TWeeklyRecord> {
  return transact(db, async (trx) => {
    await repo.updateWeeklyRecord(trx, id, input.version, {
      attendees: JSON.stringify([...new Set(input.attendeeIds)]),
      decisions: input.decisions,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'weekly_record', entityId: id, action: 'update', after: input });
    return getWeeklyRecord(trx, id);
  });
}

/** An action item with an owner and a due date: it shows in the owner's work list until done. */
export async function addWeeklyRecordAction(
  db: Db,
  actor: Actor,
  id: number,
  input: { text: string; ownerId: number; dueDate: string },
): Promise<TWeeklyRecord> {
  return transact(db, async (trx) => {
    const rec = await repo.findWeeklyRecordById(trx, id);
    if (!rec) throw new AppError('NOT_FOUND');
    const at = nowIso();
    const actionId = await repo.insertRecordAction(trx, {
      record_id: id,
      text: input.text,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      created_at: at,
    });
    await notify(
      trx,
      [
        {
          userId: input.ownerId,
          kind: 'report_action',
          titleZh: `周例会待办（${input.dueDate} 前）：${input.text.slice(0, 80)}`,
          titleEn: `Meeting action item (due ${input.dueDate}): ${input.text.slice(0, 80)}`,
          entity: 'weekly_record',
          entityId: id,
          dedupeKey: `report-action:${actionId}`,
        },
      ],
      at,
    );
    await recordAudit(trx, actor, { entity: 'weekly_record', entityId: id, action: 'add_action', after: { actionId, ...input } });
    return getWeeklyRecord(trx, id);
  });
}

/** The owner (or the technical manager) marks an action item done. */
export async function completeWeeklyRecordAction(db: Db, actor: Actor, actionId: number): Promise<void> {
  await transact(db, async (trx) => {
    const a = await repo.findRecordAction(trx, actionId);
    if (!a || (Number(a.owner_id) !== actor.id && !isManager(actor))) throw new AppError('NOT_FOUND');
    if (await repo.markActionDone(trx, actionId, actor.id, nowIso()))
      await recordAudit(trx, actor, {
        entity: 'weekly_record',
        entityId: Number(a.record_id),
        action: 'complete_action',
        after: { actionId },
      });
  });
}

/** An owner's open action items — for his work list (contract/my-work.ts). */
export async function openActionItemsOf(db: Db, ownerId: number) {
  return (await repo.findOpenActionsOf(db, ownerId)).map((a) => ({
    id: Number(a.id),
    text: a.text,
    dueDate: a.due_date,
    weekStart: a.week_start,
  }));
}

/** R-INST-11: the week's note to each sales owner about his customers (closed requests, and the debriefs' place). */
export async function salesNotesOfWeek(db: Db, date: string, timeZone: string) {
  const weekStart = weekStartOf(date);
  const fromAt = dayStartInstant(weekStart, timeZone);
  const toAt = dayStartInstant(weekStart, timeZone, 7);
  const by = new Map<
    number,
    { salesOwner: { id: number; name: string }; requests: { id: number; number: string; customer: string; state: string }[] }
  >();
  for (const r of await repo.findRequestsBySalesOwner(db, fromAt, toAt)) {
    const k = Number(r.sales_id);
    if (!by.has(k)) by.set(k, { salesOwner: { id: k, name: r.sales_name }, requests: [] });
    by.get(k)?.requests.push({ id: Number(r.id), number: r.number, customer: r.customer_name, state: r.state });
  }
  // A sales owner whose customers had debriefs this week gets a note even without a request closed in it.
  const debriefs = await hooks.debriefsOfWeek(db, fromAt, toAt);
  for (const [k, d] of debriefs) if (!by.has(k)) by.set(k, { salesOwner: d.salesOwner, requests: [] });
  const items = [...by.entries()].map(([k, n]) => ({ ...n, debriefs: debriefs.get(k)?.items ?? [] }));
  return { items };
}

// ── Request roll-up job ──

/**
 * Rebuild request_day for the days from..to (company zone): idempotent, each day replaced as a
 * whole in its own transaction, the company-wide day total and the customers' week kept in step.
 */
export async function rebuildRequestRollup(db: Db, from: string, to: string, timeZone: string): Promise<void> {
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = d;
    await transact(db, (trx) =>
      repo.rebuildRequestDay(trx, day, weekStartOf(day), dayStartInstant(day, timeZone), dayStartInstant(day, timeZone, 1)),
    );
  }
}

/** The Mondays (and Sundays) of the weeks holding from..to. */
function weeksOf(from: string, to: string) {
  const out: { weekStart: string; weekEnd: string }[] = [];
  for (let w = weekStartOf(from); w <= to; w = addDays(w, 7)) out.push({ weekStart: w, weekEnd: addDays(w, 6) });
  return out;
}

/**
 * Every request roll-up from scratch: emptied, request_day rebuilt for every day from the first
 * request to the last creation or closing (or today), then the day totals and customer weeks summed
 * from it in bulk — not by the day-by-day upkeep, so the two can be checked against each other.
 */
export async function rebuildRequestRollupFromScratch(db: Db, timeZone: string): Promise<void> {
  const bounds = await repo.requestInstantBounds(db);
  await transact(db, (trx) => repo.clearRequestRollups(trx));
  if (!bounds) return;
  const from = isoDateOfInstant(bounds.first, timeZone);
  const today = todayIn(timeZone);
  const last = isoDateOfInstant(bounds.last, timeZone);
  const to = [last, today].sort()[1];
  await rebuildRequestRollup(db, from, to, timeZone);
  await transact(db, (trx) => repo.rebuildRequestTotals(trx, weeksOf(from, to)));
}

/** Every request roll-up as stored, in a stable order, numbers as numbers (what the rebuild test compares). */
export async function readRequestRollup(db: Db) {
  const norm = <T extends object>(rows: T[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])));
  return {
    days: norm(await repo.allRequestDays(db)),
    totals: norm(await repo.allRequestTotalDays(db)),
    customerWeeks: norm(await repo.allRequestCustomerWeeks(db)),
  };
}

// ── Monthly project summary 月项目汇总表 ──

async function monthlyFigures(db: Db, contractIds: readonly number[], month: string, timeZone: string): Promise<TMonthlyFigures> {
  const { from, to } = monthRange(month);
  const byKind = await repo.requestDaysOfContracts(db, contractIds, from, to);
  const work = await repo.customerDaysOfContracts(db, contractIds, from, to);
  const requestsByKind: Record<string, number> = {};
  let requests = 0;
  let closed = 0;
  let breached = 0;
  for (const r of byKind) {
    if (Number(r.created) > 0) requestsByKind[r.kind] = Number(r.created);
    requests += Number(r.created);
    closed += Number(r.closed);
    breached += Number(r.breached);
  }
  const pm = await hooks.pmDoneAndDue(db, contractIds, from, to);
  return {
    requestsByKind,
    requests,
    visits: Number(work.visits ?? 0),
    hours: round2(Number(work.minutes ?? 0) / 60),
    closed,
    slaMetPct: pct(closed - breached, closed),
    openItems: await repo.countOpenOfContracts(db, contractIds),
    partsUsed: await hooks.partsUsedOn(db, contractIds, from, to, timeZone),
    pmDone: pm?.done ?? null,
    pmDue: pm?.due ?? null,
    ...(await hooks.satisfactionOf(db, contractIds, from, to, timeZone)),
  };
}

function changeOf(now: TMonthlyFigures, before: TMonthlyFigures): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const k of [
    'requests',
    'visits',
    'hours',
    'closed',
    'slaMetPct',
    'openItems',
    'partsUsed',
    'pmDone',
    'pmDue',
    'satisfaction',
    'satisfactionFollowUps',
    'satisfactionTraining',
  ] as const) {
    const a = now[k] ?? null;
    const b = before[k] ?? null;
    out[k] = a === null || b === null ? null : round2(a - b);
  }
  return out;
}

async function summaryView(db: Db, row: repo.MonthlySummaryRow): Promise<TMonthlySummary> {
  const stored = JSON.parse(row.figures) as { figures: TMonthlyFigures; previous: TMonthlyFigures };
  const project = row.project_id === null ? undefined : await repo.findProjectName(db, Number(row.project_id));
  const contract = row.contract_id === null ? undefined : await repo.findContractNumber(db, Number(row.contract_id));
  return {
    id: Number(row.id),
    month: row.month,
    project: project ? { id: Number(project.id), name: project.name } : null,
    contract: contract ? { id: Number(contract.id), number: contract.number } : null,
    state: row.state as TMonthlySummary['state'],
    figures: stored.figures,
    previous: stored.previous,
    change: changeOf(stored.figures, stored.previous),
    notes: row.notes,
    approvedAt: row.approved_at,
    version: Number(row.version),
  };
}

/** Draft (or draft again, while not approved) the summary of a project or a contract for a month. */
export async function draftMonthlySummary(
  db: Db,
  actor: Actor,
  input: { month: string; projectId?: number; contractId?: number },
  timeZone: string,
): Promise<TMonthlySummary> {
  if ((input.projectId === undefined) === (input.contractId === undefined)) throw new AppError('VALIDATION_FAILED');
  const scopeKey = input.projectId !== undefined ? `project:${input.projectId}` : `contract:${input.contractId}`;
  const contractIds = input.projectId !== undefined ? await repo.contractIdsOfProject(db, input.projectId) : [input.contractId as number];
  if (input.projectId !== undefined && !(await repo.findProjectName(db, input.projectId))) throw new AppError('NOT_FOUND');
  if (input.contractId !== undefined && !(await repo.findContractNumber(db, input.contractId))) throw new AppError('NOT_FOUND');
  const figures = await monthlyFigures(db, contractIds, input.month, timeZone);
  const prevRow = await repo.findMonthlySummary(db, previousMonth(input.month), scopeKey);
  const previous = prevRow
    ? (JSON.parse(prevRow.figures) as { figures: TMonthlyFigures }).figures
    : await monthlyFigures(db, contractIds, previousMonth(input.month), timeZone);
  return transact(db, async (trx) => {
    const row = await repo.findMonthlySummary(trx, input.month, scopeKey);
    if (row?.state === 'approved') throw new AppError('MONTHLY_SUMMARY_APPROVED');
    const at = nowIso();
    const json = JSON.stringify({ figures, previous });
    let id: number;
    if (row) {
      id = Number(row.id);
      await repo.updateMonthlySummary(trx, id, Number(row.version), { figures: json, updated_at: at });
    } else
      id = await repo.insertMonthlySummary(trx, {
        month: input.month,
        project_id: input.projectId ?? null,
        contract_id: input.contractId ?? null,
        scope_key: scopeKey,
        state: 'draft',
        figures: json,
        notes: null,
        approved_by_id: null,
        approved_at: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    await recordAudit(trx, actor, { entity: 'monthly_summary', entityId: id, action: 'draft', after: { month: input.month, scopeKey } });
    return summaryView(trx, (await repo.findMonthlySummaryById(trx, id)) as repo.MonthlySummaryRow);
  });
}

export async function getMonthlySummary(db: Db, id: number): Promise<TMonthlySummary> {
  const row = await repo.findMonthlySummaryById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return summaryView(db, row);
}

export async function listMonthlySummaries(db: Db, month: string) {
  const items = [];
  for (const r of await repo.findMonthlySummaries(db, month)) items.push(await summaryView(db, r));
  return { items };
}

export async function updateMonthlySummary(db: Db, actor: Actor, id: number, input: { version: number; notes: string | null }) {
  return transact(db, async (trx) => {
    const row = await repo.findMonthlySummaryById(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.state === 'approved') throw new AppError('MONTHLY_SUMMARY_APPROVED');
    await repo.updateMonthlySummary(trx, id, input.version, { notes: input.notes, updated_at: nowIso() });
    await recordAudit(trx, actor, { entity: 'monthly_summary', entityId: id, action: 'update', after: input });
    return getMonthlySummary(trx, id);
  });
}

/** The technical manager approves the summary; it is then e-mailed to the administrator's list (delivery outbox). */
export async function approveMonthlySummary(db: Db, actor: Actor, id: number, version: number) {
  return transact(db, async (trx) => {
    const row = await repo.findMonthlySummaryById(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.state === 'approved') throw new AppError('MONTHLY_SUMMARY_APPROVED');
    const at = nowIso();
    await repo.updateMonthlySummary(trx, id, version, { state: 'approved', approved_by_id: actor.id, approved_at: at, updated_at: at });
    const s = await getMonthlySummary(trx, id);
    await mailToList(trx, `月项目汇总表 ${s.month} ${s.project?.name ?? s.contract?.number ?? ''}`, monthlyText(s), at);
    await recordAudit(trx, actor, { entity: 'monthly_summary', entityId: id, action: 'approve' });
    return s;
  });
}

/** The weekly record is final: e-mailed to the administrator's list. */
export async function finaliseWeeklyRecord(db: Db, actor: Actor, id: number, version: number) {
  return transact(db, async (trx) => {
    const at = nowIso();
    await repo.updateWeeklyRecord(trx, id, version, { state: 'final', finalised_by_id: actor.id, finalised_at: at, updated_at: at });
    const r = await getWeeklyRecord(trx, id);
    await mailToList(trx, `周工作记录 ${r.weekStart} – ${r.weekEnd}`, weeklyRecordText(r), at);
    await recordAudit(trx, actor, { entity: 'weekly_record', entityId: id, action: 'finalise' });
    return r;
  });
}

async function mailToList(trx: Db, subject: string, body: string, at: string): Promise<void> {
  const { mailTo } = await getReportSettings(trx);
  if (mailTo.length > 0)
    await queueCustomerEmails(
      trx,
      mailTo.map((to) => ({ to, subject, body })),
      at,
    );
}

export function weeklyRecordText(r: TWeeklyRecord): string {
  return [
    `周工作记录 ${r.weekStart} – ${r.weekEnd}`,
    `参会：${r.attendees.map((a) => a.name).join('、') || '—'}`,
    ...r.engineers.map(
      (e) =>
        `${e.engineer.name}：${e.hours} 小时，关闭 ${e.requestsClosed}，未完成 ${e.requestsOpen}，超时 ${e.slaMisses.length}。${e.summary}`,
    ),
    `决议：${r.decisions ?? '—'}`,
    ...r.actions.map((a) => `待办：${a.text}（${a.owner.name}，${a.dueDate} 前）`),
  ].join('\n');
}

export function monthlyText(s: TMonthlySummary): string {
  const f = s.figures;
  return [
    `月项目汇总表 ${s.month} ${s.project?.name ?? s.contract?.number ?? ''}`,
    `服务请求 ${f.requests}（${Object.entries(f.requestsByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join('，')}）`,
    `上门 ${f.visits} 次，工时 ${f.hours} 小时，关闭 ${f.closed}，按时完成率 ${f.slaMetPct ?? '—'}%，未完成 ${f.openItems}`,
    s.notes ?? '',
  ].join('\n');
}

/**
 * The reports' jobs (idempotent): the request roll-up for yesterday and today; on the 1st, the
 * roll-up of the month before rebuilt and its summaries drafted for every contract with work.
 */
export async function sweepReportRollups(db: Db, actor: Actor, timeZone: string, now = new Date()): Promise<void> {
  const today = todayIn(timeZone, now);
  await rebuildRequestRollup(db, addDays(today, -1), today, timeZone);
  if (today.endsWith('-01')) {
    const month = previousMonth(today.slice(0, 7));
    const { from, to } = monthRange(month);
    // One read of what is drafted already: the sweep runs every minute of the 1st.
    const drafted = new Set((await repo.findMonthlySummaries(db, month)).map((r) => r.scope_key));
    for (const contractId of await repo.activeContractKeys(db, from, to)) {
      if (!drafted.has(`contract:${contractId}`)) await draftMonthlySummary(db, actor, { month, contractId }, timeZone);
    }
  }
}

// ── Dashboards ──

/** A day range as the roll-ups read it: its whole weeks (Monday to Sunday) and the days at its edges outside them. */
export function rollupRange(from: string, to: string): repo.RollupRange {
  const first = weekStartOf(from) === from ? from : addDays(weekStartOf(from), 7);
  const lastEnd = addDays(weekStartOf(to), 6) === to ? to : addDays(weekStartOf(to), -1);
  if (first > lastEnd) return { weekFrom: first, weekTo: addDays(first, -7), edges: [[from, to]] };
  const edges: [string, string][] = [];
  if (from < first) edges.push([from, addDays(first, -1)]);
  if (lastEnd < to) edges.push([addDays(lastEnd, 1), to]);
  return { weekFrom: first, weekTo: weekStartOf(lastEnd), edges };
}

/** The technical manager's dashboards; sales see the cut about their own customers (no prices anywhere). */
export async function dashboard(db: Db, actor: Actor, q: TDashboardQuery, timeZone: string): Promise<TDashboard> {
  let customerIds: number[] | undefined = q.customerId !== undefined ? [q.customerId] : undefined;
  if (!isManager(actor)) {
    const own = await repo.customerIdsOfSalesOwner(db, actor.id ?? 0);
    customerIds = customerIds ? customerIds.filter((c) => own.includes(c)) : own;
  }
  // From the roll-ups, not the requests: company-wide by day (≈ 90 rows for 90 days), with a
  // customer filter by customer-week (and request_day for the days at the range's edges).
  const range = rollupRange(q.from, q.to);
  const days = customerIds ? await repo.requestDaysOfCustomers(db, range, customerIds) : await repo.requestTotalDays(db, q.from, q.to);
  const weeks = new Map<string, { closed: number; met: number }>();
  let closedAll = 0;
  let oneVisit = 0;
  for (const d of days) {
    const closed = Number(d.closed);
    closedAll += closed;
    oneVisit += Number(d.one_visit);
    const ws = weekStartOf(d.day);
    const w = weeks.get(ws) ?? { closed: 0, met: 0 };
    w.closed += closed;
    w.met += closed - Number(d.breached);
    weeks.set(ws, w);
  }
  const customers = await repo.slaByCustomer(db, range, customerIds, 50);
  const hours = new Map<string, number>();
  for (const c of await repo.callsForDashboard(db, dayStartInstant(q.from, timeZone), dayStartInstant(q.to, timeZone, 1), customerIds)) {
    const h = wallClockOf(Date.parse(`${c.hour}:00:00Z`), timeZone).hour;
    const k = `${h}|${c.product_type}`;
    hours.set(k, (hours.get(k) ?? 0) + Number(c.n));
  }
  const rate = (r: { n: number; of: number } | null) => (r ? { ...r, pct: pct(r.n, r.of) } : null);
  const open = await repo.countOpenByEngineer(db, undefined, customerIds);
  return {
    slaByWeek: [...weeks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([weekStart, w]) => ({ weekStart, closed: w.closed, met: w.met, pct: pct(w.met, w.closed) })),
    slaByCustomer: customers.map((c) => {
      const closed = Number(c.closed);
      const breached = Number(c.breached);
      return {
        customer: { id: Number(c.customer_id), name: c.name },
        closed,
        met: closed - breached,
        breached,
        pct: pct(closed - breached, closed),
      };
    }),
    openByEngineer: open.map((r) => ({ engineer: { id: Number(r.id), name: r.name }, open: Number(r.n) })),
    firstTimeFix: { n: oneVisit, of: closedAll, pct: pct(oneVisit, closedAll) },
    arrivalOnTime: rate(await hooks.arrivalsOnTime(db, q.from, q.to, customerIds, timeZone)),
    followUpsOnTime: rate(await hooks.followUpsOnTime(db, q.from, q.to, customerIds, timeZone)),
    pmCompletion: rate(await hooks.pmCompletion(db, q.from, q.to, customerIds)),
    overdueLoans: await hooks.overdueLoansCount(db, customerIds, timeZone),
    overridesByRule: await hooks.overridesByRule(db, q.from, q.to, timeZone),
    callsByHour: [...hours.entries()]
      .map(([k, calls]) => {
        const [h, productType] = k.split('|');
        return { hour: Number(h), productType, calls };
      })
      .sort((a, b) => a.hour - b.hour || a.productType.localeCompare(b.productType)),
  };
}
