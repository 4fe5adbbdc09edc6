import { sql } from 'kysely';
import { type Db, isPostgres } from '../../db/database';
import { indexTokens, type TokenQuery } from '../search/search-tokens';
import { engineMatch } from '../search/search.service';

/**
 * The text index of service requests (migration 1121): number, customer name, contact and
 * description — the fields the list's free-text filter reads — tokenised as the search index does
 * (CJK unigrams + bigrams, words, prefixes, 3-grams of codes), one entry per request keyed by its
 * id: SQLite FTS5 `service_request_fts` (rowid = id), PostgreSQL `service_request_search`
 * (tsvector, GIN). The list takes its candidates from it and checks them with the LIKE it always
 * used (service-requests.repo.ts, `filtered`). Written with the request (create, edit) and again
 * for every request of a renamed customer.
 */
export interface RequestText {
  id: number;
  number: string;
  customer_name: string;
  contact_name: string | null;
  description: string;
}

/** Each field on its own (no bigram across two fields), every token once, space-separated. */
export function requestTokens(r: Omit<RequestText, 'id'>): string {
  const out = new Set<string>();
  for (const field of [r.number, r.customer_name, r.contact_name, r.description]) if (field) for (const t of indexTokens(field)) out.add(t);
  return [...out].join(' ');
}

/** Rows per INSERT: 2 parameters a row. */
const CHUNK = 1000;

/** Index requests that have no entry yet (new ones, a backfill), inside the caller's transaction. */
export async function insertRequestEntries(db: Db, rows: readonly RequestText[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    if (chunk.length === 0) continue;
    if (isPostgres(db)) {
      const values = chunk.map((r) => sql`(${r.id}, strip(to_tsvector('simple', ${requestTokens(r)})))`);
      await sql`insert into service_request_search (id, tsv) values ${sql.join(values)}`.execute(db);
    } else {
      const values = chunk.map((r) => sql`(${r.id}, ${requestTokens(r)})`);
      await sql`insert into service_request_fts (rowid, tokens) values ${sql.join(values)}`.execute(db);
    }
  }
}

/** Index a new request (create), inside its transaction. */
export function indexNewRequest(trx: Db, r: RequestText): Promise<void> {
  return insertRequestEntries(trx, [r]);
}

/** Replace a request's entry after its number, contact or description changed. */
export async function reindexRequest(trx: Db, r: RequestText): Promise<void> {
  if (isPostgres(trx))
    await sql`insert into service_request_search (id, tsv) values (${r.id}, strip(to_tsvector('simple', ${requestTokens(r)})))
      on conflict (id) do update set tsv = excluded.tsv`.execute(trx);
  else {
    await sql`delete from service_request_fts where rowid = ${r.id}`.execute(trx);
    await insertRequestEntries(trx, [r]);
  }
}

function selectTexts(db: Db) {
  return db
    .selectFrom('service_request as sr')
    .innerJoin('customer', 'customer.id', 'sr.customer_id')
    .select(['sr.id', 'sr.number', 'customer.name as customer_name', 'sr.contact_name', 'sr.description']);
}

/** Rewrite the entries of one customer's requests (after a rename), inside its transaction. */
export async function reindexRequestsOfCustomer(trx: Db, customerId: number): Promise<void> {
  const rows = await selectTexts(trx).where('sr.customer_id', '=', customerId).execute();
  for (const r of rows) await reindexRequest(trx, { ...r, id: Number(r.id) });
}

/** Index every request without an entry, in id order, a batch at a time (migration 1121, benchmark loads). */
export async function backfillRequestSearch(db: Db, batch = 5000): Promise<number> {
  const pg = isPostgres(db);
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await selectTexts(db).where('sr.id', '>', after).orderBy('sr.id').limit(batch).execute();
    if (rows.length === 0) return done;
    const texts = rows.map((r) => ({ ...r, id: Number(r.id) }));
    // A re-run (or requests indexed by the app meanwhile) must not index twice.
    const have = new Set<number>();
    const lo = texts[0].id;
    const hi = texts[texts.length - 1].id;
    const existing = pg
      ? await sql<{ id: number }>`select id from service_request_search where id between ${lo} and ${hi}`.execute(db)
      : await sql<{ id: number }>`select rowid as id from service_request_fts where rowid between ${lo} and ${hi}`.execute(db);
    for (const e of existing.rows) have.add(Number(e.id));
    await insertRequestEntries(
      db,
      texts.filter((t) => !have.has(t.id)),
    );
    done += texts.length - have.size;
    after = hi;
  }
}

/** The engine's query text for the index: an FTS5 MATCH expression or a tsquery. */
export function requestMatch(db: Db, q: TokenQuery): string {
  return engineMatch(db, q);
}

/** The ids of the matching entries, as a subquery (`sr.id in (…)`). */
export function matchingIds(db: Db, match: string) {
  return isPostgres(db)
    ? sql<number>`select id from service_request_search where tsv @@ ${match}::tsquery`
    : sql<number>`select rowid as id from service_request_fts where service_request_fts match ${match}`;
}

/** How many entries match, counted up to `upTo` (more: upTo + 1). */
export async function countMatching(db: Db, match: string, upTo: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from (${matchingIds(db, match)} limit ${upTo + 1}) m`.execute(db);
  return Number(r.rows[0].n);
}
