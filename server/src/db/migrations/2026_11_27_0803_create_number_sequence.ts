import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per series (e.g. `SR-2026`): the last number handed out.
  await db.schema
    .createTable('number_sequence')
    .addColumn('series', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('number_sequence').execute();
}
