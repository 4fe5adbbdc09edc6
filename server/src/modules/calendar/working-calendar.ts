/**
 * The working calendar: working days (weekends, public holidays, make-up workdays) and time
 * arithmetic within a contract's coverage window, all in the company's time zone whatever
 * the process's own zone. Pure: no I/O, no clock — `now` is always passed in.
 *
 * Speed: each (calendar, window) pair compiles to a CoverageTable that computes, once per
 * local day, the day's bounds and covered intervals as UTC instants; after that, adding or
 * counting covered minutes is plain number arithmetic over cached days.
 */
import { DEFAULT_WORKING_HOURS, type TCoverageWindow } from '@contract/working-calendar';
import {
  MS_PER_DAY,
  MS_PER_MINUTE,
  dayNumberOf,
  dayNumberOfIsoDate,
  instantOfWallClock,
  instantOfWallTime,
  isoDateOfDayNumber,
  isoWeekdayOf,
  localDayOf,
  offsetAt,
  wallClockOf,
} from '@contract/zoned-time';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * A company's calendar. Treated as immutable: compiled tables are cached per spec object,
 * so build a new spec when the holiday data changes.
 */
export interface TCalendarSpec {
  readonly timeZone: string;
  /** Every date of every public holiday period (weekends within them included), `YYYY-MM-DD`. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days worked (调休), `YYYY-MM-DD`. */
  readonly makeUpWorkdays: ReadonlySet<string>;
}

/** A window as the arithmetic needs it. */
interface TWindowRule {
  readonly key: string;
  readonly everyMinute: boolean;
  readonly weekdays: readonly boolean[];
  readonly coversHolidays: boolean;
  /** Milliseconds after local midnight. */
  readonly startMs: number;
  readonly endMs: number;
}

function msOfClockTime(t: string): number {
  return (Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) * MS_PER_MINUTE;
}

/** A window's identity in the cache: cheap, as it is computed on every call. */
function keyOf(window: TCoverageWindow): string {
  switch (window.kind) {
    case '7x24':
      return '7x24';
    case '5x8':
      return `5x8|${window.start ?? DEFAULT_WORKING_HOURS.start}|${window.end ?? DEFAULT_WORKING_HOURS.end}`;
    case 'custom':
      return `custom|${window.days.join(',')}|${window.start}|${window.end}|${window.coversHolidays === true}`;
  }
}

function ruleOf(window: TCoverageWindow): TWindowRule {
  const key = keyOf(window);
  switch (window.kind) {
    case '7x24':
      return { key, everyMinute: true, weekdays: [], coversHolidays: true, startMs: 0, endMs: MS_PER_DAY };
    case '5x8':
      return ruleWith(key, [1, 2, 3, 4, 5], window.start ?? DEFAULT_WORKING_HOURS.start, window.end ?? DEFAULT_WORKING_HOURS.end, false);
    case 'custom':
      return ruleWith(key, window.days, window.start, window.end, window.coversHolidays === true);
  }
}

function ruleWith(key: string, days: readonly number[], start: string, end: string, coversHolidays: boolean): TWindowRule {
  const startMs = msOfClockTime(start);
  const endMs = msOfClockTime(end);
  if (!(startMs < endMs)) throw new RangeError(`coverage window ends before it starts: ${start}–${end}`);
  const weekdays = Array.from({ length: 8 }, (_, d) => days.includes(d));
  return { key, everyMinute: false, weekdays, coversHolidays, startMs, endMs };
}

interface TDay {
  /** First instant of the local day, and of the next. */
  readonly start: number;
  readonly end: number;
  /** Covered intervals as flat [start, end) pairs of instants, in order. */
  readonly intervals: readonly number[];
  readonly coveredMs: number;
}

/** Windows never leave this many days uncovered in a row; beyond it, the input is wrong. */
const MAX_DAYS_SCANNED = 3660;

/**
 * First instant of each local day, per time zone: zone rules only, so shared by every
 * calendar and window in that zone.
 */
const dayStartsByZone = new Map<string, Map<number, number>>();

function dayStartsOf(timeZone: string): Map<number, number> {
  let starts = dayStartsByZone.get(timeZone);
  if (!starts) {
    starts = new Map();
    dayStartsByZone.set(timeZone, starts);
  }
  return starts;
}

/** A (calendar, window) pair compiled for fast arithmetic over epoch milliseconds. */
export class CoverageTable {
  private readonly dayStarts: Map<number, number>;
  private readonly days = new Map<number, TDay>();
  private readonly roughOffset: number;
  /** cumulative[i]: covered ms of the days [cumulativeFrom, cumulativeFrom + i), grown on demand. */
  private cumulative: number[] = [];
  private cumulativeFrom = 0;

  constructor(
    readonly calendar: TCalendarSpec,
    private readonly rule: TWindowRule,
  ) {
    this.dayStarts = dayStartsOf(calendar.timeZone);
    // Any offset within a day of the real one will do: dayOf() corrects it exactly.
    this.roughOffset = offsetAt(0, calendar.timeZone);
  }

  private startOf(day: number): number {
    let s = this.dayStarts.get(day);
    if (s === undefined) {
      s = this.startFromPreviousDay(day) ?? instantOfWallTime(day, 0, this.calendar.timeZone);
      this.dayStarts.set(day, s);
    }
    return s;
  }

  /** Intl lookups dominate cold tables: one (instead of three) when the previous day was 24 hours long. */
  private startFromPreviousDay(day: number): number | undefined {
    const previous = this.dayStarts.get(day - 1);
    if (previous === undefined) return undefined;
    const w = wallClockOf(previous + MS_PER_DAY, this.calendar.timeZone);
    const isMidnight = w.hour === 0 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
    return isMidnight && dayNumberOf(w.year, w.month, w.day) === day ? previous + MS_PER_DAY : undefined;
  }

  /** The local calendar day (day number) that contains instant `ms`. */
  dayOf(ms: number): number {
    let d = Math.floor((ms + this.roughOffset) / MS_PER_DAY);
    while (ms < this.startOf(d)) d--;
    while (ms >= this.startOf(d + 1)) d++;
    return d;
  }

  isCoveredDay(day: number): boolean {
    if (this.rule.everyMinute) return true;
    const date = isoDateOfDayNumber(day);
    if (!this.rule.coversHolidays && this.calendar.holidays.has(date)) return false;
    return this.calendar.makeUpWorkdays.has(date) || this.rule.weekdays[isoWeekdayOf(day)];
  }

  private dayEntry(day: number): TDay {
    let e = this.days.get(day);
    if (e) return e;
    const start = this.startOf(day);
    const end = this.startOf(day + 1);
    const intervals: number[] = [];
    if (this.isCoveredDay(day)) {
      // A day of 24 hours has no offset change: its wall times are plain offsets from its start.
      const instantOf = (msOfDay: number) =>
        end - start === MS_PER_DAY ? start + msOfDay : instantOfWallTime(day, msOfDay, this.calendar.timeZone);
      const s = this.rule.startMs === 0 ? start : Math.max(start, instantOf(this.rule.startMs));
      const f = this.rule.endMs === MS_PER_DAY ? end : Math.min(end, instantOf(this.rule.endMs));
      if (s < f) intervals.push(s, f);
    }
    let coveredMs = 0;
    for (let i = 0; i < intervals.length; i += 2) coveredMs += intervals[i + 1] - intervals[i];
    e = { start, end, intervals, coveredMs };
    this.days.set(day, e);
    return e;
  }

  /** The first covered instant at or after `ms`. */
  nextCovered(ms: number): number {
    if (this.rule.everyMinute) return ms;
    const first = this.dayOf(ms);
    for (let d = first; d < first + MAX_DAYS_SCANNED; d++) {
      const iv = this.dayEntry(d).intervals;
      for (let i = 0; i < iv.length; i += 2) if (iv[i + 1] > ms) return Math.max(iv[i], ms);
    }
    throw new RangeError(`no covered time within ${MAX_DAYS_SCANNED} days of ${new Date(ms).toISOString()}`);
  }

  /** The earliest instant by which `durationMs` of covered time has passed since `ms`. */
  addCovered(ms: number, durationMs: number): number {
    if (!(durationMs >= 0)) throw new RangeError(`duration must be ≥ 0, got ${durationMs}`);
    if (this.rule.everyMinute || durationMs === 0) return ms + durationMs;
    let remaining = durationMs;
    const first = this.dayOf(ms);
    for (let d = first; d < first + MAX_DAYS_SCANNED; d++) {
      const e = this.dayEntry(d);
      if (e.start >= ms && e.coveredMs < remaining) {
        remaining -= e.coveredMs; // a whole day, skipped in one step
        continue;
      }
      const iv = e.intervals;
      for (let i = 0; i < iv.length; i += 2) {
        if (iv[i + 1] <= ms) continue;
        const from = Math.max(iv[i], ms);
        const available = iv[i + 1] - from;
        if (available >= remaining) return from + remaining;
        remaining -= available;
      }
    }
    throw new RangeError(`no covered time within ${MAX_DAYS_SCANNED} days of ${new Date(ms).toISOString()}`);
  }

  /** Covered ms of the days before `day`, from the start of the cumulative range: differences count whole days in O(1). */
  private coveredBefore(day: number): number {
    if (this.cumulative.length === 0) {
      this.cumulativeFrom = day;
      this.cumulative = [0];
    }
    if (day < this.cumulativeFrom) {
      const head: number[] = [];
      let sum = 0;
      for (let d = day; d < this.cumulativeFrom; d++) {
        head.push(sum);
        sum += this.dayEntry(d).coveredMs;
      }
      this.cumulative = head.concat(this.cumulative.map((c) => c + sum));
      this.cumulativeFrom = day;
    }
    for (let last = this.cumulative.length - 1; this.cumulativeFrom + last < day; last++) {
      this.cumulative.push(this.cumulative[last] + this.dayEntry(this.cumulativeFrom + last).coveredMs);
    }
    return this.cumulative[day - this.cumulativeFrom];
  }

  /** Covered time in [a, b), in ms; negative when b < a. */
  coveredBetween(a: number, b: number): number {
    if (b < a) return -this.coveredBetween(b, a);
    if (this.rule.everyMinute || a === b) return b - a;
    const da = this.dayOf(a);
    const db = this.dayOf(b);
    if (da === db) return overlapOf(this.dayEntry(da).intervals, a, b);
    let whole = 0;
    if (da + 1 < db) {
      // The earlier day first: it may move the range's start, which shifts every cumulative value.
      const before = this.coveredBefore(da + 1);
      whole = this.coveredBefore(db) - before;
    }
    return (
      overlapOf(this.dayEntry(da).intervals, a, Number.POSITIVE_INFINITY) +
      whole +
      overlapOf(this.dayEntry(db).intervals, Number.NEGATIVE_INFINITY, b)
    );
  }
}

function overlapOf(intervals: readonly number[], a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < intervals.length; i += 2) {
    const s = Math.max(intervals[i], a);
    const e = Math.min(intervals[i + 1], b);
    if (e > s) sum += e - s;
  }
  return sum;
}

const tables = new WeakMap<TCalendarSpec, Map<string, CoverageTable>>();

/** The compiled table of a window in a calendar, cached per calendar object. */
export function coverageTableFor(window: TCoverageWindow, calendar: TCalendarSpec): CoverageTable {
  const key = keyOf(window);
  let byWindow = tables.get(calendar);
  if (!byWindow) {
    byWindow = new Map();
    tables.set(calendar, byWindow);
  }
  let table = byWindow.get(key);
  if (!table) {
    table = new CoverageTable(calendar, ruleOf(window));
    byWindow.set(key, table);
  }
  return table;
}

// ── Public functions over Date ──

/** The company-zone calendar date of an instant, `YYYY-MM-DD`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return isoDateOfDayNumber(localDayOf(instant.getTime(), timeZone));
}

function isWorkingDayNumber(day: number, calendar: TCalendarSpec): boolean {
  const date = isoDateOfDayNumber(day);
  if (calendar.holidays.has(date)) return false;
  if (calendar.makeUpWorkdays.has(date)) return true;
  return isoWeekdayOf(day) <= 5;
}

/** Monday–Friday unless a public holiday, plus make-up workdays. A Date is read in the calendar's zone. */
export function isWorkingDay(date: string | Date, calendar: TCalendarSpec): boolean {
  if (typeof date === 'string') {
    return isWorkingDayNumber(dayNumberOfIsoDate(date), calendar);
  }
  return isWorkingDayNumber(localDayOf(date.getTime(), calendar.timeZone), calendar);
}

/**
 * The same wall-clock time on the `n`th working day after (n < 0: before) the instant's
 * local date. Friday + 1 → Monday; Saturday + 1 → Monday. `n = 0` returns the instant.
 */
export function addWorkingDays(instant: Date, n: number, calendar: TCalendarSpec): Date {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
  if (n === 0) return new Date(instant.getTime());
  const wall = wallClockOf(instant.getTime(), calendar.timeZone);
  let day = dayNumberOf(wall.year, wall.month, wall.day);
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDayNumber(day, calendar)) left--;
  }
  const target = new Date(day * MS_PER_DAY);
  return new Date(
    instantOfWallClock(
      { ...wall, year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() },
      calendar.timeZone,
    ),
  );
}

/** When a clock started at `instant` begins counting: the instant itself if covered, else the next window's start. */
export function nextCoveredInstant(instant: Date, window: TCoverageWindow, calendar: TCalendarSpec): Date {
  return new Date(coverageTableFor(window, calendar).nextCovered(instant.getTime()));
}

/**
 * The due instant: the earliest instant by which `minutes` of covered time have passed since
 * `start`. A clock started outside the window begins at the next window (a 5×8 call on Friday
 * evening counts from Monday 09:00); one that ends exactly at a window's end is due then.
 */
export function addCoveredMinutes(start: Date, minutes: number, window: TCoverageWindow, calendar: TCalendarSpec): Date {
  return new Date(coverageTableFor(window, calendar).addCovered(start.getTime(), minutes * MS_PER_MINUTE));
}

/** Covered minutes in [a, b) (fractional when the instants are not on whole minutes); negative when b < a. */
export function coveredMinutesBetween(a: Date, b: Date, window: TCoverageWindow, calendar: TCalendarSpec): number {
  return coverageTableFor(window, calendar).coveredBetween(a.getTime(), b.getTime()) / MS_PER_MINUTE;
}
