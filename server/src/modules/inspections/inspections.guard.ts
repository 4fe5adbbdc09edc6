import type { TErrorCode } from '@contract/errors';
import type { Actor } from '../../actor';
import { AppError, type TAppIssue } from '../../app-error';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';

/** A rulebook guard of this module with its override (the shape of the lead's shared guards.service). */
export interface GuardCheck {
  code: TErrorCode;
  broken: boolean;
  issues?: TAppIssue[];
  subject: { entity: string; id: number };
}

/**
 * Not broken: nothing. Broken without an override: AppError(code). Broken with an override: only a
 * technical manager may, and the override is audited in the caller's transaction.
 */
export async function enforceInspectionGuard(trx: Db, actor: Actor, check: GuardCheck, override?: { reason: string }): Promise<void> {
  if (!check.broken) return;
  if (!override) throw new AppError(check.code, check.issues);
  if (!actor.roles.includes('tech_manager')) throw new AppError('PERMISSION_DENIED');
  await recordAudit(trx, actor, {
    entity: check.subject.entity,
    entityId: check.subject.id,
    action: 'guard_override',
    after: { code: check.code, reason: override.reason, issues: check.issues?.map((i) => i.message) },
  });
}
