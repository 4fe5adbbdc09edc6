import type { TIssue } from '@contract/errors';
import { ERRORS, type TErrorCode } from '@contract/errors';
import { isAllowed } from '@contract/permissions';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import * as repo from './guards.repo';

/** Stand-in until the shared guards module lands from main (same API as the brief). */
export async function enforceGuard(
  trx: Db,
  actor: Actor,
  g: { code: TErrorCode; broken: boolean; issues?: TIssue[]; subject: { entity: string; id: number | string } },
  override?: { reason: string },
): Promise<void> {
  if (!g.broken) return;
  if (!override) throw new AppError(g.code, g.issues);
  if (!isAllowed(actor.roles, 'guards.override') || actor.id === null) throw new AppError('GUARD_OVERRIDE_FORBIDDEN');
  const rule = (ERRORS[g.code] as { rule?: string }).rule ?? '';
  const at = nowIso();
  const id = await repo.insertOverride(trx, {
    rule,
    code: g.code,
    entity: g.subject.entity,
    entity_id: String(g.subject.id),
    reason: override.reason,
    user_id: actor.id,
    at,
  });
  await recordAudit(trx, actor, {
    entity: g.subject.entity,
    entityId: Number(g.subject.id),
    action: 'guard_override',
    after: { rule, code: g.code, reason: override.reason, overrideId: id },
  });
}
