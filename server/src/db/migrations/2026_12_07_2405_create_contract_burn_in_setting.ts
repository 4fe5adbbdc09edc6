import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // R-GOODS-5: a contract's minimum burn-in hours (12 when absent; below 12 only with an override).
  await db.schema
    .createTable('contract_burn_in_setting')
    .addColumn('contract_id', id, (c) => c.primaryKey().references('contract.id'))
    .addColumn('min_hours', 'real', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('set_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_burn_in_setting').execute();
}
