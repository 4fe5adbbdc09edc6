import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The company-wide request roll-up per day — request_day's figures summed over customers,
  // contracts and kinds — kept in step with request_day in the transaction that rebuilds its day
  // (reports.repo's rebuildRequestDay). The dashboards' SLA by week and first-time fix read ≈ 90 rows
  // here instead of ≈ 5,000 request_day rows a day.
  await db.schema
    .createTable('request_total_day')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('closed_breached', 'integer', (c) => c.notNull())
    .addColumn('closed_one_visit', 'integer', (c) => c.notNull())
    .execute();
  // A database whose request_day is filled already: its totals from it.
  await sql`insert into request_total_day (day, created, closed, closed_breached, closed_one_visit)
    select day, sum(created), sum(closed), sum(closed_breached), sum(closed_one_visit) from request_day group by day`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_total_day').execute();
}
