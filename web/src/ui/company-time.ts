import type { TMe } from '@contract/users';
import {
  dayNumberOfIsoDate,
  dayStartInstant,
  formatWallClock,
  formatWallTime,
  isoDateOfInstant,
  MS_PER_DAY,
  MS_PER_MINUTE,
} from '@contract/zoned-time';

/*
 * Times are stored and sent in UTC; people read them in the company's zone, whatever the
 * browser's. The zone is the server's FUWU_TIMEZONE, sent with the signed-in user (`/api/me`)
 * and set here by the sign-in guard before any signed-in page renders (app/route-guards.tsx);
 * the arithmetic is the server's own (contract/zoned-time.ts).
 *
 * With the zone come its UTC offsets for a window around today. Inside it a wall clock is the
 * UTC fields of `instant + offset` (Date's getUTC…), no Intl: the first Intl.DateTimeFormat of a
 * page costs ~90 ms of a phone's main thread (ICU loads then), inside the first render of a page
 * of times. Outside the window, or before the offsets are known, the Intl path as the server's.
 */

export type TCompanyZone = Pick<TMe, 'timeZone' | 'timeZoneOffsets' | 'timeZoneOffsetsUntil'>;

/** The server's default, used only before anyone is signed in (the sign-in page shows no times). */
let companyTimeZone = 'Asia/Shanghai';
/** The zone's offsets: from `from` (epoch ms) to the next entry, `offset` ms ahead of UTC; none until set. */
let spans: { from: number; offset: number }[] = [];
/** The end (exclusive, epoch ms) of the window `spans` covers. */
let spansUntil = Number.NEGATIVE_INFINITY;
/** What was last set (the guard calls on every render): its zone and window end. */
let setFor: string | null = null;

export function setCompanyTimeZone(zone: TCompanyZone): void {
  const key = `${zone.timeZone} ${zone.timeZoneOffsetsUntil}`;
  if (key === setFor) return;
  setFor = key;
  companyTimeZone = zone.timeZone;
  spans = zone.timeZoneOffsets.map((s) => ({ from: Date.parse(s.from), offset: s.offsetMinutes * MS_PER_MINUTE }));
  spansUntil = spans.length > 0 ? Date.parse(zone.timeZoneOffsetsUntil) : Number.NEGATIVE_INFINITY;
  if (spans.length > 0) return;
  // No offsets: the zone's formatter (Intl.DateTimeFormat) takes tens of milliseconds to make on a
  // phone, the zone's data being loaded then: made in an idle moment while the page's code and data
  // are on their way, not inside the first render of a page of times (my-work, a request).
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
  const timeZone = zone.timeZone;
  idle(() => formatWallTime(new Date().toISOString(), timeZone));
}

export function getCompanyTimeZone(): string {
  return companyTimeZone;
}

/** The index of the span holding instant `ms`, or -1 outside the window (NaN included). */
function spanIndexOf(ms: number): number {
  if (!(ms < spansUntil && ms >= spans[0].from)) return -1;
  let i = spans.length - 1;
  while (spans[i].from > ms) i--;
  return i;
}

/** Instant `ms` moved by the company zone's offset: its UTC fields are the wall clock. Null outside the window. */
function wallDateOf(ms: number): Date | null {
  const i = spanIndexOf(ms);
  return i < 0 ? null : new Date(ms + spans[i].offset);
}

/** `2026-11-27 14:05:09` in the company zone: one unambiguous form for both languages. */
export function formatCompanyTime(iso: string): string {
  const w = wallDateOf(new Date(iso).getTime());
  if (!w) return formatWallTime(iso, companyTimeZone);
  return formatWallClock({
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
  });
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the company zone. */
export function companyDayOf(iso: string): string {
  const w = wallDateOf(new Date(iso).getTime());
  return w ? w.toISOString().slice(0, 10) : isoDateOfInstant(iso, companyTimeZone);
}

/** The UTC instant (ISO) at which the company-zone day `YYYY-MM-DD` begins; `dayOffset` moves it by whole days. */
export function companyDayStart(day: string, dayOffset = 0): string {
  const midnight = (dayNumberOfIsoDate(day) + dayOffset) * MS_PER_DAY;
  // Every instant showing local midnight is `midnight - offset` for the offset of the span it lies
  // in. Exactly one such instant, a day clear of the window's edges: that is the day's start. None
  // (midnight in a gap of a change) or two (in a repeated hour): the Intl path, which decides.
  let start = Number.NaN;
  let found = 0;
  for (let i = 0; i < spans.length; i++) {
    const at = midnight - spans[i].offset;
    if (at >= spans[i].from && at < (spans[i + 1]?.from ?? spansUntil)) {
      start = at;
      found++;
    }
  }
  const clear = found === 1 && start - MS_PER_DAY >= spans[0].from && start + MS_PER_DAY < spansUntil;
  return clear ? new Date(start).toISOString() : dayStartInstant(day, companyTimeZone, dayOffset);
}
