import type { Db } from '../../db/database';
import { markSlaChecksDue } from './service-requests.repo';

/**
 * What other areas call when they change what the SLA clocks are computed from, so that the
 * SLA sweep (which reads only the requests whose next check time has passed) looks at the open
 * requests concerned at its next minute: a contract's coverage or targets, the holiday calendar.
 * Call within the change's transaction.
 */
export function slaChecksDueForContract(db: Db, contractId: number): Promise<void> {
  return markSlaChecksDue(db, { contractId });
}

export function slaChecksDueForAllOpen(db: Db): Promise<void> {
  return markSlaChecksDue(db, 'all-open');
}
