import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Goods deviation 到货异常 (R-ORG-8): open until commerce closes it with what was done.
  await db.schema
    .createTable('goods_deviation')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // [{ description, quantity }] as JSON text (both engines).
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reported_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('closed_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index goods_deviation_contract_idx on goods_deviation (contract_id, id)`.execute(db);
  await sql`create index goods_deviation_state_idx on goods_deviation (state, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('goods_deviation').execute();
}
