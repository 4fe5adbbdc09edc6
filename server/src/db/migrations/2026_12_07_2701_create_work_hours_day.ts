import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  void pk;
  // Daily roll-up per engineer, day and kind, kept in the transaction that records hours.
  await db.schema
    .createTable('work_hours_day')
    .addColumn('engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_hours_day_pk', ['engineer_id', 'work_date', 'kind'])
    .execute();
  await sql`create index work_hours_day_date_idx on work_hours_day (work_date)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_hours_day').execute();
}
