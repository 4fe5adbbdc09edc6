import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Group robots of WeCom, DingTalk and Feishu an administrator configured (DESIGN.md "Delivery
 * outbox"); the secret is stored here and never sent back by the API.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const pk = pg ? 'bigserial' : 'integer';
  await db.schema
    .createTable('delivery_robot')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_robot').execute();
}
