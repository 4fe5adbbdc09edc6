import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Files a customer e-mail carries (a signed report's PDF), kept in the file store by hash.
  await db.schema
    .createTable('delivery_attachment')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('outbox_id', id, (c) => c.notNull().references('delivery_outbox.id').onDelete('cascade'))
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .execute();
  await sql`create index delivery_attachment_outbox_idx on delivery_attachment (outbox_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_attachment').execute();
}
