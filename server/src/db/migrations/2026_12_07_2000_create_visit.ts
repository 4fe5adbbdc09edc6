import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // A visit: one day's trip of a service request to the customer's site (R-INST-5, R-EMER-2).
  await db.schema
    .createTable('visit')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('travel_started_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('departed_at', 'text')
    .addColumn('work_done', 'text')
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index visit_service_request_idx on visit (service_request_id, id)`.execute(db);
  await sql`create index visit_engineer_idx on visit (engineer_id, arrived_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visit').execute();
}
