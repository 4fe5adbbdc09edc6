import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  void pk;
  // Daily roll-up per customer, contract (0: none) and day: hours, entries and visits (a visit counts
  // once, on the first day it has hours). Kept in the transaction that records hours.
  await db.schema
    .createTable('work_customer_day')
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('contract_key', id, (c) => c.notNull())
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_customer_day_pk', ['customer_id', 'contract_key', 'work_date'])
    .execute();
  await sql`create index work_customer_day_contract_idx on work_customer_day (contract_key, work_date)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_customer_day').execute();
}
