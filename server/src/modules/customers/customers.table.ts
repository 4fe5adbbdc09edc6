import type { Generated } from 'kysely';

export interface IndustryTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  /** 1 or 0. */
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CustomerTable {
  id: Generated<number>;
  name: string;
  /** normaliseCustomerName(name): duplicates are looked up by it. */
  name_key: string;
  /** customerNameCore(name): near duplicates are looked up by it. */
  name_core: string;
  industry_id: number | null;
  region: string | null;
  address: string | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  title: string | null;
  email: string | null;
  /** 1 or 0; at most one 1 per customer (partial unique index). */
  is_primary: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContactPhoneTable {
  id: Generated<number>;
  contact_id: number;
  position: number;
  raw: string;
  number: string;
  extension: string | null;
  kind: string;
  /** phoneMatchKey(): what a caller's number is looked up by. */
  match_key: string;
}
