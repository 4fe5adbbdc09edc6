import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { claimSweepTurn } from '../db/sweep-turn';
import { sweepExpiredSessions } from '../modules/auth/auth.service';
import { createFileStore } from '../modules/files/file-store';
import { sweepImportReports } from '../modules/imports/imports.service';
import { sweepFollowUps } from './follow-up-sweep';
import { sweepLoans } from './part-loan-sweep';
import { sweepDemoLicences } from '../modules/inspections/licences.service';
import { sweepPmTimetables } from './pm-visit-sweep';
import { systemActor } from '../actor';
import { sweepReportRollups, sweepWeeklyReports } from '../modules/reports/reports.service';
import { sweepServiceRequests } from './service-request-sweep';

/**
 * Periodic, idempotent sweeps, every minute: expired sessions, SLA warnings and breaches,
 * daily reminders, PM visits to agree (R-PM-4), import error reports past FUWU_IMPORT_REPORT_HOURS,
 * spare-part loans (paperwork pending past 2 working days, overdue), demo licences about to end,
 * overdue follow-ups. Each minute's sweep is run by the one instance that claims that minute
 * (db/sweep-turn.ts); each effect also has a unique key, so even a sweep that overran into the next
 * minute notifies nobody twice.
 */
export function startSweeps(
  db: Db,
  log: FastifyBaseLogger,
  config: Pick<Config, 'FUWU_TIMEZONE' | 'FUWU_IMPORT_REPORT_HOURS' | 'FUWU_PM_AGREE_WORKING_DAYS' | 'dataDir'>,
  everyMs = 60_000,
) {
  const timeZone = config.FUWU_TIMEZONE;
  const store = createFileStore(config);
  // Each sweep on its own: one that fails is logged and the others still run this minute.
  const sweeps: [name: string, sweep: () => Promise<unknown>][] = [
    ['sessions', () => sweepExpiredSessions(db)],
    ['import reports', () => sweepImportReports(db, store, config.FUWU_IMPORT_REPORT_HOURS)],
    ['service requests', () => sweepServiceRequests(db, { timeZone })],
    ['part loans', () => sweepLoans(db, { timeZone })],
    ['demo licences', () => sweepDemoLicences(db, timeZone)],
    ['PM timetables', () => sweepPmTimetables(db, { timeZone, agreeDays: config.FUWU_PM_AGREE_WORKING_DAYS })],
    ['follow-ups', () => sweepFollowUps(db, { timeZone })],
    // Weekly reports: Friday reminder, Monday 10:00 overdue notice; the request roll-up and the 1st's monthly drafts.
    ['weekly reports', () => sweepWeeklyReports(db, timeZone)],
    ['report roll-ups', () => sweepReportRollups(db, systemActor('reports'), timeZone)],
  ];
  const run = async () => {
    try {
      const slot = new Date(Math.floor(Date.now() / everyMs) * everyMs).toISOString();
      if (!(await claimSweepTurn(db, `sweeps:${everyMs}`, slot))) return;
    } catch (err) {
      log.error({ err }, 'sweep turn not claimed');
      return;
    }
    for (const [name, sweep] of sweeps) {
      try {
        const done = await sweep();
        if (typeof done === 'number' && done > 0) log.info({ sweep: name, done }, 'sweep acted');
      } catch (err) {
        log.error({ err, sweep: name }, 'sweep failed');
      }
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
