import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // The Task Request Form 任务要求单 (R-ORG-3).
  await db.schema
    .createTable('task_request')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('customer_id', id, (c) => c.references('customer.id'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('assignee_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('due_date', 'text')
    .addColumn('expected_output', 'text')
    .addColumn('issued_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('result', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index task_request_assignee_idx on task_request (assignee_id, id)`.execute(db);
  await sql`create index task_request_state_idx on task_request (state, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('task_request').execute();
}
