import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Photos of a goods deviation (the damaged box, the wrong label), kept in the file store by hash.
  await db.schema
    .createTable('goods_deviation_photo')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('goods_deviation_id', id, (c) => c.notNull().references('goods_deviation.id'))
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index goods_deviation_photo_deviation_idx on goods_deviation_photo (goods_deviation_id, id)`.execute(db);
  await sql`create index goods_deviation_photo_file_idx on goods_deviation_photo (file_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('goods_deviation_photo').execute();
}
