import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // The company as every printed form shows it (R-FORM-1): one row, id 1, written by the administrator.
  await db.schema
    .createTable('company_profile')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('logo_hash', 'text', (c) => c.references('stored_file.hash'))
    .addColumn('logo_mime', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by_id', pg ? 'bigint' : 'integer', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('company_profile').execute();
}
