import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Spare part loan 备件借用单 (R-EMER-4).
  await db.schema
    .createTable('part_loan')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('part_id', id, (c) => c.notNull().references('part.id'))
    .addColumn('sn', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull())
    .addColumn('paperwork_pending', 'integer', (c) => c.notNull())
    .addColumn('paperwork_escalated_at', 'text')
    .addColumn('borrower_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('from_location_id', id, (c) => c.notNull().references('stock_location.id'))
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('approved_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('approved_at', 'text')
    .addColumn('borrowed_at', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('overdue_notified_at', 'text')
    .addColumn('test_inspection_id', id, (c) => c.references('part_inspection.id'))
    .addColumn('returned_at', 'text')
    .addColumn('return_condition', 'text')
    .addColumn('return_note', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index part_loan_state_idx on part_loan (state, due_date, id)`.execute(db);
  await sql`create index part_loan_pending_idx on part_loan (paperwork_pending, borrowed_at, id)`.execute(db);
  await sql`create index part_loan_request_idx on part_loan (service_request_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('part_loan').execute();
}
