import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Monthly project summary 月项目汇总表 per project or contract and month.
  await db.schema
    .createTable('monthly_summary')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('project_id', id, (c) => c.references('project.id'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    // 'project:<id>' or 'contract:<id>': one summary per scope and month.
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('approved_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('approved_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('monthly_summary_scope_uq', ['month', 'scope_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('monthly_summary').execute();
}
