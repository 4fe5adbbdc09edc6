import { z } from 'zod';
import { ZDateInput, ZRef } from './common';
import { singleLineText } from './text';

/** Kinds of an hour entry: a visit's travel and time on site apart, remote handling, and other work. */
export const WORK_HOURS_KINDS = ['visit_travel', 'visit_onsite', 'remote', 'training_prep', 'internal', 'other'] as const;
export const ZWorkHoursKind = z.enum(WORK_HOURS_KINDS);
export type TWorkHoursKind = z.infer<typeof ZWorkHoursKind>;

export const WORK_HOURS_KIND_LABELS: Record<TWorkHoursKind, { zh: string; en: string }> = {
  visit_travel: { zh: '上门路途', en: 'Visit travel' },
  visit_onsite: { zh: '现场工作', en: 'On site' },
  remote: { zh: '远程处理', en: 'Remote handling' },
  training_prep: { zh: '培训准备', en: 'Training preparation' },
  internal: { zh: '内部事务', en: 'Internal work' },
  other: { zh: '其他', en: 'Other' },
};

/** Kinds an engineer adds by hand; the others come from visits and remote handling. */
export const MANUAL_WORK_HOURS_KINDS = ['training_prep', 'internal', 'other'] as const;

/** Most hours one engineer can have on one day (R-FLOW-1: hours below 0 or above 24 a day are refused). */
export const MAX_HOURS_PER_DAY = 24;

export const ZWorkHoursEntry = z.object({
  id: z.number().int(),
  engineer: ZRef,
  workDate: z.string(),
  kind: ZWorkHoursKind,
  hours: z.number(),
  note: z.string().nullable(),
  serviceRequest: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  customer: ZRef.nullable(),
  source: z.object({ entity: z.string(), id: z.number().int() }),
});
export type TWorkHoursEntry = z.infer<typeof ZWorkHoursEntry>;

/** Other work an engineer adds on a day (training preparation, internal tasks). */
export const ZAddOtherWork = z.strictObject({
  workDate: ZDateInput,
  kind: z.enum(MANUAL_WORK_HOURS_KINDS),
  hours: z.number().min(0).max(MAX_HOURS_PER_DAY),
  note: singleLineText().min(1).max(500),
  /** Tech manager only: on behalf of an engineer. */
  engineerId: z.number().int().positive().optional(),
});
export type TAddOtherWork = z.infer<typeof ZAddOtherWork>;

export const ZWorkHoursQuery = z.object({
  from: ZDateInput,
  to: ZDateInput,
  engineerId: z.coerce.number().int().positive().optional(),
});
export type TWorkHoursQuery = z.infer<typeof ZWorkHoursQuery>;
export const ZWorkHoursList = z.object({ items: z.array(ZWorkHoursEntry) });
