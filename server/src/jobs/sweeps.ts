import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import { sweepExpiredSessions } from '../modules/auth/auth.service';
import { sweepServiceRequests } from './service-request-sweep';

/**
 * Periodic, idempotent sweeps, every minute: expired sessions, SLA warnings and breaches,
 * daily reminders. Safe to run in every instance at once: each effect has a unique key.
 */
export function startSweeps(db: Db, log: FastifyBaseLogger, timeZone: string, everyMs = 60_000) {
  const run = async () => {
    try {
      const n = await sweepExpiredSessions(db);
      if (n > 0) log.info({ sessions: n }, 'expired sessions removed');
      await sweepServiceRequests(db, { timeZone });
    } catch (err) {
      log.error({ err }, 'sweep failed');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
