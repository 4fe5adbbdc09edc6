import { type Kysely, sql } from 'kysely';

/**
 * Partial indexes over the open requests (state not closed/cancelled): the manager's lists
 * (by creation, by planned date, by SLA status) and the SLA sweep read only these,
 * without walking the closed bulk. A query uses them only if its WHERE carries the literal term
 * `state not in ('closed','cancelled')` (see `OPEN_TERM` in service-requests.repo.ts); both
 * engines accept the same syntax. `state` trails the list indexes so "open but not these states"
 * filters and the capped count are read from the index alone. No open engineer indexes: SQLite
 * plans `responsible = ? or backup = ?` term by term, where the open term is not seen.
 */
const OPEN = `state not in ('closed','cancelled')`;
const INDEXES = [
  ['service_request_open_created_idx', '(created_at, id, state)'],
  ['service_request_open_planned_idx', '(planned_start, id, state)'],
  ['service_request_open_sla_idx', '(sla_status, created_at, id)'],
  ['service_request_open_id_idx', '(id)'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, cols] of INDEXES) await sql.raw(`create index ${name} on service_request ${cols} where ${OPEN}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
