import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import { sweepExpiredSessions } from '../modules/auth/auth.service';

/**
 * Periodic, idempotent housekeeping. Safe to run in every instance at once: each sweep
 * only deletes what is already due.
 */
export function startSweeps(db: Db, log: FastifyBaseLogger, everyMs = 10 * 60_000) {
  const run = async () => {
    try {
      const n = await sweepExpiredSessions(db);
      if (n > 0) log.info({ sessions: n }, 'expired sessions removed');
    } catch (err) {
      log.error({ err }, 'sweep failed');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
