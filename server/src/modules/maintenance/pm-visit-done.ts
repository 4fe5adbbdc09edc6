import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { markVisitsDoneByRequests } from './maintenance.repo';

/**
 * R-PM-7: the PM visit of a service request is done when the request is resolved or closed. For the
 * service-requests module to call in the transaction of that step (`takeServiceRequestStepIn`, when
 * the step's target is `resolved` or `closed`); it has no event hook yet, and the PM sweep does the
 * same for any missed. Idempotent; answers how many visits became done. In a file of its own so
 * that service-requests can import it without importing maintenance.service (which imports
 * service-requests.service: a cycle).
 */
export function markPmVisitDone(trx: Db, serviceRequestId: number): Promise<number> {
  return markVisitsDoneByRequests(trx, nowIso(), serviceRequestId);
}
