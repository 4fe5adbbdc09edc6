import type { Db } from '../db/database';
import { DEFAULT_TIME_ZONE } from '../modules/calendar/working-calendar';
import { sweepOverdueFollowUps } from '../modules/service-reports/follow-ups.service';

/** Overdue follow-ups (R-INST-10): the technical managers told once per follow-up. Tests call it with a fixed `now`. */
export function sweepFollowUps(db: Db, opts: { now?: Date; timeZone?: string } = {}): Promise<number> {
  return sweepOverdueFollowUps(db, { now: opts.now, timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE });
}
