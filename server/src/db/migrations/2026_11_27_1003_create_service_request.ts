import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // The Service Request Form 服务要求单 (R-FLOW-1) and its workflow state.
  await db.schema
    .createTable('service_request')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('paused_from', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    // The call record (or PM plan entry) it came from, once those areas exist.
    .addColumn('origin_ref', 'text')
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    .addColumn('project_id', id, (c) => c.references('project.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('site_address', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('issued_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('responsible_engineer_id', id, (c) => c.references('app_user.id'))
    .addColumn('backup_engineer_id', id, (c) => c.references('app_user.id'))
    .addColumn('requested_date', 'text')
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('agreed_arrival_at', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text')
    // R-EMER-1: 1 while an urgent request dispatched by phone still lacks its form.
    .addColumn('incomplete', 'integer', (c) => c.notNull().defaultTo(0))
    // ok | at_risk | breached, as of the last SLA sweep (what ?sla= filters on).
    .addColumn('sla_status', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The manager's list: by state(s), ordered by planned date or by creation, read from the index.
  await sql`create index service_request_state_planned_idx on service_request (state, planned_start, id)`.execute(db);
  await sql`create index service_request_state_created_idx on service_request (state, created_at, id)`.execute(db);
  await sql`create index service_request_created_idx on service_request (created_at, id)`.execute(db);
  await sql`create index service_request_planned_idx on service_request (planned_start, id)`.execute(db);
  await sql`create index service_request_responsible_idx on service_request (responsible_engineer_id, planned_start)`.execute(db);
  await sql`create index service_request_backup_idx on service_request (backup_engineer_id, planned_start)`.execute(db);
  await sql`create index service_request_customer_idx on service_request (customer_id, id)`.execute(db);
  await sql`create index service_request_contract_idx on service_request (contract_id, id)`.execute(db);
  await sql`create index service_request_project_idx on service_request (project_id, id)`.execute(db);
  await sql`create index service_request_incomplete_idx on service_request (incomplete, id)`.execute(db);
  await sql`create index service_request_sla_idx on service_request (sla_status, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_request').execute();
}
