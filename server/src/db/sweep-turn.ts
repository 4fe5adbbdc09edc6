import type { Db } from './database';

/**
 * Claim a periodic sweep's turn for `slot` (a sortable text: the minute, the day): true for the
 * one caller that moves the sweep's slot forward, false for every other instance asking for the
 * same or an earlier slot. One statement, atomic on both engines, so N instances on one
 * PostgreSQL do a minute's sweep once between them.
 */
export async function claimSweepTurn(db: Db, name: string, slot: string): Promise<boolean> {
  const row = await db
    .insertInto('sweep_turn')
    .values({ name, slot })
    .onConflict((oc) => oc.column('name').doUpdateSet({ slot }).where('sweep_turn.slot', '<', slot))
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}
