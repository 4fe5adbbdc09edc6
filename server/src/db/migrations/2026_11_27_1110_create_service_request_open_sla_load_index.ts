import { type Kysely, sql } from 'kysely';

/**
 * A partial covering index over the open requests (state not closed/cancelled) with exactly the
 * columns the SLA sweep reads (`SLA_LOAD_COLUMNS` in service-requests.repo.ts), `id` first so the
 * walk comes out in id order: the sweep's load is an index-only scan of the ≈ 10–20k open entries,
 * no lookup into the 1 M-row table. Used only when the WHERE carries the literal open term.
 */
const COLS = [
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

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`create index service_request_open_sla_load_idx on service_request (${COLS.join(', ')}) where state not in ('closed','cancelled')`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop index service_request_open_sla_load_idx').execute(db);
}
