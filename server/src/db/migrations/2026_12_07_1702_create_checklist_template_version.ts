import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // Every edit of a template is a new row, never changed afterwards: a filled checklist names the one it was filled with.
  await db.schema
    .createTable('checklist_template_version')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('template_id', id, (c) => c.notNull().references('checklist_template.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // [{ key, type, labelZh, labelEn, required, unit?, min?, max?, options? }] as JSON text (both engines).
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('checklist_template_version_no_uq', ['template_id', 'version_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checklist_template_version').execute();
}
