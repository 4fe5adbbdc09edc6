import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // PM timetable 例行检查计划表 (R-PM-2): one per contract, regenerated in place.
  await db.schema
    .createTable('pm_plan')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('contract_id', id, (c) => c.notNull().unique().references('contract.id'))
    // The recurrence the manager edited (RRULE text), or null: spread by pm_visits_per_year.
    .addColumn('rrule', 'text')
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('downtime_minutes', 'integer', (c) => c.notNull())
    .addColumn('responsible_engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('backup_engineer_id', id, (c) => c.notNull().references('app_user.id'))
    // Equipment ids in scope, JSON text (both engines).
    .addColumn('equipment_ids', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('sent_to', 'text')
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pm_plan').execute();
}
