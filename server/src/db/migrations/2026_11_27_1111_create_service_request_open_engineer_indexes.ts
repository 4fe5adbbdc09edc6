import { type Kysely, sql } from 'kysely';

/**
 * Partial indexes over the open requests by engineer, in list order: the manager's list filtered
 * by engineer is read as the UNION of two ordered walks (responsible = ?, backup = ?; see
 * `filteredIds` in service-requests.repo.ts), merged without a temporary B-tree and stopping at
 * the page. `state` trails, so "open but not these states" is checked in the index.
 */
const OPEN = `state not in ('closed','cancelled')`;
const INDEXES = [
  ['service_request_open_responsible_idx', '(responsible_engineer_id, created_at, id, state)'],
  ['service_request_open_backup_idx', '(backup_engineer_id, created_at, id, state)'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, cols] of INDEXES) await sql.raw(`create index ${name} on service_request ${cols} where ${OPEN}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
