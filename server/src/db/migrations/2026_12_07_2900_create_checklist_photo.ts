import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Photos taken for a photo item of a checklist (a visit's arrival checklist, a report's checklist):
  // the answer holds their ids; only photos uploaded for that record and item may be referred to.
  await db.schema
    .createTable('checklist_photo')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('owner_entity', 'text', (c) => c.notNull())
    .addColumn('owner_id', id, (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index checklist_photo_owner_idx on checklist_photo (owner_entity, owner_id, item_key)`.execute(db);
  await sql`create index checklist_photo_file_idx on checklist_photo (file_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checklist_photo').execute();
}
