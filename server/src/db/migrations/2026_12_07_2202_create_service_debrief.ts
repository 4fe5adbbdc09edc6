import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // The engineer's short debrief after a request closes, read by the technical manager and sales.
  await db.schema
    .createTable('service_debrief')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('author_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('how_it_went', 'text', (c) => c.notNull())
    .addColumn('lessons', 'text', (c) => c.notNull())
    .addColumn('customer_situation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index service_debrief_request_idx on service_debrief (service_request_id)`.execute(db);
  await sql`create index service_debrief_created_idx on service_debrief (created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_debrief').execute();
}
