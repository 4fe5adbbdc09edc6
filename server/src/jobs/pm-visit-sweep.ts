import type { Db } from '../db/database';
import { PM_AGREE_WORKING_DAYS_DEFAULT } from '@contract/maintenance';
import { DEFAULT_TIME_ZONE } from '../modules/calendar/working-calendar';
import { sweepPmVisits } from '../modules/maintenance/maintenance.service';

/**
 * The PM visit sweep (R-PM-4): each visit's responsible engineer is asked to agree it with the
 * customer `agreeDays` working days before (FUWU_PM_AGREE_WORKING_DAYS, default 5); a visit not
 * agreed 2 working days before is told to every technical manager; visits whose PM service request
 * resolved are marked done. Each effect is stamped once (a conditional update) and notified under a
 * dedupe key, so running it twice or in every instance notifies each person once.
 */
export function sweepPmTimetables(db: Db, opts: { now?: Date; timeZone?: string; agreeDays?: number } = {}) {
  return sweepPmVisits(db, {
    now: opts.now ?? new Date(),
    timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
    agreeDays: opts.agreeDays ?? PM_AGREE_WORKING_DAYS_DEFAULT,
  });
}
