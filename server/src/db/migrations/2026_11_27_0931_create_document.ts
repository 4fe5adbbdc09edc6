import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // R-FLOW-2, R-ORG-6: a typed document of a contract, or of a customer as a whole.
  await db.schema
    .createTable('document')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    // R-ORG-7: a copy, and which department holds the original.
    .addColumn('is_copy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('original_holder', 'text')
    .addColumn('original_holder_note', 'text')
    // R-ORG-5: listed and downloaded only by roles that may see prices.
    .addColumn('price_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('latest_version_no', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The archive tree and completeness count by contract and by customer; lists sort by last change.
  await db.schema.createIndex('document_contract_idx').on('document').columns(['contract_id', 'status', 'type']).execute();
  await db.schema.createIndex('document_customer_idx').on('document').columns(['customer_id', 'status', 'contract_id']).execute();
  await db.schema.createIndex('document_updated_idx').on('document').columns(['updated_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document').execute();
}
