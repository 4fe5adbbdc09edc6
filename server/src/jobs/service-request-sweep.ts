import type { Db } from '../db/database';
import { DEFAULT_TIME_ZONE } from '../modules/calendar/working-calendar';
import { type SweepOptions, sweepIncompleteReminders, sweepSla } from '../modules/service-requests/service-request-sweeps';

/**
 * The service-request sweep: SLA warnings and breaches (R-EMER-8/9) and the daily reminder of
 * incomplete urgent forms (R-EMER-1). Every effect carries a dedupe key, so running it twice, or
 * in every instance at once, notifies each person once. Tests call it with a fixed `now`.
 */
export async function sweepServiceRequests(db: Db, opts: Partial<SweepOptions> = {}) {
  const o: SweepOptions = { now: opts.now ?? new Date(), timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE, warnShare: opts.warnShare };
  const sla = await sweepSla(db, o);
  const reminders = await sweepIncompleteReminders(db, o);
  return { ...sla, reminders };
}
