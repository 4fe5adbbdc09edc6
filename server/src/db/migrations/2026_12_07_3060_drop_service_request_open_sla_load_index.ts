import { type Kysely, sql } from 'kysely';

/**
 * Drop `service_request_open_sla_load_idx` (migration 1110): the widest entry a new request wrote
 * (13 columns, number included, every new request being open), read by no statement of the app
 * since the SLA sweep reads only the due requests from `service_request_sla_next_check_idx`
 * (migration 3000). Only the benches' old whole-table load (`findOpenSlaSubjects`) walked it.
 *
 * What reads each remaining index of `service_request` is in docs/service-request-indexes.md
 * (checked with bench/service-request-indexes.ts over the statements of the tests and of every
 * list filter and sort).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index service_request_open_sla_load_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const cols = [
    'id',
    'contract_id',
    'state',
    'created_at',
    'issued_at',
    'responded_at',
    'arrived_at',
    'resolved_at',
    'sla_status',
    'responsible_engineer_id',
    'project_id',
    'customer_id',
    'number',
  ];
  await sql
    .raw(`create index service_request_open_sla_load_idx on service_request (${cols.join(', ')}) where state not in ('closed','cancelled')`)
    .execute(db);
}
