import { type Kysely, sql } from 'kysely';

const OPEN = `state not in ('closed','cancelled')`;

/**
 * Fewer B-trees for a new request to enter (issue 14, item 6): a create without a backup engineer
 * (most of them) now writes 13 indexes of `service_request` instead of 15. Each change, and what
 * reads each remaining index, is in docs/service-request-indexes.md:
 *
 * - `service_request_open_contract_idx` (contract_id; open) dropped: `service_request_contract_idx`
 *   becomes (contract_id, created_at, id, state), so a contract's open requests are its range with
 *   the open term checked in the index (counted without reading the table: `countOpenOfContracts`;
 *   marked due for the sweep: `markSlaChecksDue`), and the contract's list, newest first, walks it
 *   in order instead of sorting the contract's requests.
 * - `service_request_open_sla_id_idx` (sla_status, id; open, status set) dropped:
 *   `service_request_open_sla_idx` (sla_status, created_at, id; same WHERE) serves the same
 *   `sla_status = ?` range; in the sorts other than by creation neither is in list order, so the
 *   (at most ≈ 10,000 open) rows are sorted either way. Written by the sweep, not by the create.
 * - `service_request_backup_created_idx` only for requests with a backup engineer
 *   (`backup_engineer_id = ?` implies it on both engines, as for `service_request_backup_idx`).
 *   `service_request_open_backup_idx` is created again after it: SQLite (no sqlite_stat1) breaks
 *   a tie between two equally costed indexes by their order, and the engineer's open list's count
 *   must keep walking the open one (18 entries for the sample engineer, not 1,523 with a table
 *   read each).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index service_request_open_contract_idx`.execute(db);
  await sql`drop index service_request_open_sla_id_idx`.execute(db);
  await sql`drop index service_request_contract_idx`.execute(db);
  await sql`create index service_request_contract_idx on service_request (contract_id, created_at, id, state)`.execute(db);
  await sql`drop index service_request_backup_created_idx`.execute(db);
  await sql`create index service_request_backup_created_idx on service_request (backup_engineer_id, created_at, id, responsible_engineer_id)
    where backup_engineer_id is not null`.execute(db);
  await sql`drop index service_request_open_backup_idx`.execute(db);
  await sql
    .raw(`create index service_request_open_backup_idx on service_request (backup_engineer_id, created_at, id, state)
      where ${OPEN} and backup_engineer_id is not null`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index service_request_backup_created_idx`.execute(db);
  await sql`create index service_request_backup_created_idx on service_request (backup_engineer_id, created_at, id, responsible_engineer_id)`.execute(
    db,
  );
  await sql`drop index service_request_contract_idx`.execute(db);
  await sql`create index service_request_contract_idx on service_request (contract_id, id)`.execute(db);
  await sql.raw(`create index service_request_open_sla_id_idx on service_request (sla_status, id) where ${OPEN} and sla_status is not null`).execute(db);
  await sql.raw(`create index service_request_open_contract_idx on service_request (contract_id) where ${OPEN}`).execute(db);
}
