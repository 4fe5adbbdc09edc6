import type { TServiceRequestAction } from '@contract/service-request-workflow';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import type { Db } from '../../db/database';
import { getServiceRequestFacts, takeServiceRequestStep } from '../service-requests/service-requests.service';

/** Refusals of a step the request's state or the actor's part does not allow: the step is skipped, nothing else. */
const SKIPPED = new Set([
  'SERVICE_REQUEST_ILLEGAL_TRANSITION',
  'SERVICE_REQUEST_ROLE_NOT_ALLOWED',
  'SERVICE_REQUEST_NOT_ASSIGNED',
  'SERVICE_REQUEST_NOT_YOUR_PROJECT',
  'VERSION_CONFLICT',
]);

async function step(db: Db, actor: Actor, id: number, action: TServiceRequestAction, timeZone: string, reason?: string): Promise<boolean> {
  try {
    await takeServiceRequestStep(db, actor, id, action, reason ? { reason } : {}, timeZone);
    return true;
  } catch (err) {
    if (err instanceof AppError && SKIPPED.has(err.code)) return false;
    throw err;
  }
}

/**
 * R-INST-10: a signed report with the work resolved takes the request, through the service-request
 * workflow, to `resolved` (from on site, the report's number and work done as the resolution) and on
 * to `follow_up`. A request in another state is left as it is.
 */
export async function advanceRequestAfterSigning(
  db: Db,
  actor: Actor,
  requestId: number,
  resolution: string,
  timeZone: string,
): Promise<void> {
  const { state } = await getServiceRequestFacts(db, requestId);
  if (state === 'on_site' || state === 'accepted') await step(db, actor, requestId, 'resolve', timeZone, resolution);
  const now = (await getServiceRequestFacts(db, requestId)).state;
  if (now === 'resolved') await step(db, actor, requestId, 'follow_up', timeZone);
}

/** R-INST-10: the customer says the problem remains: the request reopens (as the technical manager would). */
export async function reopenAfterFollowUp(db: Db, requestId: number, reason: string, timeZone: string): Promise<boolean> {
  const manager: Actor = { id: null, name: 'follow-up', roles: ['tech_manager'], requestId: null };
  return step(db, manager, requestId, 'reopen', timeZone, reason);
}
