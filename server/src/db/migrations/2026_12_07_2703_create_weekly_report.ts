import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Weekly work report 工作周报 per engineer and week (Monday, company zone).
  await db.schema
    .createTable('weekly_report')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('engineer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON: the lines (drafted, then edited) and the totals by kind.
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('suggestions', 'text')
    .addColumn('next_week_plan', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('returned_reason', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('overdue_notified_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('weekly_report_engineer_week_uq', ['engineer_id', 'week_start'])
    .execute();
  await sql`create index weekly_report_week_idx on weekly_report (week_start, state)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_report').execute();
}
