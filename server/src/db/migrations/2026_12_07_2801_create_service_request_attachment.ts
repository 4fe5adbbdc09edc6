import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Photos and files attached to a service request by its engineers (until the field report holds them).
  await db.schema
    .createTable('service_request_attachment')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index service_request_attachment_request_idx on service_request_attachment (service_request_id, id)`.execute(db);
  await sql`create index service_request_attachment_file_idx on service_request_attachment (file_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_request_attachment').execute();
}
