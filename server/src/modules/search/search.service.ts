import type { Db } from '../../db/database';

/**
 * PLACEHOLDER — being replaced by the search module (CJK unigram+bigram index on FTS5 /
 * tsvector). The signature below is the contract other modules code against; keep it.
 */
export type TSearchKind = 'customer' | 'contact' | 'contract' | 'equipment' | 'document';

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
}

/** Add or replace the entry of one record, inside the caller's write transaction. */
export async function indexEntry(_trx: Db, _entry: SearchEntryInput): Promise<void> {}

/** Remove the entry of one record, inside the caller's write transaction. */
export async function removeEntry(_trx: Db, _kind: TSearchKind, _id: number): Promise<void> {}
