import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const id = db.getExecutor().adapter instanceof PostgresAdapter ? 'bigint' : 'integer';
  // The request roll-up per customer and week (Monday, company zone) — request_day's figures summed
  // over the week's days, contracts and kinds; a row only while a figure is not zero — kept in step
  // with request_day in the transaction that rebuilds a day. The dashboards' SLA by customer and the
  // customer filter read it for the whole weeks of a range (request_day for the days at its edges).
  await db.schema
    .createTable('request_customer_week')
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('customer_id', id, (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('closed_breached', 'integer', (c) => c.notNull())
    .addColumn('closed_one_visit', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_customer_week_pk', ['week_start', 'customer_id'])
    .execute();
  await sql`create index request_customer_week_customer_idx on request_customer_week (customer_id, week_start)`.execute(db);
  // A database whose request_day is filled already: its weeks from it, a week at a time.
  const days = await sql<{ day: string }>`select distinct day from request_day order by day`.execute(db);
  const weeks = new Set(days.rows.map((r) => mondayOf(r.day)));
  for (const w of weeks) {
    const end = new Date(Date.parse(`${w}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    await sql`insert into request_customer_week (week_start, customer_id, created, closed, closed_breached, closed_one_visit)
      select ${w}, customer_id, sum(created), sum(closed), sum(closed_breached), sum(closed_one_visit)
        from request_day where day >= ${w} and day <= ${end}
      group by customer_id having sum(created) + sum(closed) > 0`.execute(db);
  }
}

/** The Monday of a `YYYY-MM-DD` day's week. */
function mondayOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const back = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - back * 86_400_000).toISOString().slice(0, 10);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_customer_week').execute();
}
