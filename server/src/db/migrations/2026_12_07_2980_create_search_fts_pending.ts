import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * SQLite: the search-index tokens of entries queued by a frequent create (a call) wait here
 * (search_entry.id, tokens) and are moved into `search_fts` a batch at a time, so FTS5's segment
 * write at commit is paid once per batch instead of once per save — as migration 1440 does for
 * service requests. The entry row itself (search_entry) is written at once; a search checks the
 * waiting tokens beside the index's matches, so a queued entry is found as an indexed one. PostgreSQL
 * writes its tsvector with the entry and leaves this table empty; it exists on both so the schema
 * is the same.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = db.getExecutor().adapter instanceof PostgresAdapter ? 'bigint' : 'integer';
  await sql`create table search_fts_pending (id ${sql.raw(id)} primary key, tokens text not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table search_fts_pending`.execute(db);
}
