import { CompiledQuery, type ColumnType, type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { TSearchKind } from '@contract/search';
import { type Db, isPostgres } from '../../db/database';
import { type DependentWrite, insertWithRefs, type NewRecordRefs } from '../../db/dependent-write';
import { MAX_WORD, matchesTokens, type NumberedText, type ScopedQuery } from './search-tokens';
import type { SearchEntryTable } from './search.table';

export type SearchEntryRow = Selectable<SearchEntryTable>;

/** An entry to write: the row, and its scoped tokens as one space-separated string. */
export type NewSearchEntry = Insertable<SearchEntryTable> & { tokens: string };

/** PostgreSQL's extra column, known only here. */
type PgSearchTables = { search_entry: { tsv: ColumnType<never, RawBuilder<unknown>, never> } };

const SHOWN = ['id', 'kind', 'entity_id', 'title', 'subtitle', 'customer_id', 'contract_id', 'restricted', 'updated_at'] as const;

function rowOf(e: NewSearchEntry): Insertable<SearchEntryTable> {
  const { tokens: _tokens, ...row } = e;
  return row;
}

/** Rows per INSERT: 9 parameters a row stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

async function insertEntries(db: Db, entries: readonly NewSearchEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) await insertChunk(db, entries.slice(i, i + INSERT_CHUNK));
}

async function insertChunk(db: Db, entries: readonly NewSearchEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (isPostgres(db)) {
    await db
      .withTables<PgSearchTables>()
      .insertInto('search_entry')
      .values(entries.map((e) => ({ ...rowOf(e), tsv: sql`strip(to_tsvector('simple', ${e.tokens}))` })))
      .execute();
    return;
  }
  const inserted = await db.insertInto('search_entry').values(entries.map(rowOf)).returning(['id', 'kind', 'entity_id']).execute();
  const idOf = new Map(inserted.map((r) => [`${r.kind}:${r.entity_id}`, r.id]));
  const values = entries.map((e) => sql`(${idOf.get(`${e.kind}:${e.entity_id}`)}, ${e.tokens})`);
  await sql`insert into search_fts (rowid, tokens) values ${sql.join(values)}`.execute(db);
}

/** Delete the entry of a record, if any (both the row and its index tokens). */
export async function deleteSearchEntry(db: Db, kind: TSearchKind, entityId: number): Promise<void> {
  if (isPostgres(db)) {
    await db.deleteFrom('search_entry').where('kind', '=', kind).where('entity_id', '=', entityId).execute();
    return;
  }
  const row = await db
    .selectFrom('search_entry')
    .select('id')
    .where('kind', '=', kind)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  if (!row) return;
  // Its tokens are in the index, or still queued (queueNewSearchEntry).
  await sql`delete from search_fts_pending where id = ${row.id}`.execute(db);
  await sql`delete from search_fts where rowid = ${row.id}`.execute(db);
  await db.deleteFrom('search_entry').where('id', '=', row.id).execute();
}

/** Replace a record's entry: delete, then insert with a new (highest) id, so it sorts as newest. */
export async function replaceSearchEntry(db: Db, entry: NewSearchEntry): Promise<void> {
  await deleteSearchEntry(db, entry.kind, entry.entity_id);
  await insertEntries(db, [entry]);
}

/** Bulk insert of entries for records that have none yet (imports, benchmarks). */
export async function insertSearchEntries(db: Db, entries: readonly NewSearchEntry[]): Promise<void> {
  await insertEntries(db, entries);
}

// ── SQLite: a frequent create's tokens wait in a side table, moved into FTS5 a batch at a time ──
//
// As service requests do (service-requests.search.repo.ts): FTS5 writes its pending terms as a new
// segment at every commit, and merges segments as they pile up, far more than the insert itself.
// A queued entry's row goes into search_entry at once and its tokens into `search_fts_pending` (an
// ordinary B-tree row); every PENDING_SEARCH_BATCH queued entries one of them moves all waiting
// tokens into the index in its transaction. A search also checks the waiting tokens (a few dozen
// rows, by matchesTokens, the reference semantics both engines implement), so a queued entry is
// found exactly as an indexed one.

/** Queued entries between two moves (per database; counted in this process, from what is waiting at its first queue). */
export const PENDING_SEARCH_BATCH = 64;
/** SQLite only (`?` placeholders): a fixed statement, not built per save. */
const INSERT_PENDING = 'insert into search_fts_pending (id, tokens) values (?, ?)';
const queuedSinceMove = new WeakMap<Db, number>();

/**
 * The entry of a record that has none yet (a new call), inside the create's transaction.
 * PostgreSQL: written with its tsvector. SQLite: the row written, its tokens queued, and the queue
 * moved into the index once PENDING_SEARCH_BATCH entries have queued since the last move. `root`
 * (the database, not the transaction) keys the count.
 */
export async function queueNewSearchEntry(root: Db, trx: Db, entry: NewSearchEntry): Promise<void> {
  if (isPostgres(trx)) return insertEntries(trx, [entry]);
  const { id } = await trx.insertInto('search_entry').values(rowOf(entry)).returning('id').executeTakeFirstOrThrow();
  await trx.executeQuery(CompiledQuery.raw(INSERT_PENDING, [id, entry.tokens]));
  // The first queue of this process counts what earlier processes left waiting (a restart must
  // not leave tokens waiting for ever).
  const before =
    queuedSinceMove.get(root) ?? (await sql<{ n: number }>`select count(*) as n from search_fts_pending`.execute(trx)).rows[0].n - 1;
  const queued = before + 1;
  if (queued < PENDING_SEARCH_BATCH) {
    queuedSinceMove.set(root, queued);
    return;
  }
  queuedSinceMove.set(root, 0);
  await movePendingSearchTokens(trx);
}

// ── PostgreSQL: the tokens of a text whose number the statement draws ──

/**
 * A code's tokens as indexTokens makes them (search-tokens.ts `addWord`), as an SQL text expression
 * of the code `w`: the word, its prefixes of 1 and 2 characters, its 3-grams; each after `scope`.
 */
function codeTokensSql(w: RawBuilder<string>, scope: string): RawBuilder<string> {
  const s = sql<string>`${scope}::text`;
  return sql<string>`(${s} || 'w' || ${w} || ' ' || ${s} || 'p' || left(${w}, 1) || ' ' || ${s} || 'p' || left(${w}, 2)
    || coalesce(' ' || (select string_agg(${s} || 'g' || substr(${w}, i, 3), ' ') from generate_series(1, length(${w}) - 2) i), ''))`;
}

/**
 * `numberedTokens(n, digits)` (search-tokens.ts) as an SQL text expression, every token after
 * `scope` (a kind's letter, or nothing): `digits` is the SQL expression of the digits the
 * statement drew. The fixed tokens are bound; the two words holding the digits are made in SQL.
 * A test compares the two for many numbers.
 */
export function numberedTokensSql(n: NumberedText, digits: RawBuilder<string>, scope = ''): RawBuilder<string> {
  const fixed = n.fixed.map((t) => scope + t).join(' ');
  const compound = sql<string>`left(${n.before}::text || ${digits} || ${n.after}::text, ${MAX_WORD})`;
  return sql<string>`(${fixed}::text || ' ' || ${codeTokensSql(digits, scope)} || ' ' || ${codeTokensSql(compound, scope)})`;
}

/**
 * The entry of a record being created (db/dependent-write.ts): `queueNewSearchEntry` in its
 * transaction, or its part of the record's statement, written with its tsvector. There `entry`
 * was made with STAND_IN's id and number, and `numbered()` gives its tokens: the text
 * `numberedText` split at the number, the kind's letter, and the length of the number's head —
 * what is after it in the record's number (`refs.number`) are the digits drawn.
 */
export function newSearchEntryWrite(
  entry: NewSearchEntry,
  numbered: () => { text: NumberedText; scope: string; headLength: number },
): DependentWrite {
  return {
    run: (root, trx) => queueNewSearchEntry(root, trx, entry),
    cte: (refs: NewRecordRefs, name: string) => {
      const n = numbered();
      const digits = sql<string>`substr(${refs.number}, ${n.headLength + 1})`;
      const tsv = sql`strip(to_tsvector('simple', ${numberedTokensSql(n.text, digits, n.scope)}))`;
      return sql`${sql.id(name)} as (${insertWithRefs('search_entry', [{ ...rowOf(entry), tsv }], refs)})`;
    },
  };
}

/** SQLite: every waiting entry's tokens into the index, in the caller's transaction (nothing waits on PostgreSQL). */
export async function movePendingSearchTokens(trx: Db): Promise<void> {
  if (isPostgres(trx)) return;
  await sql`insert into search_fts (rowid, tokens) select id, tokens from search_fts_pending order by id`.execute(trx);
  await sql`delete from search_fts_pending`.execute(trx);
}

/** SQLite: the ids of the waiting entries of `kind` whose tokens satisfy `q`, newest first (at most about PENDING_SEARCH_BATCH rows read). */
async function pendingMatches(db: Db, kind: string, q: ScopedQuery): Promise<number[]> {
  const rows = await sql<{ id: number; tokens: string }>`
    select p.id, p.tokens from search_fts_pending p join search_entry se on se.id = p.id where se.kind = ${kind} order by p.id desc`.execute(
    db,
  );
  return rows.rows.filter((r) => matchesTokens(q, new Set(r.tokens.split(' ')))).map((r) => r.id);
}

/** FTS5 query syntax; tokens are [a-z0-9] only, quoted anyway. */
/** A query in this engine's syntax: toTsquery's on PostgreSQL, toFtsMatch's on SQLite. */
export function toEngineMatch(db: Db, q: ScopedQuery): string {
  return isPostgres(db) ? toTsquery(q) : toFtsMatch(q);
}

export function toFtsMatch(q: ScopedQuery): string {
  const all = q.clauses
    .map((clause) => `(${clause.map((alt) => `(${alt.map((t) => `"${t}"`).join(' AND ')})`).join(' OR ')})`)
    .join(' AND ');
  return q.exclude.length === 0 ? all : `(${all}) NOT (${q.exclude.map((t) => `"${t}"`).join(' OR ')})`;
}

/** tsquery syntax, cast with ::tsquery (no parsing or stemming: the tokens are the lexemes). */
export function toTsquery(q: ScopedQuery): string {
  const parts = q.clauses.map((clause) => `(${clause.map((alt) => `(${alt.map((t) => `'${t}'`).join(' & ')})`).join(' | ')})`);
  for (const t of q.exclude) parts.push(`!'${t}'`);
  return parts.join(' & ');
}

export interface MatchOptions {
  /** How many of the newest matches to return. */
  window: number;
  /** Count matches exactly up to this many; `matched` is countUpTo + 1 when there are more. */
  countUpTo: number;
  /**
   * PostgreSQL only, for tests and benchmarks: force one path (`gin`: every match from the
   * index; `walk`: the kind's newest rows, unbounded, counting as capped once `window` match).
   */
  plan?: 'auto' | 'gin' | 'walk';
}

export interface Matches {
  /** Entry ids of the newest matches, newest first. */
  ids: number[];
  matched: number;
}

/** The newest matching entries of one kind, and how many match (capped). Index-driven on both engines. */
export async function findMatches(db: Db, kind: string, q: ScopedQuery, opts: MatchOptions): Promise<Matches> {
  return isPostgres(db) ? findMatchesPg(db, kind, q, opts) : findMatchesSqlite(db, kind, q, opts);
}

/**
 * The plans of the statements findMatches runs for this query (EXPLAIN QUERY PLAN on SQLite,
 * EXPLAIN ANALYZE on PostgreSQL, with the path chosen), for benchmarks.
 */
export async function explainMatches(db: Db, kind: string, q: ScopedQuery, opts: MatchOptions): Promise<string[]> {
  const trace: string[] = [];
  await (isPostgres(db) ? findMatchesPg(db, kind, q, opts, trace) : findMatchesSqlite(db, kind, q, opts, trace));
  return trace;
}

/** Run a statement; with a trace, first record its plan. */
async function run<R>(db: Db, statement: RawBuilder<R>, trace?: string[]): Promise<R[]> {
  if (trace) {
    if (isPostgres(db)) {
      const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${statement}`.execute(db);
      trace.push(...plan.rows.map((x) => x['QUERY PLAN']));
    } else {
      const plan = await sql<{ detail: string }>`explain query plan ${statement}`.execute(db);
      trace.push(...plan.rows.map((x) => x.detail));
    }
  }
  return (await statement.execute(db)).rows;
}

async function findMatchesSqlite(db: Db, kind: string, q: ScopedQuery, opts: MatchOptions, trace?: string[]): Promise<Matches> {
  // FTS5 walks its posting lists newest first and stops at the limit: cost follows the
  // matches read, never the table. The capped count stays inside SQLite (no rows to JS).
  const match = toFtsMatch(q);
  const newest = await run(
    db,
    sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${match} order by rowid desc limit ${opts.window}`,
    trace,
  );
  // Entries still queued (queueNewSearchEntry) match as indexed ones.
  const waiting = await pendingMatches(db, kind, q);
  const all = waiting.length === 0 ? newest.map((x) => x.id) : [...waiting, ...newest.map((x) => x.id)].sort((a, b) => b - a);
  const ids = all.slice(0, opts.window);
  if (all.length < opts.window) return { ids, matched: all.length };
  const capped = opts.countUpTo + 1;
  const count = await run(
    db,
    sql<{ n: number }>`select count(*) as n from (select rowid from search_fts where search_fts match ${match} limit ${capped})`,
    trace,
  );
  return { ids, matched: Math.min(capped, count[0].n + waiting.length) };
}

/*
 * PostgreSQL: a GIN index answers "which rows hold these tokens" but not "the newest N of them":
 * a bitmap scan reads every match (posting lists, then heap rows) before anything is sorted. So
 * the plan is chosen per query, on statistics ANALYZE already keeps (most common tsvector
 * elements, with their share of rows):
 * - expected rare (≤ PG_GIN_EXPECTED_MAX matches, an upper bound: the rarest token of each AND):
 *   every match from the GIN index, newest picked and counted exactly;
 * - expected common: walk the kind's newest rows on (kind, id), testing each, until `window`
 *   match, within PG_WALK_BUDGET rows. If they came densely enough that the kind surely holds
 *   more than the cap (observed share × the kind's rows ≥ 3 × the cap), the count is reported
 *   as capped without counting — an estimate, wrong only if a term common overall crowds
 *   into the newest rows yet has fewer than cap matches; if the cap is within the budget's
 *   reach, the walk goes on to count to it; anything less certain falls back to the exact
 *   GIN path.
 * So a common term costs a short walk, a rare one a small bitmap, and neither reads a million.
 */
const PG_GIN_EXPECTED_MAX = 3000;
/** The GIN path reads at most this many matches; more (statistics out of date) → the walk. */
const PG_GIN_PROBE = 20_000;
/** Rows a walk may test (each a heap visit, a few µs when not in shared buffers). */
const PG_WALK_BUDGET = 5000;
/** The observed share × the kind's rows must reach this many times the cap to report "capped" uncounted. */
const PG_CAPPED_MARGIN = 3;
const PG_STATS_TTL_MS = 60_000;

/**
 * PostgreSQL: ANALYZE's statistics of a tsvector column (most common elements with their share of
 * rows), read from pg_stats and kept a minute per database: how many rows a query's tokens may
 * match, known without touching the GIN index (search_entry here; service_request_search for the
 * request list's free text). Zero rows (never analysed) makes every query look rare.
 */
export interface TokenStats {
  loadedAt: number;
  rows: number;
  /** Share of rows holding a token, for the most common tokens. */
  shares: Map<string, number>;
  /** Every other token is held by at most about this share (the least common listed one). */
  floor: number;
  /** search_entry only: the share of rows of each kind. */
  kindShares: Map<string, number>;
}

/** The tables with a tsvector column `tsv` (and, search_entry, a `kind`). */
export type TokenTable = 'search_entry' | 'service_request_search';

const pgStatsCache = new WeakMap<Db, Map<TokenTable, TokenStats>>();

export async function pgTokenStats(db: Db, table: TokenTable): Promise<TokenStats> {
  const cache = pgStatsCache.get(db) ?? new Map<TokenTable, TokenStats>();
  pgStatsCache.set(db, cache);
  const cached = cache.get(table);
  if (cached && Date.now() - cached.loadedAt < PG_STATS_TTL_MS) return cached;
  const r = await sql<{
    rows: number;
    elems: string[] | null;
    freqs: number[] | null;
    kinds: string[] | null;
    kind_freqs: number[] | null;
  }>`
    select greatest(c.reltuples, 0) as rows,
      t.most_common_elems::text::text[] as elems, t.most_common_elem_freqs as freqs,
      k.most_common_vals::text::text[] as kinds, k.most_common_freqs as kind_freqs
    from pg_class c
    left join pg_stats t on t.schemaname = current_schema() and t.tablename = ${table} and t.attname = 'tsv'
    left join pg_stats k on k.schemaname = current_schema() and k.tablename = ${table} and k.attname = 'kind'
    where c.oid = ${table}::regclass`.execute(db);
  const row = r.rows[0];
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  const stats: TokenStats = {
    loadedAt: Date.now(),
    rows: Number(row?.rows ?? 0),
    shares: new Map(elems.map((e, i) => [e, Number(freqs[i])])),
    // After the per-element shares come their minimum, maximum and the share of nulls.
    floor: elems.length > 0 ? Number(freqs[elems.length]) : 0,
    kindShares: new Map((row?.kinds ?? []).map((k, i) => [k, Number(row?.kind_freqs?.[i] ?? 0)])),
  };
  cache.set(table, stats);
  return stats;
}

/**
 * At most how many rows match, by the statistics: an AND is no commoner than its rarest part. A
 * token the statistics do not list counts as the least common listed one (`floor`, an upper
 * bound), or with `listedOnly` as none: then only what the statistics call common comes out large.
 */
export function expectedMatches(q: Pick<ScopedQuery, 'clauses'>, s: TokenStats, listedOnly = false): number {
  const share = (t: string) => s.shares.get(t) ?? (listedOnly ? 0 : s.floor);
  const clauseShare = (clause: ScopedQuery['clauses'][number]) =>
    Math.min(
      1,
      clause.reduce((sum, alt) => sum + Math.min(...alt.map(share)), 0),
    );
  return s.rows * Math.min(...q.clauses.map(clauseShare));
}

/**
 * How many rows of `table` match `q` by the statistics (see TokenStats), counting only tokens they
 * list as common (an unlisted one, rarer than every listed, counts as none): large only when the
 * term surely is common. Undefined on
 * SQLite: FTS5 keeps no per-term counts, and counting a term's first postings there is cheap
 * (a capped count reads its doclist in order and stops), where GIN reads a term's whole posting
 * list and visits the heap before anything is counted.
 */
export async function estimateTokenMatches(
  db: Db,
  table: TokenTable,
  q: Pick<ScopedQuery, 'clauses'>,
): Promise<{ matches: number; rows: number } | undefined> {
  if (!isPostgres(db)) return undefined;
  const stats = await pgTokenStats(db, table);
  return { matches: expectedMatches(q, stats, true), rows: stats.rows };
}

async function findMatchesPg(db: Db, kind: string, q: ScopedQuery, opts: MatchOptions, trace?: string[]): Promise<Matches> {
  const tsq = toTsquery(q);
  if (opts.plan === 'walk') {
    const walked = await walkNewest(db, kind, tsq, opts.window, Number.MAX_SAFE_INTEGER, trace);
    return { ids: walked.ids, matched: walked.ids.length < opts.window ? walked.ids.length : opts.countUpTo + 1 };
  }
  const stats = await pgTokenStats(db, 'search_entry');
  const expected = opts.plan === 'gin' ? 0 : expectedMatches(q, stats);
  trace?.push(`-- statistics: at most ~${Math.round(expected)} matches expected (GIN path up to ${PG_GIN_EXPECTED_MAX})`);
  if (expected > PG_GIN_EXPECTED_MAX) {
    trace?.push('-- walk the newest entries of the kind');
    const walked = await walkNewest(db, kind, tsq, opts.window, PG_WALK_BUDGET, trace);
    if (walked.ids.length === opts.window) {
      const capped = { ids: walked.ids, matched: opts.countUpTo + 1 };
      const kindRows = stats.rows * (stats.kindShares.get(kind) ?? 0);
      const likely = (opts.window / walked.examined) * kindRows;
      if (likely >= PG_CAPPED_MARGIN * opts.countUpTo) return capped;
      // Dense enough to find countUpTo + 1 matches within the budget: count them by walking on.
      if (((opts.countUpTo + 1) * walked.examined) / opts.window <= PG_WALK_BUDGET) {
        trace?.push('-- count by walking on');
        const counted = await walkNewest(db, kind, tsq, opts.countUpTo + 1, PG_WALK_BUDGET, trace);
        if (counted.ids.length > opts.countUpTo) return capped;
      }
    }
  }
  // Rare (or not clearly common): all matches from the GIN index, the newest sorted in the database.
  trace?.push('-- every match from the GIN index');
  const hits = await run(
    db,
    sql<{ id: number; n: number }>`
      with m as materialized (select id from search_entry where tsv @@ ${tsq}::tsquery limit ${PG_GIN_PROBE + 1})
      select id, (select count(*) from m) as n from m order by id desc limit ${opts.window}`,
    trace,
  );
  const n = Number(hits[0]?.n ?? 0);
  if (n <= PG_GIN_PROBE) return { ids: hits.map((h) => h.id), matched: Math.min(n, opts.countUpTo + 1) };
  const walked = await walkNewest(db, kind, tsq, opts.window, Number.MAX_SAFE_INTEGER, trace);
  return { ids: walked.ids, matched: opts.countUpTo + 1 };
}

/**
 * The newest matches of a kind, walking (kind, id) backwards over at most `budget` rows;
 * `examined` is how many rows it took. ts_match_vq is the function behind @@: as a call it
 * cannot use the GIN index, which keeps the planner on the walk. The kind is bounded by a range,
 * not `=`: with `=` the planner drops kind from the ORDER BY and may walk the primary key,
 * filtering out every other kind's rows; with the range only (kind, id) yields the order.
 */
async function walkNewest(
  db: Db,
  kind: string,
  tsq: string,
  window: number,
  budget: number,
  trace?: string[],
): Promise<{ ids: number[]; examined: number }> {
  const rows = await run(
    db,
    sql<{ id: number; pos: number }>`
      select id, pos from (
        select id, tsv, row_number() over (order by kind desc, id desc) as pos
        from search_entry where kind >= ${kind} and kind <= ${kind} order by kind desc, id desc limit ${budget}
      ) w where ts_match_vq(w.tsv, ${tsq}::tsquery) limit ${window}`,
    trace,
  );
  const ids = rows.map((x) => x.id);
  return { ids, examined: ids.length === window ? rows[window - 1].pos : budget };
}

/**
 * Whether more than `max` entries of a kind may match, known cheaply: PostgreSQL by ANALYZE's
 * statistics (no index read: GIN would read the term's whole posting list and each match's heap
 * row); SQLite by counting the FTS5 postings up to max + 1 (a doclist read in order, stopping
 * there, with no lookup of each match's entry). Queued entries are too few to matter.
 */
export async function hasMoreMatches(db: Db, q: ScopedQuery, max: number): Promise<boolean> {
  const expected = await estimateTokenMatches(db, 'search_entry', q);
  if (expected !== undefined) return expected.matches > max;
  const r = await sql<{ n: number }>`
    select count(*) as n from (select 1 from search_fts where search_fts match ${toFtsMatch(q)} limit ${max + 1})`.execute(db);
  return r.rows[0].n > max;
}

/**
 * The record ids (`entity_id`) of a kind whose entry matches, at most `limit`, in no particular
 * order: the candidates of a list's free-text filter (contracts; customers for a customer-name
 * match), which the list then checks with its own predicate.
 */
export async function matchingEntityIds(db: Db, kind: string, q: ScopedQuery, limit: number): Promise<number[]> {
  const rows = isPostgres(db)
    ? // No `kind = ?`: the tokens are scoped to the kind already, and the planner would AND in the (kind, id) index.
      await sql<{ id: number }>`select entity_id as id from search_entry where tsv @@ ${toTsquery(q)}::tsquery limit ${limit}`.execute(db)
    : await sql<{ id: number }>`
        select se.entity_id as id from search_fts f join search_entry se on se.id = f.rowid
        where search_fts match ${toFtsMatch(q)} and se.kind = ${kind} limit ${limit}`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  if (isPostgres(db) || ids.length >= limit) return ids;
  // Entries still queued (queueNewSearchEntry) are candidates as indexed ones.
  const waiting = await pendingMatches(db, kind, q);
  if (waiting.length === 0) return ids;
  const entities = await db
    .selectFrom('search_entry')
    .select('entity_id')
    .where('id', 'in', waiting)
    .where('kind', '=', kind as TSearchKind)
    .execute();
  return [...ids, ...entities.map((e) => e.entity_id)].slice(0, limit);
}

/** The shown fields of entries (never their tokens). */
export async function findSearchEntriesByIds(db: Db, ids: readonly number[]): Promise<SearchEntryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('search_entry').select(SHOWN).where('id', 'in', ids).execute();
}

/** After a bulk load: merge FTS5 segments (SQLite) or refresh planner statistics (PostgreSQL). */
export async function optimizeSearchIndex(db: Db): Promise<void> {
  if (isPostgres(db)) {
    await sql`vacuum analyze search_entry`.execute(db);
    pgStatsCache.get(db)?.delete('search_entry');
  } else await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
}

/** Storage taken by the index, in bytes, for benchmarks. */
export async function searchIndexSize(db: Db): Promise<Record<string, number>> {
  if (isPostgres(db)) {
    const r = await sql<{ name: string; bytes: number }>`
      select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c
      where c.relname in ('search_entry', 'search_entry_tsv_idx', 'search_entry_kind_id_idx') and c.relnamespace = to_regnamespace(current_schema())::oid`.execute(
      db,
    );
    return Object.fromEntries(r.rows.map((x) => [x.name, x.bytes]));
  }
  const r = await sql<{ name: string; bytes: number }>`
    select name, sum(pgsize) as bytes from dbstat where name like 'search%' group by name`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.name, x.bytes]));
}
