import type { Db } from '../../db/database';
import type { DependentWrite } from '../../db/dependent-write';
import { indexEntry, listFilterCandidates, type SearchEntryInput, searchEntryOfNewRecord } from '../search/search.service';
import type { CallRow } from './calls.repo';

/**
 * Past this many candidates from the search index the list's free-text filter is left to its LIKE
 * alone (a term in most calls: walking the filtered range finds a page sooner).
 */
const TEXT_CANDIDATES_MAX = 3000;

/**
 * A call in the global search (by number, caller, company and phone) and the source of the call
 * list's free-text candidates: the entry holds every field the list's LIKE reads, so its matches
 * are a superset of the LIKE's.
 */
export async function indexCall(trx: Db, r: CallRow): Promise<void> {
  await indexEntry(trx, callEntry(r));
}

/**
 * A new call's entry, written with it (search.service `searchEntryOfNewRecord`): on SQLite its
 * tokens queued — a call is saved while the caller waits, and FTS5's write at every commit was the
 * largest single cost of the save (issue 7) —, on PostgreSQL part of the save's one statement,
 * the number's tokens made there from the digits drawn after `numberHead` (`CALL-2026-`).
 */
export function newCallEntry(r: CallRow, numberHead: string): DependentWrite {
  return searchEntryOfNewRecord(callEntry(r), numberHead);
}

function callEntry(r: CallRow): SearchEntryInput {
  return {
    kind: 'call',
    id: Number(r.id),
    title: `${r.number} ${r.caller_name}`,
    subtitle: r.customer_name ?? r.company,
    text: [r.company, r.phone_raw, r.phone_number, r.product_type, r.symptom, r.customer_name].filter(Boolean).join('\n'),
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    contractId: r.contract_id === null ? null : Number(r.contract_id),
  };
}

/** The calls the index finds for the list's free text; undefined when the LIKE must decide alone. */
export function callTextCandidates(db: Db, text: string | undefined): Promise<number[] | undefined> {
  // A phone typed with separators is matched by its digits (the LIKE on phone_number), which the
  // index's tokens of the typed text need not cover.
  if (text && /\d/.test(text) && /[^\p{L}\p{N}]/u.test(text)) return Promise.resolve(undefined);
  return text ? listFilterCandidates(db, 'call', text, TEXT_CANDIDATES_MAX) : Promise.resolve(undefined);
}
