import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // R-GOODS-6: a licence per unit and software item; the key and media backup are archive documents.
  await db.schema
    .createTable('licence')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addColumn('inspection_unit_id', id, (c) => c.references('inspection_unit.id'))
    .addColumn('software', 'text', (c) => c.notNull())
    .addColumn('needed', 'integer', (c) => c.notNull())
    .addColumn('demo_expires_on', 'text')
    .addColumn('demo_reminded_for', 'text')
    .addColumn('hostid', 'text')
    .addColumn('software_serial', 'text')
    .addColumn('applied_on', 'text')
    .addColumn('received_on', 'text')
    .addColumn('key_document_id', id, (c) => c.references('document.id'))
    .addColumn('media_document_id', id, (c) => c.references('document.id'))
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index licence_demo_expires_idx on licence (demo_expires_on)`.execute(db);
  await sql`create index licence_contract_idx on licence (contract_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('licence').execute();
}
