import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // Files sent with a customer e-mail (a plan's PDF and .ics), kept in the file store by hash.
  await db.schema
    .createTable('delivery_outbox_attachment')
    .addColumn('outbox_id', id, (c) => c.notNull().references('delivery_outbox.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addPrimaryKeyConstraint('delivery_outbox_attachment_pk', ['outbox_id', 'position'])
    .execute();
  await sql`create index delivery_outbox_attachment_file_idx on delivery_outbox_attachment (file_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_outbox_attachment').execute();
}
