import { type Kysely, sql } from 'kysely';

/**
 * Fewer B-trees written by each new service request. Every index a row enters is one more B-tree
 * insert and one more page written to the WAL at commit (and copied again at checkpoint), and
 * creating a request wrote about twenty of them. Here:
 * - dropped: `service_request_open_id_idx` (open, by id) — every query that walked it walks
 *   `service_request_open_sla_load_idx` (open, id first) instead, in the same order;
 * - indexes over a column most new rows leave empty (or at its default) now hold only the rows that
 *   set it, so creating such a row skips them: backup engineer, project, incomplete (= 1, the
 *   urgent forms still to complete), SLA status (null until the sweep first sets it). A query
 *   `col = ?` implies `col is not null` on both engines, so those queries still use them; the
 *   `incomplete = 1` queries say the 1 as a literal (a bound parameter would not match the index);
 * - `service_request_sla_idx` (every row, by SLA status and id) becomes the open-only, status-set
 *   `service_request_open_sla_id_idx`: the SLA filter always carries the open term
 *   (service-requests.repo's `filtered`), and a closed request's last status is never asked for.
 * Checked with EXPLAIN QUERY PLAN over every query of the service-request repo and the benches.
 */
const OPEN = `state not in ('closed','cancelled')`;

const DROP = [
  'service_request_open_id_idx',
  'service_request_sla_idx',
  'service_request_backup_idx',
  'service_request_project_idx',
  'service_request_incomplete_idx',
  'service_request_open_sla_idx',
  'service_request_open_backup_idx',
] as const;

const CREATE = [
  ['service_request_backup_idx', '(backup_engineer_id, planned_start)', 'backup_engineer_id is not null'],
  ['service_request_project_idx', '(project_id, id)', 'project_id is not null'],
  ['service_request_incomplete_idx', '(incomplete, id)', 'incomplete = 1'],
  ['service_request_open_sla_idx', '(sla_status, created_at, id)', `${OPEN} and sla_status is not null`],
  ['service_request_open_sla_id_idx', '(sla_status, id)', `${OPEN} and sla_status is not null`],
  ['service_request_open_backup_idx', '(backup_engineer_id, created_at, id, state)', `${OPEN} and backup_engineer_id is not null`],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const name of DROP) await sql.raw(`drop index ${name}`).execute(db);
  for (const [name, cols, where] of CREATE) await sql.raw(`create index ${name} on service_request ${cols} where ${where}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of CREATE) await sql.raw(`drop index ${name}`).execute(db);
  const back = [
    ['service_request_open_id_idx', '(id)', OPEN],
    ['service_request_sla_idx', '(sla_status, id)', null],
    ['service_request_backup_idx', '(backup_engineer_id, planned_start)', null],
    ['service_request_project_idx', '(project_id, id)', null],
    ['service_request_incomplete_idx', '(incomplete, id)', null],
    ['service_request_open_sla_idx', '(sla_status, created_at, id)', OPEN],
    ['service_request_open_backup_idx', '(backup_engineer_id, created_at, id, state)', OPEN],
  ] as const;
  for (const [name, cols, where] of back)
    await sql.raw(`create index ${name} on service_request ${cols}${where ? ` where ${where}` : ''}`).execute(db);
}
