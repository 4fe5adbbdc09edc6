import { ERRORS, type TErrorCode } from '@contract/errors';
import {
  guardRuleLabel,
  type TGuardOverride,
  type TGuardOverrideCount,
  type TGuardOverrideCountQuery,
  type TGuardOverrideQuery,
  type TGuardOverrideRecord,
} from '@contract/guards';
import { isAllowed } from '@contract/permissions';
import { dayStartInstant } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, type TAppIssue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { recordAudit } from '../audit/audit.service';
import * as repo from './guards.repo';

export interface GuardCheck {
  /** An error code whose definition names the rule it enforces (`rule` in contract/errors.ts). */
  code: TErrorCode;
  /** Whether the step breaks the rule. */
  broken: boolean;
  /** What exactly is wrong (hours short, a date too late…), named per field. */
  issues?: TAppIssue[];
  /** The record the step acts on, for the override row and the audit entry. */
  subject: { entity: string; id: string | number };
}

/**
 * A rulebook guard (DESIGN.md). Unbroken: nothing happens. Broken: the step is refused with the
 * guard's error (its body names the rule), unless `override` is given by someone allowed to bend
 * rules (`guards.override`, the technical manager); the override is then recorded with its reason
 * and audited, in the caller's transaction, so it commits or rolls back with the step itself.
 * Returns whether the step went ahead on an override.
 */
export async function enforceGuard(trx: Db, actor: Actor, check: GuardCheck, override?: TGuardOverride | null): Promise<boolean> {
  if (!check.broken) return false;
  const rule = (ERRORS[check.code] as { rule?: string }).rule;
  if (!rule) throw new Error(`${check.code} is not a guard: its error names no rule`);
  if (!override) throw new AppError(check.code, check.issues);
  if (actor.id === null || !isAllowed(actor.roles, 'guards.override')) throw new AppError('GUARD_OVERRIDE_FORBIDDEN');
  const at = nowIso();
  const entityId = String(check.subject.id);
  await repo.insertGuardOverride(trx, {
    rule,
    code: check.code,
    entity: check.subject.entity,
    entity_id: entityId,
    reason: override.reason,
    user_id: actor.id,
    at,
  });
  await recordAudit(trx, actor, {
    entity: check.subject.entity,
    entityId,
    action: 'override_guard',
    after: { rule, code: check.code, reason: override.reason, issues: check.issues?.map((i) => i.message) },
  });
  return true;
}

function window(q: { from?: string; to?: string; rule?: string }, timeZone: string): repo.OverrideWindow {
  return {
    rule: q.rule,
    fromAt: q.from ? dayStartInstant(q.from, timeZone) : undefined,
    toAt: q.to ? dayStartInstant(q.to, timeZone, 1) : undefined,
  };
}

export async function listGuardOverrides(db: Db, q: TGuardOverrideQuery, timeZone: string): Promise<Page<TGuardOverrideRecord>> {
  const { rows, total } = await repo.listGuardOverrides(db, window(q, timeZone), q);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      rule: r.rule,
      ruleLabel: guardRuleLabel(r.rule),
      entity: r.entity,
      entityId: r.entity_id,
      reason: r.reason,
      user: { id: Number(r.user_id), name: r.user_name },
      at: r.at,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Which rules are bent most: overrides counted per rule in the window (company-zone dates). */
export async function countGuardOverrides(db: Db, q: TGuardOverrideCountQuery, timeZone: string): Promise<TGuardOverrideCount[]> {
  const rows = await repo.countGuardOverridesByRule(db, window(q, timeZone));
  return rows.map((r) => ({ rule: r.rule, ruleLabel: guardRuleLabel(r.rule), count: Number(r.n) }));
}
