import { isAllowed } from '@contract/permissions';
import type { TRole } from '@contract/roles';
import {
  SEARCH_KIND_PERMISSION,
  SEARCH_KINDS,
  SEARCH_MAX_LIMIT,
  SEARCH_TOTAL_CAP,
  type TSearchGroup,
  type TSearchHit,
  type TSearchKind,
  type TSearchResult,
} from '@contract/search';
import type { Actor } from '../../actor';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { type DependentWrite, STAND_IN } from '../../db/dependent-write';
import { transact } from '../../db/transaction';
import {
  containsQuery,
  indexTokens,
  kindPrefix,
  numberedText,
  parseQuery,
  restrictedToken,
  scopeQuery,
  scopeTokens,
  type TokenAlternative,
  type TokenClause,
  type TokenQuery,
  titleMatches,
} from './search-tokens';
import { searchServiceRequests } from '../service-requests/service-requests.service';
import * as repo from './search.repo';

export type { TSearchKind } from '@contract/search';
export { numberedTokensSql, PENDING_SEARCH_BATCH } from './search.repo';

export interface SearchEntryInput {
  kind: TSearchKind;
  /** The record's id in its own table. */
  id: number;
  /** Shown as the result's title (a name, a contract number, a model + SN, a document title). */
  title: string;
  /** Shown under the title (customer name, contract number…). */
  subtitle?: string | null;
  /** Everything else that should be findable: codes (SN, PN, phone), addresses, notes. Never prices. */
  text: string;
  customerId?: number | null;
  contractId?: number | null;
  /** Price-sensitive (the original contract file, R-ORG-5): found only by roles with `contracts.prices`. */
  restricted?: boolean;
}

/**
 * Results are ranked among the newest 3 × limit (at least 30) matches of each kind: title matches
 * first, then newest. Bounded so a search costs about the same whether a term matches ten records
 * or a million.
 */
function rankWindow(limit: number): number {
  return Math.max(30, 3 * limit);
}

/** What an entry's tokens are made from. */
function entryText(entry: SearchEntryInput): string {
  return [entry.title, entry.subtitle ?? '', entry.text].join('\n');
}

function toNewEntry(entry: SearchEntryInput): repo.NewSearchEntry {
  const tokens = indexTokens(entryText(entry));
  return {
    kind: entry.kind,
    entity_id: entry.id,
    title: entry.title,
    subtitle: entry.subtitle ?? null,
    customer_id: entry.customerId ?? null,
    contract_id: entry.contractId ?? null,
    restricted: entry.restricted ? 1 : 0,
    updated_at: nowIso(),
    tokens: scopeTokens(entry.kind, tokens, entry.restricted === true).join(' '),
  };
}

/**
 * Add or replace the entry of one record, inside the caller's write transaction. The record
 * then ranks as the newest of its kind. Old words no longer find it.
 */
export async function indexEntry(trx: Db, entry: SearchEntryInput): Promise<void> {
  await repo.replaceSearchEntry(trx, toNewEntry(entry));
}

/**
 * The entry of a record being created whose text starts with its number (`CALL-2026-00042 王建国`),
 * for a record saved often (calls), for the module that creates it to write with it
 * (db/dependent-write.ts). In its transaction: on SQLite the row written and its tokens queued,
 * moved into the index a batch at a time and found by searches meanwhile as if indexed
 * (search.repo.ts). As part of the statement that draws the number (PostgreSQL): written with the
 * tokens the statement makes from the digits it drew after `numberHead` (`CALL-2026-`); `entry`
 * is then made from STAND_IN's id and number.
 */
export function searchEntryOfNewRecord(entry: SearchEntryInput, numberHead: string): DependentWrite {
  return repo.newSearchEntryWrite(toNewEntry(entry), () => {
    const text = entryText(entry);
    if (!text.startsWith(STAND_IN.number)) throw new Error('searchEntryOfNewRecord: the entry must start with the stand-in number');
    const n = numberedText(numberHead, text.slice(STAND_IN.number.length));
    // scopeTokens' marker of a restricted entry, before the kind's letter is put in front.
    const marked = entry.restricted ? { ...n, fixed: [...n.fixed, restrictedToken(entry.kind).slice(1)] } : n;
    return { text: marked, scope: kindPrefix(entry.kind), headLength: numberHead.length };
  });
}

/** Move every queued entry's tokens into the index now (tests, maintenance); nothing waits on PostgreSQL. */
export async function drainSearchQueue(db: Db): Promise<void> {
  await transact(db, (trx) => repo.movePendingSearchTokens(trx));
}

/** Remove the entry of one record, inside the caller's write transaction. No entry: nothing happens. */
export async function removeEntry(trx: Db, kind: TSearchKind, id: number): Promise<void> {
  await repo.deleteSearchEntry(trx, kind, id);
}

/** Index many new records at once (imports; the records must not have entries yet). */
export async function indexNewEntries(trx: Db, entries: readonly SearchEntryInput[]): Promise<void> {
  await repo.insertSearchEntries(trx, entries.map(toNewEntry));
}

export interface SearchInput {
  q: string;
  /** Omitted: every kind the roles may read. */
  kinds?: readonly TSearchKind[];
  /** Per group, 1–SEARCH_MAX_LIMIT. */
  limit?: number;
}

/**
 * Search as a user holding `roles`: one group per kind with matches (kinds the roles may not
 * read are skipped), each with a total counted up to SEARCH_TOTAL_CAP and up to `limit` hits,
 * title matches first, then newest. Restricted entries are left out unless the roles hold
 * `contracts.prices` (R-ORG-5). A query with nothing searchable in it finds nothing.
 */
export async function searchEntries(db: Db, roles: readonly TRole[], input: SearchInput): Promise<TSearchResult> {
  const query = parseQuery(input.q);
  if (!query) return { groups: [] };
  const limit = Math.min(Math.max(1, input.limit ?? 10), SEARCH_MAX_LIMIT);
  const wanted = input.kinds && input.kinds.length > 0 ? new Set(input.kinds) : null;
  const kinds = SEARCH_KINDS.filter(
    (k) => !OWN_INDEX_KINDS.includes(k) && (!wanted || wanted.has(k)) && isAllowed(roles, SEARCH_KIND_PERMISSION[k]),
  );
  const excludeRestricted = !isAllowed(roles, 'contracts.prices');

  const found = await Promise.all(
    kinds.map(async (kind) => ({
      kind,
      ...(await repo.findMatches(db, kind, scopeQuery(kind, query, { excludeRestricted }), {
        window: rankWindow(limit),
        countUpTo: SEARCH_TOTAL_CAP,
      })),
    })),
  );
  const entries = await repo.findSearchEntriesByIds(
    db,
    found.flatMap((f) => f.ids),
  );
  const rows = new Map(entries.map((r) => [r.id, r]));

  const groups: TSearchGroup[] = [];
  for (const f of found) {
    if (f.matched === 0) continue;
    // ids are newest first; a stable sort keeps that order within title and non-title matches.
    const candidates = f.ids.flatMap((id) => rows.get(id) ?? []);
    const ranked = candidates
      .map((row) => ({ row, inTitle: titleMatches(row.title, query.terms) }))
      .sort((a, b) => Number(b.inTitle) - Number(a.inTitle));
    groups.push({
      kind: f.kind,
      total: Math.min(f.matched, SEARCH_TOTAL_CAP),
      totalCapped: f.matched > SEARCH_TOTAL_CAP,
      items: ranked.slice(0, limit).map(({ row }) => toHit(row)),
    });
  }
  return { groups };
}

/** Kinds searched by their own module (their own index and read scope), not through search_entry. */
const OWN_INDEX_KINDS: readonly TSearchKind[] = ['service_request'];

/**
 * The search box as `actor` reads it: the indexed kinds (searchEntries) and the service requests
 * he may read (number, description, customer, contact name and phone), in SEARCH_KINDS order.
 */
export async function searchAll(db: Db, actor: Actor, input: SearchInput): Promise<TSearchResult> {
  const limit = Math.min(Math.max(1, input.limit ?? 10), SEARCH_MAX_LIMIT);
  const wantsRequests =
    (!input.kinds || input.kinds.length === 0 || input.kinds.includes('service_request')) &&
    isAllowed(actor.roles, SEARCH_KIND_PERMISSION.service_request);
  const [indexed, requests] = await Promise.all([
    searchEntries(db, actor.roles, input),
    wantsRequests ? searchServiceRequests(db, actor, input.q, limit) : undefined,
  ]);
  const groups = requests && requests.total > 0 ? [...indexed.groups, requests] : indexed.groups;
  return { groups: groups.sort((a, b) => SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind)) };
}

function toHit(row: repo.SearchEntryRow): TSearchHit {
  return {
    kind: row.kind,
    id: row.entity_id,
    title: row.title,
    subtitle: row.subtitle,
    customerId: row.customer_id === null ? null : row.customer_id,
    contractId: row.contract_id === null ? null : row.contract_id,
  };
}

/**
 * The candidates of a list's free-text filter (`LIKE '%text%'` over fields the kind's entries
 * hold): the ids of the records of `kind` whose entry matches, a superset of the LIKE's matches, so
 * the list checks its LIKE on these only. Undefined when the index cannot promise the superset
 * (containsQuery) or finds more than `max` (then the list's own walk is cheaper). `text` as the
 * LIKE sees it: containsPattern drops % _ \.
 */
export async function listFilterCandidates(db: Db, kind: TSearchKind, text: string, max: number): Promise<number[] | undefined> {
  const query = containsQuery(text.replace(/[\\%_]/g, ''));
  if (!query) return undefined;
  const scoped = pruneCommonTokens(scopeQuery(kind, query, { excludeRestricted: false }));
  // A common term (HT-2024 in 7,500 contracts) is known by its frequency before its candidates are
  // turned into record ids one entry lookup each: the list's ordered walk with its LIKE is cheaper.
  if (await repo.hasMoreMatches(db, scoped, max)) return undefined;
  const ids = await repo.matchingEntityIds(db, kind, scoped, max + 1);
  return ids.length > max ? undefined : ids;
}

/** A query in the engine's syntax (FTS5 MATCH, or tsquery text), for a module's own index of these tokens. */
export function engineMatch(db: Db, q: TokenQuery): string {
  return repo.toEngineMatch(db, pruneCommonTokens({ clauses: q.clauses, exclude: [] }));
}

/**
 * How many entries of a module's own token index match `q` (as engineMatch queries it) by the
 * engine's statistics of its common tokens, and how many entries it holds; undefined where the
 * engine keeps none (SQLite).
 */
export function estimatedMatches(db: Db, table: repo.TokenTable, q: TokenQuery): Promise<{ matches: number; rows: number } | undefined> {
  return repo.estimateTokenMatches(db, table, pruneCommonTokens({ clauses: q.clauses, exclude: [] }));
}

/**
 * Of the 3-grams of a code fragment (an AND of more than two), keep the last one and the
 * one three characters before it, which do not overlap. "2026-55966" is g202 & g026 & … & g966:
 * the first ones are in every request number, and FTS5 walks their million postings to intersect
 * them (≈ 100 ms; PostgreSQL's GIN ≈ 14 ms); g559 & g966 take under a millisecond. Codes vary most at their end (sequence
 * numbers, serial digits); the choice only changes how many candidates there are — dropping an
 * AND's token widens the matches, the caller's LIKE decides. Counting each token's postings to
 * pick the rarest costs more than it saves.
 */
function pruneCommonTokens(q: { clauses: TokenClause[]; exclude: string[] }): { clauses: TokenClause[]; exclude: string[] } {
  const prune = (alt: TokenAlternative): TokenAlternative =>
    alt.length <= 2 ? alt : [alt[alt.length - 1], alt[Math.max(0, alt.length - 4)]];
  return { clauses: q.clauses.map((clause) => clause.map(prune)), exclude: q.exclude };
}
