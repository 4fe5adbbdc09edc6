import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // R-SCOPE-1: a contract carries one or more of the six service kinds.
  await db.schema
    .createTable('contract_service_kind')
    .addColumn('contract_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('contract.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contract_service_kind_pk', ['contract_id', 'kind'])
    .execute();
  await db.schema.createIndex('contract_service_kind_kind_idx').on('contract_service_kind').columns(['kind', 'contract_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_service_kind').execute();
}
