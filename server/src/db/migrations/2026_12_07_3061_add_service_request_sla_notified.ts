import { type Kysely, sql } from 'kysely';

/**
 * Which SLA notices the sweep has already sent for a request (`sla_notified`), one bit per clock
 * and level (a warning, a breach; see `slaNoticeBit` in service-request-sweeps.ts). A sweep visit
 * then looks up existing notices only for the clocks it has not told anyone about yet: after a
 * holiday-calendar edit makes every open request due, it used to look up every (user, key) pair of
 * every breached clock again (≈ 230,000 for 20,000 open requests, 40 % of that sweep). 0 for every
 * existing row: the first visit looks them up as before and sets the bits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table service_request add column sla_notified integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table service_request drop column sla_notified`.execute(db);
}
