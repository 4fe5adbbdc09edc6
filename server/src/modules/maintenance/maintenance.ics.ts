/**
 * The PM timetable as an iCalendar file (R-PM-2): one VEVENT per visit, its UID stable for the
 * visit's life so a later file updates the customer's calendar instead of adding events, its
 * SEQUENCE the visit's (bumped on every change). Times are the company's wall clock with a
 * TZID (Asia/Shanghai) and its VTIMEZONE; `ics` writes floating times, so the TZID is added here.
 */
import { createEvents, type EventAttributes } from 'ics';
import { dayNumberOfIsoDate, instantOfWallTime, MS_PER_MINUTE, offsetAt, wallClockOf } from '@contract/zoned-time';

export interface TIcsVisit {
  uid: string;
  sequence: number;
  plannedDate: string;
  startTime: string;
  durationMinutes: number;
  summary: string;
  description: string;
  location: string | null;
}

export type TIcsMethod = 'REQUEST' | 'CANCEL';

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDDTHHMMSS` of the wall clock in `timeZone` at `ms`. */
function wallStamp(ms: number, timeZone: string): string {
  const w = wallClockOf(ms, timeZone);
  return `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}00`;
}

/** The instant a visit starts: its date and time on the company's wall clock. */
export function visitStartMs(plannedDate: string, startTime: string, timeZone: string): number {
  const minutes = Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3, 5));
  return instantOfWallTime(dayNumberOfIsoDate(plannedDate), minutes * MS_PER_MINUTE, timeZone);
}

function offsetText(ms: number, timeZone: string): string {
  const minutes = Math.round(offsetAt(ms, timeZone) / MS_PER_MINUTE);
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

/** A VTIMEZONE of one fixed offset: exact for zones without daylight saving (all of China). */
function vtimezone(timeZone: string, atMs: number): string {
  const off = offsetText(atMs, timeZone);
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${off}`,
    `TZOFFSETTO:${off}`,
    'END:STANDARD',
    'END:VTIMEZONE',
    '',
  ].join('\r\n');
}

/** The calendar file of `visits` with `method` (REQUEST: add or update; CANCEL: remove). */
export function timetableIcs(
  visits: readonly TIcsVisit[],
  o: { method: TIcsMethod; timeZone: string; organizer: { name: string; email: string }; calName: string; now: number },
): string {
  const events: EventAttributes[] = visits.map((v) => {
    const start = visitStartMs(v.plannedDate, v.startTime, o.timeZone);
    return {
      uid: v.uid,
      sequence: v.sequence,
      timestamp: o.now,
      start: wallStamp(start, o.timeZone),
      end: wallStamp(start + v.durationMinutes * MS_PER_MINUTE, o.timeZone),
      title: v.summary,
      description: v.description,
      ...(v.location && { location: v.location }),
      status: o.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      organizer: o.organizer,
    } as EventAttributes;
  });
  const { error, value } = createEvents(events, { method: o.method, productId: '-//Fuwu//PM timetable//ZH', calName: o.calName });
  if (error || !value) throw error ?? new Error('ics: no output');
  const zoned = value.replace(/^(DTSTART|DTEND):(\d{8}T\d{6})\r$/gm, `$1;TZID=${o.timeZone}:$2\r`);
  const at = zoned.indexOf('BEGIN:VEVENT');
  return at < 0 ? zoned : zoned.slice(0, at) + vtimezone(o.timeZone, o.now) + zoned.slice(at);
}
