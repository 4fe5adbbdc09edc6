import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // The call or e-mail to the customer after a signed report, due within 1–2 working days.
  await db.schema
    .createTable('service_follow_up')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_report_id', id, (c) => c.notNull().references('service_report.id'))
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('latest_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('outcome', 'text')
    .addColumn('score', 'integer')
    .addColumn('note', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('overdue_notified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index service_follow_up_report_idx on service_follow_up (service_report_id)`.execute(db);
  await sql`create index service_follow_up_open_idx on service_follow_up (state, latest_on)`.execute(db);
  await sql`create index service_follow_up_engineer_idx on service_follow_up (engineer_id, state, due_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_follow_up').execute();
}
