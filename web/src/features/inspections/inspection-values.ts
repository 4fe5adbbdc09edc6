import { dayNumberOfIsoDate, formatWallTime, instantOfWallTime } from '@contract/zoned-time';

/**
 * `2026-12-05T08:30` (a datetime-local field, read as the company's wall clock whatever the
 * browser's zone) → the UTC instant; null when empty or malformed.
 */
export function instantOfLocalInput(value: string | null | undefined, timeZone: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  if (!m) return null;
  const ms = instantOfWallTime(dayNumberOfIsoDate(m[1]), (Number(m[2]) * 60 + Number(m[3])) * 60_000, timeZone);
  return new Date(ms).toISOString();
}

/** An instant as a datetime-local field shows it in the company's zone. */
export function localInputOfInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return formatWallTime(iso, timeZone).slice(0, 16).replace(' ', 'T');
}

/** Hours and minutes between two instants: `18 h 0 min`. */
export function durationText(startedAt: string, endedAt: string | null): string | null {
  if (!endedAt) return null;
  const minutes = Math.floor((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
