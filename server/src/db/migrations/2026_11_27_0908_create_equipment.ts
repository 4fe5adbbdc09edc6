import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // The installed base (R-GOODS-6, R-INST-7): units delivered under a contract.
  await db.schema
    .createTable('equipment')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('contract_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('contract.id'))
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    // The brand as compared: NFKC, trimmed, lower case.
    .addColumn('brand_key', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('pn', 'text')
    // Upper case, trimmed: SN lookups are exact and case-insensitive.
    .addColumn('sn', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('site', 'text')
    .addColumn('warranty_start', 'text')
    .addColumn('warranty_end', 'text')
    .addColumn('vendor_warranty_end', 'text')
    .addColumn('license_key', 'text')
    .addColumn('hostid', 'text')
    .addColumn('software_serial', 'text')
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // SN first: unique per brand, and the same index answers a lookup by SN alone with a seek.
  await db.schema.createIndex('equipment_sn_brand_uq').on('equipment').columns(['sn', 'brand_key']).unique().execute();
  await db.schema.createIndex('equipment_contract_idx').on('equipment').columns(['contract_id', 'id']).execute();
  await db.schema.createIndex('equipment_warranty_end_idx').on('equipment').columns(['warranty_end', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('equipment').execute();
}
