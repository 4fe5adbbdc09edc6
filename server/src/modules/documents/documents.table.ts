import type { Generated } from 'kysely';
import type { DOCUMENT_STATUSES, TDocumentType, TOriginalHolder } from '@contract/documents';

export interface DocumentTable {
  id: Generated<number>;
  customer_id: number;
  /** Null: a document of the customer as a whole. */
  contract_id: number | null;
  type: TDocumentType;
  title: string;
  notes: string | null;
  /** 1 or 0. */
  is_copy: number;
  original_holder: TOriginalHolder | null;
  original_holder_note: string | null;
  /** 1 or 0; always 1 for the original contract. */
  price_sensitive: number;
  /** `active` or `withdrawn`. */
  status: (typeof DOCUMENT_STATUSES)[number];
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  latest_version_no: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DocumentVersionTable {
  document_id: number;
  version_no: number;
  file_hash: string;
  file_name: string;
  note: string | null;
  uploaded_at: string;
  uploaded_by_id: number | null;
  uploaded_by_name: string | null;
}
