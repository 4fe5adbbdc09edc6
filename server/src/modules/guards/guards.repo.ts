import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { limitOffset } from '../../db/list-query';
import type { GuardOverrideTable } from './guards.table';

export interface OverrideWindow {
  rule?: string;
  /** ISO instants, from inclusive, to exclusive. */
  fromAt?: string;
  toAt?: string;
}

function inWindow(db: Db, w: OverrideWindow) {
  let q = db.selectFrom('guard_override as g');
  if (w.rule) q = q.where('g.rule', '=', w.rule);
  if (w.fromAt) q = q.where('g.at', '>=', w.fromAt);
  if (w.toAt) q = q.where('g.at', '<', w.toAt);
  return q;
}

export async function insertGuardOverride(db: Db, row: Insertable<GuardOverrideTable>): Promise<void> {
  await db.insertInto('guard_override').values(row).execute();
}

export async function listGuardOverrides(db: Db, w: OverrideWindow, page: { page: number; pageSize: number }) {
  const base = inWindow(db, w);
  const { limit, offset } = limitOffset(page);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .selectAll('g')
      .select('u.name as user_name')
      .orderBy('g.at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function countGuardOverridesByRule(db: Db, w: OverrideWindow) {
  return inWindow(db, w)
    .select(['g.rule', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('g.rule')
    .orderBy('n', 'desc')
    .orderBy('g.rule')
    .execute();
}
