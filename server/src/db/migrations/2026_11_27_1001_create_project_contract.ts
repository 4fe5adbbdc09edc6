import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('project_contract')
    .addColumn('project_id', id, (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addPrimaryKeyConstraint('project_contract_pk', ['project_id', 'contract_id'])
    .execute();
  await sql`create index project_contract_contract_idx on project_contract (contract_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_contract').execute();
}
