import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL: the search index's GIN takes new entries into a small pending list (256 kB) and
 * merges it in sorted batches, as service_request_search does (migration 1121). With fastupdate
 * off every token of every entry was a separate GIN insert: an equipment entry holds ~100 tokens,
 * so a 10,000-unit import spent 7.9 of its 11 s there (1.8 s with the pending list, measured).
 * A search scans at most the 256 kB pending list besides the index. SQLite (FTS5): nothing to do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter index search_entry_tsv_idx set (fastupdate = on, gin_pending_list_limit = 256)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter index search_entry_tsv_idx set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('search_entry_tsv_idx')`.execute(db);
}
