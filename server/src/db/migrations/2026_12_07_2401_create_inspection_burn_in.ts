import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // A burn-in run (R-GOODS-5) of one unit or a batch; units point at it. The test log is a stored file.
  await db.schema
    .createTable('inspection_burn_in')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('inspection_id', id, (c) => c.notNull().references('inspection.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('result', 'text')
    .addColumn('notes', 'text')
    .addColumn('log_hash', 'text', (c) => c.references('stored_file.hash'))
    .addColumn('log_name', 'text')
    .addColumn('recorded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index inspection_burn_in_inspection_idx on inspection_burn_in (inspection_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_burn_in').execute();
}
