import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // R-EMER-9: the engineer calls the technical manager; R-ORG-3: complaints close with an improvement measure.
  await db.schema
    .createTable('escalation')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('raised_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('closed_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('closed_at', 'text')
    .addColumn('improvement_measure', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index escalation_request_idx on escalation (service_request_id, id)`.execute(db);
  await sql`create index escalation_state_idx on escalation (state, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('escalation').execute();
}
