import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The periodic sweeps' turn: the instance that moves a sweep's slot forward runs it for that slot.
  await db.schema
    .createTable('sweep_turn')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('slot', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sweep_turn').execute();
}
