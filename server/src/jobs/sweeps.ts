import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { sweepExpiredSessions } from '../modules/auth/auth.service';
import { createFileStore } from '../modules/files/file-store';
import { sweepImportReports } from '../modules/imports/imports.service';
import { systemActor } from '../actor';
import { sweepReportRollups, sweepWeeklyReports } from '../modules/reports/reports.service';
import { sweepServiceRequests } from './service-request-sweep';

/**
 * Periodic, idempotent sweeps, every minute: expired sessions, SLA warnings and breaches,
 * daily reminders, import error reports past FUWU_IMPORT_REPORT_HOURS. Safe to run in every
 * instance at once: each effect has a unique key.
 */
export function startSweeps(
  db: Db,
  log: FastifyBaseLogger,
  config: Pick<Config, 'FUWU_TIMEZONE' | 'FUWU_IMPORT_REPORT_HOURS' | 'dataDir'>,
  everyMs = 60_000,
) {
  const timeZone = config.FUWU_TIMEZONE;
  const store = createFileStore(config);
  const run = async () => {
    try {
      const n = await sweepExpiredSessions(db);
      if (n > 0) log.info({ sessions: n }, 'expired sessions removed');
      const reports = await sweepImportReports(db, store, config.FUWU_IMPORT_REPORT_HOURS);
      if (reports > 0) log.info({ reports }, 'expired import error reports removed');
      await sweepServiceRequests(db, { timeZone });
      // Weekly reports: Friday reminder, Monday 10:00 overdue notice; request roll-up and the 1st's monthly drafts.
      await sweepWeeklyReports(db, timeZone);
      await sweepReportRollups(db, systemActor('reports'), timeZone);
    } catch (err) {
      log.error({ err }, 'sweep failed');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
