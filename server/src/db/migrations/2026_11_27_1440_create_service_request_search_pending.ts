import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * SQLite: new requests' text-index entries wait here (id, tokens) and are moved into the FTS5 index
 * (migration 1121) a batch at a time, so the index's segment write at commit — a new segment and
 * its merges, 0.2–1 ms, far more than the insert itself — is paid once per batch instead of once per
 * commit. The list's free-text filter takes these rows as candidates besides the index's matches,
 * so a pending request is found as an indexed one (service-requests.search.repo.ts). PostgreSQL writes
 * its entry with the request (GIN fastupdate) and leaves this table empty; it exists on both so the
 * schema is the same.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = db.getExecutor().adapter instanceof PostgresAdapter ? 'bigint' : 'integer';
  await sql`create table service_request_search_pending (id ${sql.raw(id)} primary key, tokens text not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table service_request_search_pending`.execute(db);
}
