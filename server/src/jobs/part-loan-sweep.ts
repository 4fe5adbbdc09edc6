import type { Db } from '../db/database';
import { DEFAULT_TIME_ZONE } from '../modules/calendar/working-calendar';
import { sweepPartLoans } from '../modules/parts/parts.service';

/**
 * The spare-part loan sweep (R-EMER-4): emergency paperwork pending for more than 2 working days
 * is escalated, overdue loans are notified. Each effect is stamped once (a conditional update) and
 * notified under a dedupe key, so running it twice or in every instance notifies each person once.
 */
export function sweepLoans(db: Db, opts: { now?: Date; timeZone?: string } = {}) {
  return sweepPartLoans(db, { now: opts.now ?? new Date(), timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE });
}
