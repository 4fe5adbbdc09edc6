import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Files sent with a customer e-mail (a PM timetable's PDF and .ics): kept with the outbox row until it is sent.
  await db.schema
    .createTable('delivery_outbox_attachment')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('outbox_id', id, (c) => c.notNull().references('delivery_outbox.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    // Base64 text: the same column type on both engines.
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_outbox_attachment_outbox_idx')
    .on('delivery_outbox_attachment')
    .columns(['outbox_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_outbox_attachment').execute();
}
