import { dayStartInstant, formatWallTime, isoDateOfInstant } from '@contract/zoned-time';

/*
 * Times are stored and sent in UTC; people read them in the company's zone, whatever the
 * browser's. The zone is the server's FUWU_TIMEZONE, sent with the signed-in user (`/api/me`)
 * and set here by the sign-in guard before any signed-in page renders (app/route-guards.tsx);
 * the arithmetic is the server's own (contract/zoned-time.ts).
 */

/** The server's default, used only before anyone is signed in (the sign-in page shows no times). */
let companyTimeZone = 'Asia/Shanghai';
/** Whether the zone's formatter has been made (below). */
let warmed = false;

export function setCompanyTimeZone(timeZone: string): void {
  if (timeZone === companyTimeZone && warmed) return;
  companyTimeZone = timeZone;
  warmed = true;
  // The zone's formatter (Intl.DateTimeFormat) takes tens of milliseconds to make on a phone, the
  // zone's data being loaded then: made in an idle moment while the page's code and data are on
  // their way, not inside the first render of a page of times (my-work, a request).
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 0));
  idle(() => formatWallTime(new Date().toISOString(), timeZone));
}

export function getCompanyTimeZone(): string {
  return companyTimeZone;
}

/** `2026-11-27 14:05:09` in the company zone: one unambiguous form for both languages. */
export function formatCompanyTime(iso: string): string {
  return formatWallTime(iso, companyTimeZone);
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the company zone. */
export function companyDayOf(iso: string): string {
  return isoDateOfInstant(iso, companyTimeZone);
}

/** The UTC instant (ISO) at which the company-zone day `YYYY-MM-DD` begins; `dayOffset` moves it by whole days. */
export function companyDayStart(day: string, dayOffset = 0): string {
  return dayStartInstant(day, companyTimeZone, dayOffset);
}
