import type { Generated } from 'kysely';

/** A rulebook guard overridden by a technical manager with a written reason (DESIGN.md: guards with override). */
export interface GuardOverrideTable {
  id: Generated<number>;
  /** The requirement the guard enforces, e.g. `R-GOODS-3`. */
  rule: string;
  /** The error code the guard would have answered. */
  code: string;
  entity: string;
  entity_id: string;
  reason: string;
  user_id: number;
  at: string;
}
