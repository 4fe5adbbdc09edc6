import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // R-FLOW-2: every upload of a document is kept as a numbered version; the highest is current.
  await db.schema
    .createTable('document_version')
    .addColumn('document_id', id, (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', id, (c) => c.references('app_user.id'))
    // The uploader's name at the time, as the audit trail keeps it.
    .addColumn('uploaded_by_name', 'text')
    .addPrimaryKeyConstraint('document_version_pk', ['document_id', 'version_no'])
    .execute();
  await db.schema.createIndex('document_version_file_idx').on('document_version').column('file_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_version').execute();
}
