import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Action items of a weekly record: shown in the owner's work list until done.
  await db.schema
    .createTable('weekly_record_action')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('record_id', id, (c) => c.notNull().references('weekly_record.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index weekly_record_action_owner_idx on weekly_record_action (owner_id, done_at)`.execute(db);
  await sql`create index weekly_record_action_record_idx on weekly_record_action (record_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_record_action').execute();
}
