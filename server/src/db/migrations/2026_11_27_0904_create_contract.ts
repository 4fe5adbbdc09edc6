import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('contract')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('sales_owner_id', id, (c) => c.references('app_user.id'))
    .addColumn('commerce_contact_id', id, (c) => c.references('app_user.id'))
    .addColumn('notes', 'text')
    // Fen (分). Price-sensitive (R-ORG-5).
    .addColumn('total_amount_fen', pg ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0))
    // Service commitments.
    .addColumn('coverage_kind', 'text', (c) => c.notNull())
    .addColumn('coverage_days', 'text', (c) => c.notNull())
    .addColumn('coverage_start_hour', 'integer', (c) => c.notNull())
    .addColumn('coverage_end_hour', 'integer', (c) => c.notNull())
    .addColumn('response_hours', 'double precision')
    .addColumn('arrival_hours', 'double precision')
    .addColumn('resolution_hours', 'double precision')
    .addColumn('pm_visits_per_year', 'integer')
    .addColumn('onsite_visits_included', 'integer')
    .addColumn('training_days', 'double precision')
    .addColumn('training_attendees', 'integer')
    .addColumn('warranty_months', 'integer')
    .addColumn('warranty_start', 'text')
    .addColumn('warranty_end', 'text')
    .addColumn('vendor_extra_years', 'integer')
    .addColumn('vendor_scope', 'text')
    .addColumn('vendor_region', 'text')
    .addColumn('remote_only', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Lists filter by status or stage (or customer) and sort by signing date, newest first, with
  // contracts not yet signed last: these indexes deliver that order without a sort step. NULL
  // sorts low on both engines (PostgreSQL is told so; SQLite does it by itself).
  const nullsLow = pg ? sql`nulls first` : sql``;
  for (const [name, lead] of [
    ['contract_status_signed_idx', 'status'],
    ['contract_stage_signed_idx', 'stage'],
    ['contract_customer_signed_idx', 'customer_id'],
  ] as const) {
    await sql`create index ${sql.id(name)} on contract (${sql.id(lead)}, signed_at ${nullsLow}, id)`.execute(db);
  }
  await sql`create index contract_signed_idx on contract (signed_at ${nullsLow}, id)`.execute(db);
  await db.schema.createIndex('contract_end_idx').on('contract').columns(['end_date', 'id']).execute();
  await db.schema.createIndex('contract_sales_owner_idx').on('contract').columns(['sales_owner_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract').execute();
}
