import { z } from 'zod';
import { ZDateInput, ZNumberRef, ZPageQuery, ZRef, ZTimestamp } from './common';
import { singleLineText } from './text';
import { ZClockTime } from './working-calendar';

// ── Preventive maintenance (PM) timetables 例行检查计划表 (R-PM-1 … R-PM-8) ──

export const PM_VISIT_STATES = ['planned', 'agreeing', 'agreed', 'done', 'cancelled'] as const;
export const ZPmVisitState = z.enum(PM_VISIT_STATES);
export type TPmVisitState = z.infer<typeof ZPmVisitState>;
export const PM_VISIT_STATE_LABELS: Record<TPmVisitState, { zh: string; en: string }> = {
  planned: { zh: '已计划', en: 'Planned' },
  agreeing: { zh: '待确认', en: 'To be agreed' },
  agreed: { zh: '已确认', en: 'Agreed' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Recurrences the manager picks from; `custom` is an RRULE he types. */
export const PM_RECURRENCE_PRESETS = {
  perYear: null,
  monthly: 'FREQ=MONTHLY',
  quarterly: 'FREQ=MONTHLY;INTERVAL=3',
  firstTuesdayOfQuarter: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU',
} as const;

/** Working days before a visit that its engineer is asked to agree it with the customer (R-PM-4). */
export const PM_AGREE_WORKING_DAYS_DEFAULT = 5;
/** A visit not agreed this many working days before: the technical manager is told. */
export const PM_UNAGREED_ALERT_WORKING_DAYS = 2;

export const ZPmVisit = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  contract: ZNumberRef,
  customer: ZRef,
  uid: z.string(),
  sequence: z.number().int(),
  /** The SEQUENCE last sent to the customer; null: never sent. */
  sentSequence: z.number().int().nullable(),
  naturalDate: z.string(),
  plannedDate: z.string(),
  startTime: z.string(),
  durationMinutes: z.number().int(),
  downtimeMinutes: z.number().int(),
  responsibleEngineer: ZRef,
  backupEngineer: ZRef,
  equipmentIds: z.array(z.number().int()),
  state: ZPmVisitState,
  agreedPlace: z.string().nullable(),
  agreedSystemState: z.string().nullable(),
  agreedDowntime: z.string().nullable(),
  openProblems: z.string().nullable(),
  agreedBy: ZRef.nullable(),
  agreedAt: ZTimestamp.nullable(),
  serviceRequest: ZNumberRef.nullable(),
  doneAt: ZTimestamp.nullable(),
  version: z.number().int(),
});
export type TPmVisit = z.infer<typeof ZPmVisit>;

export const ZPmEquipment = z.object({
  id: z.number().int(),
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  sn: z.string().nullable(),
});

export const ZPmPlan = z.object({
  id: z.number().int(),
  contract: ZNumberRef,
  customer: ZRef,
  rrule: z.string().nullable(),
  visitsPerYear: z.number().int().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  startTime: z.string(),
  durationMinutes: z.number().int(),
  downtimeMinutes: z.number().int(),
  responsibleEngineer: ZRef,
  backupEngineer: ZRef,
  equipment: z.array(ZPmEquipment),
  sentAt: ZTimestamp.nullable(),
  sentTo: z.string().nullable(),
  /** Visits changed since the timetable was last sent. */
  unsentChanges: z.number().int(),
  visits: z.array(ZPmVisit),
  version: z.number().int(),
});
export type TPmPlan = z.infer<typeof ZPmPlan>;

/**
 * Generate (or regenerate) a contract's timetable (R-PM-2). `rrule` null: spread by the contract's
 * pmVisitsPerYear. Equipment: every unit of the contract unless narrowed. `version` of the plan
 * when one exists.
 */
export const ZGeneratePmPlan = z.strictObject({
  version: z.number().int().optional(),
  rrule: singleLineText().min(1).max(500).nullable().default(null),
  startTime: ZClockTime.default('09:00'),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60)
    .default(240),
  downtimeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(0),
  responsibleEngineerId: z.number().int().positive(),
  backupEngineerId: z.number().int().positive(),
  equipmentIds: z.array(z.number().int().positive()).max(500).optional(),
});
export type TGeneratePmPlan = z.infer<typeof ZGeneratePmPlan>;

/** Send the timetable to the customer (R-PM-2): PDF and .ics by e-mail. */
export const ZSendPmPlan = z.strictObject({
  /** The customer contact; default: the customer's primary contact with an address. */
  contactId: z.number().int().positive().optional(),
});
export const ZSendPmPlanResult = z.object({
  outboxId: z.number().int(),
  to: z.string(),
  visits: z.number().int(),
  cancelled: z.number().int(),
});

/** Move one visit (its UID stays; SEQUENCE goes up). */
export const ZUpdatePmVisit = z.strictObject({
  version: z.number().int(),
  plannedDate: ZDateInput.optional(),
  startTime: ZClockTime.optional(),
  downtimeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
});
export type TUpdatePmVisit = z.infer<typeof ZUpdatePmVisit>;

/** R-PM-4: what the engineer agreed with the customer; the PM service request is created with it. */
export const ZAgreePmVisit = z.strictObject({
  version: z.number().int(),
  date: ZDateInput,
  startTime: ZClockTime,
  place: z.string().trim().min(1).max(500),
  systemState: z.string().trim().min(1).max(2000),
  downtime: z.string().trim().min(1).max(500),
  openProblems: z.string().trim().max(4000).nullable().optional(),
});
export type TAgreePmVisit = z.infer<typeof ZAgreePmVisit>;

export const ZPmVisitQuery = ZPageQuery.extend({
  from: ZDateInput.optional(),
  to: ZDateInput.optional(),
  engineerId: z.coerce.number().int().positive().optional(),
  state: ZPmVisitState.optional(),
  customerId: z.coerce.number().int().positive().optional(),
  contractId: z.coerce.number().int().positive().optional(),
}).strict();
export type TPmVisitQuery = z.infer<typeof ZPmVisitQuery>;
export const ZPmVisitExportQuery = ZPmVisitQuery.omit({ page: true, pageSize: true });
export const ZPmVisitPage = z.object({
  items: z.array(ZPmVisit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** A contract with PM commitments and no timetable (R-PM-1). */
export const ZPmGap = z.object({
  contract: ZNumberRef,
  customer: ZRef,
  pmVisitsPerYear: z.number().int(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});
export type TPmGap = z.infer<typeof ZPmGap>;

/** PM completion per contract for a year: done / due (still to come) / overdue (date passed, not done). */
export const ZPmCompletion = z.object({
  contract: ZNumberRef,
  customer: ZRef,
  planned: z.number().int(),
  done: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
});
export type TPmCompletion = z.infer<typeof ZPmCompletion>;
/** The year's completion, worst first (most overdue), a page at a time, with the year's totals. */
export const ZPmCompletionQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  contractId: z.coerce.number().int().positive().optional(),
}).strict();
export type TPmCompletionQuery = z.infer<typeof ZPmCompletionQuery>;
export const ZPmCompletionTotals = z.object({
  contracts: z.number().int(),
  planned: z.number().int(),
  done: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
});
export const ZPmCompletionPage = z.object({
  year: z.number().int(),
  today: z.string(),
  totals: ZPmCompletionTotals,
  items: z.array(ZPmCompletion),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TPmCompletionPage = z.infer<typeof ZPmCompletionPage>;

/** A timetable in the list of timetables. */
export const ZPmPlanSummary = z.object({
  id: z.number().int(),
  contract: ZNumberRef,
  customer: ZRef,
  periodStart: z.string(),
  periodEnd: z.string(),
  responsibleEngineer: ZRef,
  backupEngineer: ZRef,
  visits: z.number().int(),
  done: z.number().int(),
  sentAt: ZTimestamp.nullable(),
});
export type TPmPlanSummary = z.infer<typeof ZPmPlanSummary>;
export const ZPmPlanQuery = ZPageQuery.extend({ customerId: z.coerce.number().int().positive().optional() }).strict();
export type TPmPlanQuery = z.infer<typeof ZPmPlanQuery>;
export const ZPmPlanPage = z.object({
  items: z.array(ZPmPlanSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
