import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Equipment receipt / delivery note (设备签收单 / 送货单): the units shipped, signed by the customer's receiver.
  await db.schema
    .createTable('delivery_note')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('inspection_id', id, (c) => c.notNull().references('inspection.id'))
    .addColumn('delivery_date', 'text', (c) => c.notNull())
    .addColumn('receiver_name', 'text')
    .addColumn('sign_method', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signature_hash', 'text', (c) => c.references('stored_file.hash'))
    .addColumn('signature_id', id)
    .addColumn('document_id', id, (c) => c.references('document.id'))
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index delivery_note_inspection_idx on delivery_note (inspection_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_note').execute();
}
