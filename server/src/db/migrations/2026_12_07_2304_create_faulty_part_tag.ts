import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Faulty part tag 故障件标签 (R-INST-9, R-EMER-10).
  await db.schema
    .createTable('faulty_part_tag')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('part_id', id, (c) => c.references('part.id'))
    .addColumn('pn', 'text', (c) => c.notNull())
    .addColumn('sn', 'text')
    .addColumn('customer_id', id, (c) => c.references('customer.id'))
    .addColumn('unit_sn', 'text')
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('fault', 'text', (c) => c.notNull())
    .addColumn('removed_date', 'text', (c) => c.notNull())
    .addColumn('engineer_id', id, (c) => c.references('app_user.id'))
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text')
    .addColumn('rma_case_number', 'text')
    .addColumn('received_at', 'text')
    .addColumn('received_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('inspection_id', id, (c) => c.references('part_inspection.id'))
    .addColumn('restocked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index faulty_part_tag_disposition_idx on faulty_part_tag (disposition, id)`.execute(db);
  await sql`create index faulty_part_tag_request_idx on faulty_part_tag (service_request_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('faulty_part_tag').execute();
}
