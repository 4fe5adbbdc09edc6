import { z } from 'zod';
import { ZDateInput, ZRef, ZTimestamp } from './common';
import { isoDateOfDayNumber, isoWeekdayOf, dayNumberOfIsoDate } from './zoned-time';

// ── Weeks and months (Monday–Sunday in the company's zone) ──

/** The Monday of the week holding `date` (`YYYY-MM-DD`). */
export function weekStartOf(date: string): string {
  const d = dayNumberOfIsoDate(date);
  return isoDateOfDayNumber(d - (isoWeekdayOf(d) - 1));
}
export function addDays(date: string, days: number): string {
  return isoDateOfDayNumber(dayNumberOfIsoDate(date) + days);
}
/** `YYYY-MM` → first and last day. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const ZWeekQuery = z.object({ week: ZDateInput });
export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

// ── Weekly work report 工作周报 ──

export const WEEKLY_LINE_KINDS = [
  'visit_travel',
  'visit_onsite',
  'remote',
  'training_prep',
  'internal',
  'other',
  'call',
  'closed_request',
] as const;
export const ZWeeklyLineKind = z.enum(WEEKLY_LINE_KINDS);

export const ZWeeklyReportLine = z.strictObject({
  date: ZDateInput,
  customer: z.string().trim().max(200).nullable(),
  requestNumber: z.string().trim().max(50).nullable(),
  kind: ZWeeklyLineKind,
  hours: z.number().min(0).max(24),
  result: z.string().trim().max(1000),
  /** `auto`: drafted from the records; `manual`: added by the engineer. */
  origin: z.enum(['auto', 'manual']),
});
export type TWeeklyReportLine = z.infer<typeof ZWeeklyReportLine>;

export const WEEKLY_REPORT_STATES = ['draft', 'submitted', 'returned'] as const;
export const ZWeeklyReportState = z.enum(WEEKLY_REPORT_STATES);

export const ZWeeklyReport = z.object({
  /** Null while only drafted (nothing saved yet). */
  id: z.number().int().nullable(),
  engineer: ZRef,
  weekStart: z.string(),
  weekEnd: z.string(),
  state: ZWeeklyReportState,
  lines: z.array(ZWeeklyReportLine),
  /** Hours by line kind. */
  totals: z.record(z.string(), z.number()),
  totalHours: z.number(),
  requestsClosed: z.number().int(),
  callsHandled: z.number().int(),
  problems: z.string().nullable(),
  suggestions: z.string().nullable(),
  nextWeekPlan: z.string().nullable(),
  dueAt: ZTimestamp,
  submittedAt: ZTimestamp.nullable(),
  returnedReason: z.string().nullable(),
  version: z.number().int(),
});
export type TWeeklyReport = z.infer<typeof ZWeeklyReport>;

const longText = z.string().trim().max(4000).nullable().optional();
export const ZSaveWeeklyReport = z.strictObject({
  /** 0 when nothing is saved yet. */
  version: z.number().int().min(0),
  lines: z.array(ZWeeklyReportLine).max(500),
  problems: longText,
  suggestions: longText,
  nextWeekPlan: longText,
});
export type TSaveWeeklyReport = z.infer<typeof ZSaveWeeklyReport>;
export const ZVersion = z.strictObject({ version: z.number().int().min(1) });
export const ZReturnWeeklyReport = z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(1000) });
export const ZWeeklyReportListItem = z.object({
  id: z.number().int().nullable(),
  engineer: ZRef,
  state: ZWeeklyReportState,
  totalHours: z.number(),
  submittedAt: ZTimestamp.nullable(),
  version: z.number().int(),
});
export const ZWeeklyReportList = z.object({ weekStart: z.string(), items: z.array(ZWeeklyReportListItem) });

// ── Weekly work record 周工作记录 ──

export const ZWeeklyRecordEngineer = z.object({
  engineer: ZRef,
  reportState: ZWeeklyReportState,
  summary: z.string(),
  hours: z.number(),
  requestsClosed: z.number().int(),
  requestsOpen: z.number().int(),
  slaMisses: z.array(z.object({ id: z.number().int(), number: z.string() })),
  overdueFollowUps: z.array(z.object({ id: z.number().int(), label: z.string() })),
  overdueLoans: z.array(z.object({ id: z.number().int(), label: z.string() })),
});
export type TWeeklyRecordEngineer = z.infer<typeof ZWeeklyRecordEngineer>;

export const ZWeeklyRecordAction = z.object({
  id: z.number().int(),
  text: z.string(),
  owner: ZRef,
  dueDate: z.string(),
  doneAt: ZTimestamp.nullable(),
});
export type TWeeklyRecordAction = z.infer<typeof ZWeeklyRecordAction>;

export const ZWeeklyRecord = z.object({
  id: z.number().int(),
  weekStart: z.string(),
  weekEnd: z.string(),
  state: z.enum(['draft', 'final']),
  engineers: z.array(ZWeeklyRecordEngineer),
  totalHours: z.number(),
  attendees: z.array(ZRef),
  decisions: z.string().nullable(),
  actions: z.array(ZWeeklyRecordAction),
  draftedAt: ZTimestamp,
  version: z.number().int(),
});
export type TWeeklyRecord = z.infer<typeof ZWeeklyRecord>;
export const ZDraftWeeklyRecord = z.strictObject({ week: ZDateInput });
export const ZUpdateWeeklyRecord = z.strictObject({
  version: z.number().int().min(1),
  attendeeIds: z.array(z.number().int().positive()).max(200),
  decisions: z.string().trim().max(8000).nullable(),
});
export const ZAddWeeklyRecordAction = z.strictObject({
  text: z.string().trim().min(1).max(1000),
  ownerId: z.number().int().positive(),
  dueDate: ZDateInput,
});

/** R-INST-11: the week's note to each sales owner about his customers. */
export const ZSalesNote = z.object({
  salesOwner: ZRef,
  requests: z.array(z.object({ id: z.number().int(), number: z.string(), customer: z.string(), state: z.string() })),
  debriefs: z.array(
    z.object({
      id: z.number().int(),
      label: z.string(),
      /** The debrief as written, for the note's screen (grouped by customer). */
      customer: ZRef.optional(),
      /** What it is about: the request's number, or the training's plan and course. */
      subject: z.string().optional(),
      serviceRequest: z.object({ id: z.number().int(), number: z.string() }).optional(),
      author: ZRef.optional(),
      howItWent: z.string().optional(),
      lessons: z.string().optional(),
      customerSituation: z.string().optional(),
      createdAt: ZTimestamp.optional(),
    }),
  ),
});
export const ZSalesNotes = z.object({ items: z.array(ZSalesNote) });
export type TSalesNotes = z.infer<typeof ZSalesNotes>;

// ── Monthly project summary 月项目汇总表 ──

export const ZMonthlyFigures = z.object({
  requestsByKind: z.record(z.string(), z.number().int()),
  requests: z.number().int(),
  visits: z.number().int(),
  hours: z.number(),
  closed: z.number().int(),
  /** Percent of the month's closed requests closed within their SLA; null when none closed. */
  slaMetPct: z.number().nullable(),
  openItems: z.number().int(),
  /** Hooks of the parts, PM and follow-up areas: null until they land. */
  partsUsed: z.number().int().nullable(),
  pmDone: z.number().int().nullable(),
  pmDue: z.number().int().nullable(),
  satisfaction: z.number().nullable(),
  /**
   * `satisfaction` (0–100) combines the follow-ups' scores and the training feedback, every answer
   * weighing one; these are each on its own. Absent from summaries drafted before training was folded in.
   */
  satisfactionFollowUps: z.number().nullable().optional(),
  satisfactionTraining: z.number().nullable().optional(),
});
export type TMonthlyFigures = z.infer<typeof ZMonthlyFigures>;

export const ZMonthlySummary = z.object({
  id: z.number().int(),
  month: z.string(),
  project: ZRef.nullable(),
  contract: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  state: z.enum(['draft', 'approved']),
  figures: ZMonthlyFigures,
  previous: ZMonthlyFigures,
  /** This month less the previous, figure by figure (numbers only). */
  change: z.record(z.string(), z.number().nullable()),
  notes: z.string().nullable(),
  approvedAt: ZTimestamp.nullable(),
  version: z.number().int(),
});
export type TMonthlySummary = z.infer<typeof ZMonthlySummary>;
export const ZDraftMonthlySummary = z.strictObject({
  month: ZMonth,
  projectId: z.number().int().positive().optional(),
  contractId: z.number().int().positive().optional(),
});
export const ZUpdateMonthlySummary = z.strictObject({ version: z.number().int().min(1), notes: z.string().trim().max(8000).nullable() });
export const ZMonthlySummaryQuery = z.object({ month: ZMonth });
export const ZMonthlySummaryList = z.object({ items: z.array(ZMonthlySummary) });

// ── Settings ──
export const ZReportSettings = z.object({
  weeklyDueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  mailTo: z.array(z.email().max(200)).max(50),
});
export type TReportSettings = z.infer<typeof ZReportSettings>;
export const ZSaveReportSettings = z.strictObject({
  weeklyDueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  mailTo: z.array(z.email().max(200)).max(50),
});

// ── Dashboards ──
export const ZDashboardQuery = z.strictObject({
  from: ZDateInput,
  to: ZDateInput,
  customerId: z.coerce.number().int().positive().optional(),
});
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;
const ZRate = z.object({ n: z.number().int(), of: z.number().int(), pct: z.number().nullable() });
export const ZDashboard = z.object({
  slaByWeek: z.array(z.object({ weekStart: z.string(), closed: z.number().int(), met: z.number().int(), pct: z.number().nullable() })),
  slaByCustomer: z.array(
    z.object({ customer: ZRef, closed: z.number().int(), met: z.number().int(), breached: z.number().int(), pct: z.number().nullable() }),
  ),
  openByEngineer: z.array(z.object({ engineer: ZRef, open: z.number().int() })),
  firstTimeFix: ZRate,
  /** Hooks of other areas (arrival on time, follow-ups, PM, loans): null until they land. */
  arrivalOnTime: ZRate.nullable(),
  followUpsOnTime: ZRate.nullable(),
  pmCompletion: ZRate.nullable(),
  overdueLoans: z.number().int().nullable(),
  overridesByRule: z.array(z.object({ rule: z.string(), count: z.number().int() })),
  callsByHour: z.array(z.object({ hour: z.number().int(), productType: z.string(), calls: z.number().int() })),
});
export type TDashboard = z.infer<typeof ZDashboard>;
