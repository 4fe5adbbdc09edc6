import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Hours of work per engineer and day (R-FLOW-1): the raw data of the weekly and monthly reports.
  // Kept in whole minutes so sums and roll-ups are exact on both engines. `source_entity`/`source_id`
  // name what recorded them (a visit, a call's remote handling, a manual entry) so a source's entries
  // are replaced as a whole.
  await db.schema
    .createTable('work_hours_entry')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('customer_id', id, (c) => c.references('customer.id'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    .addColumn('source_entity', 'text', (c) => c.notNull())
    .addColumn('source_id', id, (c) => c.notNull())
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index work_hours_entry_source_idx on work_hours_entry (source_entity, source_id)`.execute(db);
  await sql`create index work_hours_entry_engineer_idx on work_hours_entry (engineer_id, work_date)`.execute(db);
  await sql`create index work_hours_entry_date_idx on work_hours_entry (work_date, id)`.execute(db);
  await sql`create index work_hours_entry_request_idx on work_hours_entry (service_request_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_hours_entry').execute();
}
