import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('contact_phone')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('contact_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    // Normalised digits (contract/phone.ts), the extension apart, and the key callers are matched on.
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('extension', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_phone_contact_idx').on('contact_phone').columns(['contact_id', 'position']).execute();
  await db.schema.createIndex('contact_phone_match_idx').on('contact_phone').columns(['match_key', 'contact_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_phone').execute();
}
