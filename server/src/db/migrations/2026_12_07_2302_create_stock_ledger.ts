import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Who tested a part and the result (R-INST-9): nothing is stocked in without one.
  await db.schema
    .createTable('part_inspection')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('part_id', id, (c) => c.references('part.id'))
    .addColumn('sn', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('inspected_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('inspected_at', 'text', (c) => c.notNull())
    .execute();
  // The ledger: append-only, one row per movement (from / to null = outside company stock).
  await db.schema
    .createTable('stock_movement')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('part_id', id, (c) => c.notNull().references('part.id'))
    .addColumn('sn', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('from_location_id', id, (c) => c.references('stock_location.id'))
    .addColumn('to_location_id', id, (c) => c.references('stock_location.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', id, (c) => c.references('app_user.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('loan_id', id)
    .addColumn('tag_id', id)
    .addColumn('inspection_id', id, (c) => c.references('part_inspection.id'))
    .execute();
  await sql`create index stock_movement_part_idx on stock_movement (part_id, id)`.execute(db);
  // Stock on hand, kept with every movement in its transaction: the running balance per part and
  // place, so reading one part's stock never scans the ledger.
  await db.schema
    .createTable('stock_balance')
    .addColumn('part_id', id, (c) => c.notNull().references('part.id'))
    .addColumn('location_id', id, (c) => c.notNull().references('stock_location.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_balance_pk', ['part_id', 'location_id'])
    .addCheckConstraint('stock_balance_not_negative', sql`quantity >= 0`)
    .execute();
  await sql`create index stock_balance_location_idx on stock_balance (location_id, part_id)`.execute(db);
  // Where each SN-tracked unit is (location null: known, outside company stock).
  await db.schema
    .createTable('part_serial')
    .addColumn('part_id', id, (c) => c.notNull().references('part.id'))
    .addColumn('sn', 'text', (c) => c.notNull())
    .addColumn('location_id', id, (c) => c.references('stock_location.id'))
    .addPrimaryKeyConstraint('part_serial_pk', ['part_id', 'sn'])
    .execute();
  await sql`create index part_serial_location_idx on part_serial (location_id, part_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('part_serial').execute();
  await db.schema.dropTable('stock_balance').execute();
  await db.schema.dropTable('stock_movement').execute();
  await db.schema.dropTable('part_inspection').execute();
}
