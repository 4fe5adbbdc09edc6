import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // One received unit (R-GOODS-1): what arrived, its packaging and consent (R-GOODS-4), its burn-in,
  // ready to ship (R-GOODS-3) and the delivery note it left on.
  await db.schema
    .createTable('inspection_unit')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('inspection_id', id, (c) => c.notNull().references('inspection.id'))
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addColumn('contract_item_id', id, (c) => c.references('contract_item.id'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('pn', 'text')
    .addColumn('sn', 'text')
    .addColumn('packaging', 'text', (c) => c.notNull())
    .addColumn('opened_reason', 'text')
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('consent_by', 'text')
    .addColumn('consent_at', 'text')
    .addColumn('consent_method', 'text')
    .addColumn('burn_in_id', id, (c) => c.references('inspection_burn_in.id'))
    .addColumn('ready_at', 'text')
    .addColumn('ready_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('delivery_note_id', id, (c) => c.references('delivery_note.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index inspection_unit_inspection_idx on inspection_unit (inspection_id, id)`.execute(db);
  // A SN is received once per contract; units without one are not compared (NULLs are distinct on both engines).
  await sql`create unique index inspection_unit_contract_sn_uq on inspection_unit (contract_id, sn)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_unit').execute();
}
