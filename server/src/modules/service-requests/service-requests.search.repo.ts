import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import { type Db, isPostgres } from '../../db/database';
import { indexTokens, numberedText, type TokenQuery } from '../search/search-tokens';
import { engineMatch, estimatedMatches, numberedTokensSql } from '../search/search.service';

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

/**
 * PostgreSQL, the one-statement create (service-requests.create.repo's `insertCreatedRequest`):
 * a new request's entry, the body of a data-modifying CTE; `id` and `digits` are SQL expressions
 * of what the statement drew (the request's id, its number's digits after `head`).
 */
export function newEntrySql(
  r: Omit<RequestText, 'id' | 'number'>,
  head: string,
  digits: RawBuilder<string>,
  id: RawBuilder<number>,
): RawBuilder<unknown> {
  return sql`insert into service_request_search (id, tsv) values (${id}, strip(to_tsvector('simple', ${requestTokensSql(r, head, digits)})))`;
}

/**
 * The tokens of a request whose number is not known yet, as an SQL text expression. The number is
 * `head` (`SR-2026-`, known) followed by digits the statement draws (`digits`, an SQL expression):
 * its tokens are made by the search module's `numberedTokensSql` (as `indexTokens` makes them; a
 * test compares the two for many numbers), the other fields' tokens here.
 */
export function requestTokensSql(r: Omit<RequestText, 'id' | 'number'>, head: string, digits: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`(${requestTokens({ ...r, number: '' })}::text || ' ' || ${numberedTokensSql(numberedText(head, ''), digits)})`;
}

// ── SQLite: new requests' entries wait in a side table, moved into FTS5 a batch at a time ──
//
// FTS5 writes its pending terms as a new segment at every commit (and merges segments as they pile
// up): 0.2–1 ms a commit on the 1 M-request index, where the insert itself is ≈ 11 µs. A create
// writes its entry to `service_request_search_pending` (an ordinary B-tree row) instead, and every
// PENDING_BATCH creates one of them moves all waiting entries into the index in its transaction:
// one segment write per batch. `matchingIds` offers the waiting requests as candidates besides the
// index's matches, and the list's LIKE decides, so a waiting request is found as an indexed one.

/** Creates between two moves (per database; counted in this process, from what is waiting at its first create). */
export const PENDING_BATCH = 64;
/** SQLite only (`?` placeholders): a fixed statement, not built per create. */
const INSERT_PENDING = 'insert into service_request_search_pending (id, tokens) values (?, ?)';
const queuedSinceMove = new WeakMap<Db, number>();

/**
 * SQLite: a new request's entry, inside the create's transaction: queued, and the queue moved into
 * the index once PENDING_BATCH creates have queued since the last move. `root` keys the count.
 */
export async function queueNewRequest(root: Db, trx: Db, r: RequestText): Promise<void> {
  await trx.executeQuery(CompiledQuery.raw(INSERT_PENDING, [r.id, requestTokens(r)]));
  // The first create of this process counts what earlier processes left waiting (a restart must
  // not leave entries waiting for ever).
  const before =
    queuedSinceMove.get(root) ??
    (await sql<{ n: number }>`select count(*) as n from service_request_search_pending`.execute(trx)).rows[0].n - 1;
  const queued = before + 1;
  if (queued < PENDING_BATCH) {
    queuedSinceMove.set(root, queued);
    return;
  }
  queuedSinceMove.set(root, 0);
  await movePendingEntries(trx);
}

/** SQLite: every waiting entry into the index, in the caller's transaction. */
export async function movePendingEntries(trx: Db): Promise<void> {
  await sql`insert into service_request_fts (rowid, tokens) select id, tokens from service_request_search_pending order by id`.execute(trx);
  await sql`delete from service_request_search_pending`.execute(trx);
}

/** Replace a request's entry after its number, contact or description changed. */
export async function reindexRequest(trx: Db, r: RequestText): Promise<void> {
  if (isPostgres(trx))
    await sql`insert into service_request_search (id, tsv) values (${r.id}, strip(to_tsvector('simple', ${requestTokens(r)})))
      on conflict (id) do update set tsv = excluded.tsv`.execute(trx);
  else {
    // A request still waiting for the index (queueNewRequest) is indexed now, and waits no more.
    await sql`delete from service_request_search_pending where id = ${r.id}`.execute(trx);
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
  for (const r of rows) await reindexRequest(trx, { ...r, id: r.id });
}

/** Index every request without an entry, in id order, a batch at a time (migration 1121, benchmark loads). */
export async function backfillRequestSearch(db: Db, batch = 5000): Promise<number> {
  const pg = isPostgres(db);
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await selectTexts(db).where('sr.id', '>', after).orderBy('sr.id').limit(batch).execute();
    if (rows.length === 0) return done;
    const texts = rows.map((r) => ({ ...r, id: r.id }));
    // A re-run (or requests indexed by the app meanwhile) must not index twice.
    const have = new Set<number>();
    const lo = texts[0].id;
    const hi = texts[texts.length - 1].id;
    const existing = pg
      ? await sql<{ id: number }>`select id from service_request_search where id between ${lo} and ${hi}`.execute(db)
      : await sql<{ id: number }>`select rowid as id from service_request_fts where rowid between ${lo} and ${hi}
          union all select id from service_request_search_pending where id between ${lo} and ${hi}`.execute(db);
    for (const e of existing.rows) have.add(e.id);
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

/**
 * How many requests match by the engine's statistics of the index (PostgreSQL: ANALYZE's most
 * common tokens; a term they do not list counts as none), and how many are indexed; undefined on
 * SQLite, where a capped count (countMatching) reads only the first postings of the term's doclist
 * and costs little.
 */
export function expectedMatching(db: Db, q: TokenQuery): Promise<{ matches: number; rows: number } | undefined> {
  return estimatedMatches(db, 'service_request_search', q);
}

/**
 * The ids of the matching entries, as a subquery (`sr.id in (…)`). SQLite: with every request
 * still waiting for the index (at most about PENDING_BATCH), unchecked — the LIKE checks them.
 */
export function matchingIds(db: Db, match: string) {
  return isPostgres(db)
    ? sql<number>`select id from service_request_search where tsv @@ ${match}::tsquery`
    : sql<number>`select rowid as id from service_request_fts where service_request_fts match ${match}
        union all select id from service_request_search_pending`;
}

/** How many entries match, counted up to `upTo` (more: upTo + 1). */
export async function countMatching(db: Db, match: string, upTo: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from (${matchingIds(db, match)} limit ${upTo + 1}) m`.execute(db);
  return r.rows[0].n;
}
