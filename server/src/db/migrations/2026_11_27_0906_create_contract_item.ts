import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const money = pg ? 'bigint' : 'integer';
  // Priced lines of a contract (R-ORG-5: unit_price_fen and amount_fen are price-sensitive).
  await db.schema
    .createTable('contract_item')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('contract_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('contract.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', money, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_item_contract_idx').on('contract_item').columns(['contract_id', 'line_no']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_item').execute();
}
