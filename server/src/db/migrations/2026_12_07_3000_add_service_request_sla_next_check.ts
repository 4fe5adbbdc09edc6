import { type Kysely, sql } from 'kysely';

/**
 * When the SLA sweep next needs to look at an open request (`sla_next_check_at`): the earliest of
 * its running clocks' warning and breach instants, written by each sweep visit; reset to "at once"
 * (the epoch, also the default, so every existing and every new row is due) whenever the request,
 * its contract's commitments or the holiday calendar change. The sweep reads only the open rows
 * whose time has passed, from the partial index below (open and due at some time), in
 * (time, id) order. Null: nothing can change until something is written.
 *
 * The default is `SLA_CHECK_AT_ONCE` in service-requests.repo.ts (kept literal here: a migration
 * does not move with the code).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table service_request add column sla_next_check_at text default '1970-01-01T00:00:00.000Z'`.execute(db);
  await sql`create index service_request_sla_next_check_idx on service_request (sla_next_check_at, id)
    where state not in ('closed','cancelled') and sla_next_check_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index service_request_sla_next_check_idx`.execute(db);
  await sql`alter table service_request drop column sla_next_check_at`.execute(db);
}
