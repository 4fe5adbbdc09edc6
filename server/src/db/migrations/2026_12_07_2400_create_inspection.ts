import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // The inspection record of a goods-inspection request (R-GOODS-1..5): one per request.
  await db.schema
    .createTable('inspection')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_request_id', id, (c) => c.notNull().unique().references('service_request.id'))
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addColumn('planned_ship_date', 'text')
    .addColumn('checklist_template_id', id, (c) => c.references('checklist_template.id'))
    .addColumn('checklist_version_no', 'integer')
    .addColumn('checklist_answers', 'text')
    .addColumn('checklist_at', 'text')
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index inspection_ship_date_idx on inspection (planned_ship_date)`.execute(db);
  await sql`create index inspection_contract_idx on inspection (contract_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection').execute();
}
