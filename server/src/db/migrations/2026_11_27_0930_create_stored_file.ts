import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // One row per distinct content in the file store, keyed by its sha256.
  await db.schema
    .createTable('stored_file')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('size', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stored_file').execute();
}
