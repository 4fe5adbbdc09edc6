/**
 * Times are stored and sent in UTC; people read them in the company's zone
 * (server setting FUWU_TIMEZONE, default Asia/Shanghai), whatever the browser's zone.
 */
export const COMPANY_TIME_ZONE = 'Asia/Shanghai';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(at)) if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-27 14:05:09` in the company zone: one unambiguous form for both languages. */
export function formatCompanyTime(iso: string, timeZone = COMPANY_TIME_ZONE): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = partsIn(timeZone, at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the company zone. */
export function companyDayOf(iso: string, timeZone = COMPANY_TIME_ZONE): string {
  const p = partsIn(timeZone, new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The UTC instant (ISO) at which the company-zone day `YYYY-MM-DD` begins; `dayOffset` moves it by whole days. */
export function companyDayStart(day: string, dayOffset = 0, timeZone = COMPANY_TIME_ZONE): string {
  const [y, m, d] = day.split('-').map(Number);
  const wallAsUtc = Date.UTC(y, m - 1, d + dayOffset);
  // The zone's offset at that wall time; asked twice so a DST change at midnight lands right.
  let guess = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  guess = wallAsUtc - offsetAt(guess, timeZone);
  return new Date(guess).toISOString();
}

function offsetAt(utcMs: number, timeZone: string): number {
  const p = partsIn(timeZone, new Date(utcMs));
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(utcMs / 1000) * 1000;
}
