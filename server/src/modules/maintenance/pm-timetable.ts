/**
 * PM timetable dates (R-PM-2), pure: the natural dates of a recurrence (an RRULE the manager
 * edits, or the contract's visits per year spread evenly over the service period), each moved off
 * weekends and public holidays on the company's working calendar. A make-up workday (调休) is a
 * working day: a visit whose natural date falls on one stays there. No I/O, no clock.
 */
import rrule from 'rrule';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '@contract/zoned-time';
import { isWorkingDay, type TCalendarSpec } from '../calendar/working-calendar';

/** More visits than this in one period is a recurrence typed wrong (daily for ten years). */
export const MAX_VISITS_PER_PLAN = 400;

export interface TRecurrenceSpec {
  periodStart: string;
  periodEnd: string;
  /** An iCalendar RRULE (`FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU`), with or without the `RRULE:` prefix. */
  rrule?: string | null;
  visitsPerYear?: number | null;
}

export type TRecurrenceProblem = 'invalid' | 'empty' | 'too_many' | 'no_commitment' | 'bad_period';

export class RecurrenceError extends Error {
  constructor(readonly problem: TRecurrenceProblem) {
    super(`recurrence ${problem}`);
  }
}

export interface TPlannedDate {
  natural: string;
  planned: string;
}

const { RRule } = rrule;

const utcMidnight = (date: string) => new Date(`${date}T00:00:00Z`);

/** The rule's options, validated (`RRule.parseString` is lenient: it leaves unknown words out). */
function parseRule(text: string) {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!/^[A-Z]+=[^;=]+(;[A-Z]+=[^;=]+)*;?$/i.test(body)) throw new RecurrenceError('invalid');
  try {
    const opts = RRule.parseString(body);
    if (opts.freq === undefined) throw new RecurrenceError('invalid');
    return opts;
  } catch (err) {
    if (err instanceof RecurrenceError) throw err;
    throw new RecurrenceError('invalid');
  }
}

/** Check a recurrence's syntax without generating (the form's validation). */
export function isValidRecurrence(text: string): boolean {
  try {
    parseRule(text);
    return true;
  } catch {
    return false;
  }
}

/** The dates a recurrence gives in the period, before moving: ascending `YYYY-MM-DD`. */
export function naturalDates(spec: TRecurrenceSpec): string[] {
  const start = dayNumberOfIsoDate(spec.periodStart);
  const end = dayNumberOfIsoDate(spec.periodEnd);
  if (!(end >= start)) throw new RecurrenceError('bad_period');
  if (spec.rrule) {
    const opts = parseRule(spec.rrule);
    const until = utcMidnight(spec.periodEnd);
    const rule = new RRule({
      ...opts,
      dtstart: opts.dtstart ?? utcMidnight(spec.periodStart),
      until: opts.until && opts.until < until ? opts.until : until,
    });
    const dates: string[] = [];
    rule.between(utcMidnight(spec.periodStart), until, true, (d) => {
      dates.push(d.toISOString().slice(0, 10));
      return dates.length <= MAX_VISITS_PER_PLAN;
    });
    if (dates.length > MAX_VISITS_PER_PLAN) throw new RecurrenceError('too_many');
    const unique = [...new Set(dates)];
    if (unique.length === 0) throw new RecurrenceError('empty');
    return unique;
  }
  const perYear = spec.visitsPerYear ?? 0;
  if (perYear <= 0) throw new RecurrenceError('no_commitment');
  const days = end - start + 1;
  const count = Math.max(1, Math.round((perYear * days) / 365));
  if (count > MAX_VISITS_PER_PLAN) throw new RecurrenceError('too_many');
  // Each visit in the middle of its share of the period: four a year fall mid-quarter.
  return Array.from({ length: count }, (_, i) => isoDateOfDayNumber(start + Math.floor(((i + 0.5) * days) / count)));
}

/**
 * The working day a visit is held on: its natural date if that is a working day (a make-up
 * workday included), else the next working day in the period, else the last one before.
 */
export function movedToWorkingDay(date: string, periodEnd: string, periodStart: string, calendar: TCalendarSpec): string {
  const day = dayNumberOfIsoDate(date);
  const last = dayNumberOfIsoDate(periodEnd);
  const first = dayNumberOfIsoDate(periodStart);
  const working = workingDaysOf(calendar);
  for (let d = day; d <= last; d++) if (working(d)) return d === day ? date : isoDateOfDayNumber(d);
  for (let d = day - 1; d >= first; d--) if (working(d)) return isoDateOfDayNumber(d);
  return date;
}

/** Whether a day number is a working day, remembered per calendar (generating thousands of timetables asks the same days). */
const workingDayCache = new WeakMap<TCalendarSpec, Map<number, boolean>>();
function workingDaysOf(calendar: TCalendarSpec): (day: number) => boolean {
  let known = workingDayCache.get(calendar);
  if (!known) {
    known = new Map();
    workingDayCache.set(calendar, known);
  }
  const memo = known;
  return (day) => {
    let w = memo.get(day);
    if (w === undefined) {
      w = isWorkingDay(isoDateOfDayNumber(day), calendar);
      memo.set(day, w);
    }
    return w;
  };
}

/** The timetable's dates: natural and planned (on a working day), ascending. */
export function plannedDates(spec: TRecurrenceSpec, calendar: TCalendarSpec): TPlannedDate[] {
  return naturalDates(spec).map((natural) => ({
    natural,
    planned: movedToWorkingDay(natural, spec.periodEnd, spec.periodStart, calendar),
  }));
}

/** A visit already in the timetable, as regeneration sees it. */
export interface TExistingVisit {
  id: number;
  state: string;
  plannedDate: string;
}

export interface TReconciled {
  /** Open visits given a (possibly) new date: their UID stays, their SEQUENCE goes up if it moved. */
  update: { id: number; date: TPlannedDate }[];
  insert: TPlannedDate[];
  /** Open visits the new timetable no longer has: cancelled (METHOD:CANCEL when sent). */
  cancel: number[];
}

/** Visits regeneration never touches (R-PM-4: agreed with the customer, or done). */
export const SETTLED_STATES: readonly string[] = ['agreed', 'done'];

/**
 * Regenerating after a contract change: agreed and done visits stay as they are, each taking the
 * place of the new date nearest to it; the remaining new dates go to the open visits in date order
 * (keeping their UIDs), new visits are added for any left over, and open visits left without a
 * date are cancelled. Cancelled visits are history: not reused.
 */
export function reconcileVisits(existing: readonly TExistingVisit[], fresh: readonly TPlannedDate[]): TReconciled {
  const remaining = [...fresh];
  const settled = existing.filter((v) => SETTLED_STATES.includes(v.state));
  for (const v of settled) {
    if (remaining.length === 0) break;
    const at = dayNumberOfIsoDate(v.plannedDate);
    let best = 0;
    for (let i = 1; i < remaining.length; i++)
      if (Math.abs(dayNumberOfIsoDate(remaining[i].planned) - at) < Math.abs(dayNumberOfIsoDate(remaining[best].planned) - at)) best = i;
    remaining.splice(best, 1);
  }
  const open = existing
    .filter((v) => v.state === 'planned' || v.state === 'agreeing')
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.id - b.id);
  const update = open.slice(0, remaining.length).map((v, i) => ({ id: v.id, date: remaining[i] }));
  return {
    update,
    insert: remaining.slice(open.length),
    cancel: open.slice(remaining.length).map((v) => v.id),
  };
}
