import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Where stock is: the main store, an engineer's bag (user_id), at a customer on loan
  // (customer_id), at the vendor for repair. Bags and customer places are made when first used.
  await db.schema
    .createTable('stock_location')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('user_id', id, (c) => c.references('app_user.id').unique())
    .addColumn('customer_id', id, (c) => c.references('customer.id').unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index stock_location_kind_idx on stock_location (kind, id)`.execute(db);
  await db.insertInto('stock_location').values({ kind: 'store', name: '总库', created_at: new Date().toISOString() }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stock_location').execute();
}
