import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('customer')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The name as compared for duplicates: NFKC (full-width → half-width), trimmed, lower case.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('industry_id', pg ? 'bigint' : 'integer', (c) => c.references('industry.id'))
    .addColumn('region', 'text')
    .addColumn('address', 'text')
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_name_key_idx').on('customer').columns(['name_key', 'id']).execute();
  await db.schema.createIndex('customer_industry_idx').on('customer').columns(['industry_id', 'name_key']).execute();
  await db.schema.createIndex('customer_region_idx').on('customer').columns(['region', 'name_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer').execute();
}
