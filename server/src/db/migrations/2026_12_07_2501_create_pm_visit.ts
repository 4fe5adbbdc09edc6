import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // One planned PM visit (R-PM-2 … R-PM-4): its calendar identity (uid, sequence), its date, who, and how it was agreed.
  await db.schema
    .createTable('pm_visit')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('plan_id', id, (c) => c.notNull().references('pm_plan.id'))
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('sent_sequence', 'integer')
    .addColumn('natural_date', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('downtime_minutes', 'integer', (c) => c.notNull())
    .addColumn('responsible_engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('backup_engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('equipment_ids', 'text', (c) => c.notNull())
    // planned | agreeing | agreed | done | cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('agree_asked_at', 'text')
    .addColumn('unagreed_notified_at', 'text')
    .addColumn('agreed_place', 'text')
    .addColumn('agreed_system_state', 'text')
    .addColumn('agreed_downtime', 'text')
    .addColumn('open_problems', 'text')
    .addColumn('agreed_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('agreed_at', 'text')
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index pm_visit_plan_idx on pm_visit (plan_id, planned_date)`.execute(db);
  // Covers the year's completion view (date range, per contract, by state) and the lists by month.
  await sql`create index pm_visit_date_idx on pm_visit (planned_date, contract_id, state)`.execute(db);
  await sql`create index pm_visit_state_idx on pm_visit (state, planned_date)`.execute(db);
  await sql`create index pm_visit_request_idx on pm_visit (service_request_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pm_visit').execute();
}
