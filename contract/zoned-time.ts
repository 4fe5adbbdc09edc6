/**
 * Instants ↔ wall-clock times in an IANA time zone, without the process's own zone: every
 * conversion goes through Intl.DateTimeFormat for the named zone and Date.UTC arithmetic.
 * Instants are epoch milliseconds; calendar dates are day numbers (days since 1970-01-01).
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export interface TWallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: configuration is validated at start-up (config.ts).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClockOf(ms: number, timeZone: string): TWallClock {
  const parts = formatterFor(timeZone).formatToParts(ms);
  const wall: TWallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: ms - Math.floor(ms / 1000) * 1000 };
  for (const p of parts) {
    if (p.type === 'year') wall.year = Number(p.value);
    else if (p.type === 'month') wall.month = Number(p.value);
    else if (p.type === 'day') wall.day = Number(p.value);
    else if (p.type === 'hour') wall.hour = Number(p.value);
    else if (p.type === 'minute') wall.minute = Number(p.value);
    else if (p.type === 'second') wall.second = Number(p.value);
  }
  return wall;
}

/** The zone's offset from UTC at instant `ms`, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClockOf(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - ms;
}

/** From instant `from` (epoch ms) on, until the next entry, the zone is `offsetMinutes` ahead of UTC. */
export interface TOffsetSpan {
  from: number;
  offsetMinutes: number;
}

/**
 * The zone's UTC offsets over [`fromMs`, `toMs`) (both taken down to a whole minute): the offset in
 * effect at the start, then one entry per change (daylight saving) at the minute it takes effect.
 * Sampled once a day, each change then found to the minute by halving: a zone that changes and
 * changes back within one day (none does today) would be missed. About 800 `offsetAt` calls for
 * 800 days (a few milliseconds): compute it once and keep it, not per request.
 */
export function offsetTransitions(fromMs: number, toMs: number, timeZone: string): TOffsetSpan[] {
  const start = Math.floor(fromMs / MS_PER_MINUTE) * MS_PER_MINUTE;
  const end = Math.floor(toMs / MS_PER_MINUTE) * MS_PER_MINUTE;
  let at = start;
  let offset = offsetAt(at, timeZone);
  const spans: TOffsetSpan[] = [{ from: at, offsetMinutes: offset / MS_PER_MINUTE }];
  while (at < end) {
    const next = Math.min(at + MS_PER_DAY, end);
    if (offsetAt(next, timeZone) === offset) {
      at = next;
      continue;
    }
    // The offset at `lo` is the old one, at `hi` not: halve down to one minute.
    let lo = at;
    let hi = next;
    while (hi - lo > MS_PER_MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
      if (offsetAt(mid, timeZone) === offset) lo = mid;
      else hi = mid;
    }
    offset = offsetAt(hi, timeZone);
    spans.push({ from: hi, offsetMinutes: offset / MS_PER_MINUTE });
    at = hi;
  }
  return spans;
}

/**
 * The instant at which the wall clock in `timeZone` shows `day` (a day number) plus
 * `msOfDay`. Ambiguous times (clocks going back) take the earlier instant; times that do not
 * exist (clocks going forward) are moved forward by the gap — as Temporal's "compatible".
 */
export function instantOfWallTime(day: number, msOfDay: number, timeZone: string): number {
  const local = day * MS_PER_DAY + msOfDay;
  // Offsets a day either side bound the (at most one) transition near this time.
  const before = offsetAt(local - MS_PER_DAY, timeZone);
  const after = offsetAt(local + MS_PER_DAY, timeZone);
  const early = local - before;
  if (before === after) {
    const o = offsetAt(early, timeZone);
    return o === before ? early : local - o;
  }
  const late = local - after;
  const earlyValid = offsetAt(early, timeZone) === before;
  const lateValid = offsetAt(late, timeZone) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // In the gap: `early` reads the wall time with the old offset, i.e. shifted forward by the gap.
  return early;
}

export function instantOfWallClock(w: TWallClock, timeZone: string): number {
  const day = dayNumberOf(w.year, w.month, w.day);
  return instantOfWallTime(day, ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + w.millisecond, timeZone);
}

// ── Calendar dates as day numbers (no time zone involved) ──

export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → day number; throws on anything else or an impossible date. */
export function dayNumberOfIsoDate(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const n = dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (isoDateOfDayNumber(n) !== date) throw new RangeError(`no such date: ${date}`);
  return n;
}

export function isoDateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The calendar date (day number) of instant `ms` in `timeZone`. */
export function localDayOf(ms: number, timeZone: string): number {
  const w = wallClockOf(ms, timeZone);
  return dayNumberOf(w.year, w.month, w.day);
}

// ── ISO strings, as the API sends them (server and web read times in the company's zone) ──

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The calendar date (`YYYY-MM-DD`) in `timeZone` at instant `at`: "today" for the company. */
export function todayIn(timeZone: string, at: Date = new Date()): string {
  return isoDateOfDayNumber(localDayOf(at.getTime(), timeZone));
}

/** The calendar date (`YYYY-MM-DD`) an ISO instant falls on in `timeZone`. */
export function isoDateOfInstant(iso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(iso));
}

/**
 * `2026-11-27 14:05:09`: an ISO instant as the wall clock in `timeZone` shows it, one unambiguous
 * form for both languages. Anything that is not an instant is returned as it is.
 */
export function formatWallTime(iso: string, timeZone: string): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  return formatWallClock(wallClockOf(ms, timeZone));
}

/** `2026-11-27 14:05:09`: a wall clock in the form {@link formatWallTime} writes. */
export function formatWallClock(w: Pick<TWallClock, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>): string {
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`;
}

/** The ISO instant at which the day `YYYY-MM-DD` (moved by `dayOffset` whole days) begins in `timeZone`. */
export function dayStartInstant(date: string, timeZone: string, dayOffset = 0): string {
  return new Date(instantOfWallTime(dayNumberOfIsoDate(date) + dayOffset, 0, timeZone)).toISOString();
}
