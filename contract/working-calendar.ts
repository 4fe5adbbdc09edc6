import { z } from 'zod';
import { singleLineText } from './text';
import { ZIsoDate } from './contracts';
import { bilingual } from './validation-messages';

const AFTER_START = bilingual({ zh: '应晚于开始时间', en: 'must be after start' }, ['end']);

// ── Coverage windows: when a contract's SLA clocks count ──

/** A wall-clock time `HH:MM` in the company's time zone; `24:00` ends a window at midnight. */
export const ZClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM');
export type TClockTime = z.infer<typeof ZClockTime>;

/** The default hours of a 5×8 window; a company may set its own (08:30–17:30 is common). */
export const DEFAULT_WORKING_HOURS = { start: '09:00', end: '17:00' } as const;

const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const startsBeforeEnd = (w: { start?: string; end?: string }): boolean =>
  minutesOf(w.start ?? DEFAULT_WORKING_HOURS.start) < minutesOf(w.end ?? DEFAULT_WORKING_HOURS.end);

/**
 * - `5x8`: working days (weekends and public holidays off, make-up workdays on) between `start` and `end`.
 * - `7x24`: every minute, holidays included.
 * - `custom`: the given ISO weekdays (1 = Monday … 7 = Sunday) between `start` and `end`;
 *   public holidays are skipped and make-up workdays covered unless `coversHolidays`
 *   (a window that runs through holidays, e.g. 7×12).
 */
export const ZCoverageWindow = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('5x8'), start: ZClockTime.optional(), end: ZClockTime.optional() }).refine(startsBeforeEnd, AFTER_START),
  z.strictObject({ kind: z.literal('7x24') }),
  z
    .strictObject({
      kind: z.literal('custom'),
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      start: ZClockTime,
      end: ZClockTime,
      coversHolidays: z.boolean().optional(),
    })
    .refine(startsBeforeEnd, AFTER_START),
]);
export type TCoverageWindow = z.infer<typeof ZCoverageWindow>;

// ── Public holidays and make-up workdays (调休), one record per year ──

export const ZHolidayPeriod = z.object({
  nameZh: singleLineText().min(1).max(50),
  nameEn: singleLineText().min(1).max(80),
  /** First and last day off, inclusive. */
  from: ZIsoDate,
  to: ZIsoDate,
});
export type THolidayPeriod = z.infer<typeof ZHolidayPeriod>;

/** A weekend day worked in exchange for a day of a holiday period. */
export const ZMakeUpWorkday = z.object({
  date: ZIsoDate,
  /** The holiday it makes up for. */
  nameZh: singleLineText().min(1).max(50),
  nameEn: singleLineText().min(1).max(80),
});
export type TMakeUpWorkday = z.infer<typeof ZMakeUpWorkday>;

export const ZHolidayYear = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Derived by the usual pattern, not yet published by the State Council: an administrator confirms it. */
  provisional: z.boolean(),
  holidays: z.array(ZHolidayPeriod),
  makeUpWorkdays: z.array(ZMakeUpWorkday),
});
export type THolidayYear = z.infer<typeof ZHolidayYear>;

// ── The holiday table through the API (administrators edit it per year) ──

export const ZHolidayYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Create or replace a year; `version` is required to replace an existing one. */
export const ZPutHolidayYear = z.strictObject({
  provisional: z.boolean(),
  holidays: z.array(ZHolidayPeriod.strict()).max(50),
  makeUpWorkdays: z.array(ZMakeUpWorkday.strict()).max(50),
  version: z.number().int().min(1).optional(),
});
export type TPutHolidayYear = z.infer<typeof ZPutHolidayYear>;

export const ZHolidayYearRecord = ZHolidayYear.extend({
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type THolidayYearRecord = z.infer<typeof ZHolidayYearRecord>;

export const ZHolidayYearList = z.object({ items: z.array(ZHolidayYearRecord) });
export type THolidayYearList = z.infer<typeof ZHolidayYearList>;
