import { type Kysely, sql } from 'kysely';

/**
 * The manager's list filtered by engineer without a state filter (closed requests included), in
 * list order: read as the UNION ALL of two ordered walks (responsible = ?, backup = ?; see
 * `engineerUnion` in service-requests.repo.ts), merged without a temporary B-tree and stopping at
 * the page. The open-only variants are migration 1111's partial indexes; `plannedStart` is served
 * by the older (engineer, planned_start) indexes. The backup walk skips requests the engineer is
 * also responsible for (listed by the first walk): `responsible_engineer_id` trails, so both walks
 * are index-only and PostgreSQL merges them (Merge Append) instead of sorting both ranges.
 */
const INDEXES = [
  ['service_request_responsible_created_idx', '(responsible_engineer_id, created_at, id)'],
  ['service_request_backup_created_idx', '(backup_engineer_id, created_at, id, responsible_engineer_id)'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, cols] of INDEXES) await sql.raw(`create index ${name} on service_request ${cols}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
