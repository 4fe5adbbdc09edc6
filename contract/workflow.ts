import { z } from 'zod';
import type { TRole } from './roles';

// One declarative shape for every workflow (service requests, task requests, and the areas to come):
// a table of transitions per record kind, evaluated by `decide` and `actionsAllowed`.

// ── The acting user's relation to one record ──

/** Who, besides holding a role, must take a transition: the record's responsible engineer, its issuer, or its responsible or backup engineer (R-PM-3). */
export const ACTOR_REQUIREMENTS = ['responsible', 'issuer', 'responsible_or_backup'] as const;
export type TActorRequirement = (typeof ACTOR_REQUIREMENTS)[number];

export const ZActorRelation = z.object({
  isResponsible: z.boolean(),
  isBackup: z.boolean(),
  isIssuer: z.boolean(),
});
export type TActorRelation = z.infer<typeof ZActorRelation>;

export const NO_RELATION: TActorRelation = Object.freeze({ isResponsible: false, isBackup: false, isIssuer: false });

// ── Transition tables (one declarative shape for every workflow) ──

/**
 * One row: `action` moves a record from any of `from` to `to`, for a user holding one of
 * `roles` (and, when set, standing in the `actorMustBe` relation to the record). An action
 * may have several rows when roles differ in what they must be: an engineer schedules only
 * his own request, a manager any.
 */
export interface TTransition<S extends string, A extends string> {
  readonly action: A;
  readonly from: readonly S[];
  readonly to: S;
  readonly roles: readonly TRole[];
  readonly actorMustBe?: TActorRequirement;
  /** The record returns to the state it was paused from, when that is known; `to` otherwise. */
  readonly returnsToPausedFrom?: true;
}

export const TRANSITION_REFUSALS = ['illegal_transition', 'role_not_allowed', 'not_assigned'] as const;
export type TTransitionRefusal = (typeof TRANSITION_REFUSALS)[number];

export type TTransitionResult<S extends string, A extends string> =
  | { ok: true; to: S }
  | { ok: false; reason: TTransitionRefusal; from: S; action: A };

// ── Evaluating a table (shared by every workflow) ──

export function satisfiesActorRequirement(requirement: TActorRequirement | undefined, relation: TActorRelation): boolean {
  switch (requirement) {
    case undefined:
      return true;
    case 'responsible':
      return relation.isResponsible;
    case 'issuer':
      return relation.isIssuer;
    case 'responsible_or_backup':
      return relation.isResponsible || relation.isBackup;
  }
}

function holdsRole(row: TTransition<string, string>, roles: readonly TRole[]): boolean {
  return row.roles.some((r) => roles.includes(r));
}

type TDecision<S extends string, A extends string> = { ok: true; row: TTransition<S, A> } | { ok: false; reason: TTransitionRefusal };

/**
 * The most specific refusal wins: no row from this state → illegal; rows but none of the
 * user's roles → role; a role but not the required relation → not assigned.
 */
export function decide<S extends string, A extends string>(
  table: readonly TTransition<S, A>[],
  state: S,
  action: A,
  roles: readonly TRole[],
  relation: TActorRelation,
): TDecision<S, A> {
  const rows = table.filter((t) => t.action === action && t.from.includes(state));
  if (rows.length === 0) return { ok: false, reason: 'illegal_transition' };
  const withRole = rows.filter((t) => holdsRole(t, roles));
  if (withRole.length === 0) return { ok: false, reason: 'role_not_allowed' };
  const row = withRole.find((t) => satisfiesActorRequirement(t.actorMustBe, relation));
  return row ? { ok: true, row } : { ok: false, reason: 'not_assigned' };
}

export function actionsAllowed<S extends string, A extends string>(
  table: readonly TTransition<S, A>[],
  state: S,
  roles: readonly TRole[],
  relation: TActorRelation,
): A[] {
  const actions: A[] = [];
  for (const t of table) {
    if (actions.includes(t.action) || !t.from.includes(state)) continue;
    if (holdsRole(t, roles) && satisfiesActorRequirement(t.actorMustBe, relation)) actions.push(t.action);
  }
  return actions;
}
