import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  void pk;
  // Daily roll-up of service requests per customer, contract (0: none), kind and day — created,
  // closed, closed past their SLA, fixed at the first visit — rebuilt by an idempotent job
  // (reports.rollups): dashboards and monthly summaries read it instead of scanning requests.
  await db.schema
    .createTable('request_day')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('customer_id', id, (c) => c.notNull())
    .addColumn('contract_key', id, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('closed_breached', 'integer', (c) => c.notNull())
    .addColumn('closed_one_visit', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_day_pk', ['day', 'customer_id', 'contract_key', 'kind'])
    .execute();
  await sql`create index request_day_contract_idx on request_day (contract_key, day)`.execute(db);
  await sql`create index request_day_customer_idx on request_day (customer_id, day)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_day').execute();
}
