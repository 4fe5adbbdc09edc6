import { type Kysely, sql } from 'kysely';

/**
 * The rows of the request roll-ups with a request closed past its SLA (≈ 1 in 10): the dashboards'
 * SLA by customer counts each customer's misses from them alone first (reports.repo slaByCustomer),
 * covering, so the ≈ 260,000 customer-week rows of 90 days are not all summed.
 */
const INDEXES = [
  ['request_customer_week_breached_idx', 'request_customer_week (week_start, customer_id, closed_breached)'],
  ['request_day_breached_idx', 'request_day (day, customer_id, closed_breached)'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, on] of INDEXES) await sql.raw(`create index ${name} on ${on} where closed_breached > 0`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
