import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('service_request_equipment')
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id').onDelete('cascade'))
    .addColumn('equipment_id', id, (c) => c.notNull().references('equipment.id'))
    .addPrimaryKeyConstraint('service_request_equipment_pk', ['service_request_id', 'equipment_id'])
    .execute();
  await sql`create index service_request_equipment_equipment_idx on service_request_equipment (equipment_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_request_equipment').execute();
}
