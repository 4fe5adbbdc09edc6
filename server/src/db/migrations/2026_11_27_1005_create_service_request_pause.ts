import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Every wait (for the customer or for parts): from, to, reason, by. Waits for the customer stop the SLA clocks.
  await db.schema
    .createTable('service_request_pause')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('paused_from', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('by_id', id, (c) => c.references('app_user.id'))
    .addColumn('ended_by_id', id, (c) => c.references('app_user.id'))
    .execute();
  await sql`create index service_request_pause_request_idx on service_request_pause (service_request_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_request_pause').execute();
}
