import type { Generated } from 'kysely';
import type { TSearchKind } from '@contract/search';

/**
 * One findable record. The tokens themselves live only in the engine's full-text index:
 * SQLite `search_fts` (FTS5, contentless, rowid = id) and PostgreSQL `search_entry.tsv`
 * (a tsvector with a GIN index, written by the repo) — neither appears in this type.
 */
export interface SearchEntryTable {
  /** Grows with every (re)index: newest first = id descending. */
  id: Generated<number>;
  kind: TSearchKind;
  entity_id: number;
  title: string;
  subtitle: string | null;
  customer_id: number | null;
  contract_id: number | null;
  /** 1: price-sensitive (the original contract, R-ORG-5), shown only to roles with contracts.prices. */
  restricted: number;
  updated_at: string;
}
