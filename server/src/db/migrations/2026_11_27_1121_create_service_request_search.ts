import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { backfillRequestSearch } from '../../modules/service-requests/service-requests.search.repo';

/**
 * The text index of service requests (number, contact, description), for the list's free-text
 * filter: the same tokens as the search index (search/search-tokens.ts), one entry per request,
 * keyed by the request's id.
 * - SQLite: FTS5, contentless, rowid = service_request.id, `detail=none`.
 * - PostgreSQL: a side table with a tsvector (`simple`, stripped) and a GIN index. fastupdate stays
 *   on with a small pending list, so creating a request does not pay a GIN insert of every token.
 * Existing requests are indexed here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create table service_request_search (
      id bigint primary key references service_request (id) on delete cascade,
      tsv tsvector not null)`.execute(db);
    await sql`create index service_request_search_tsv_idx on service_request_search
      using gin (tsv) with (fastupdate = on, gin_pending_list_limit = 256)`.execute(db);
  } else {
    await sql`create virtual table service_request_fts using fts5(tokens, content='', contentless_delete=1, detail=none, tokenize='unicode61')`.execute(
      db,
    );
  }
  await backfillRequestSearch(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop table service_request_search`.execute(db);
  else await sql`drop table service_request_fts`.execute(db);
}
