import type { Generated } from 'kysely';

export interface GoodsDeviationTable {
  id: Generated<number>;
  number: string;
  contract_id: number;
  kind: string;
  /** JSON: [{ description, quantity }]. */
  items: string;
  note: string | null;
  state: string;
  reported_by_id: number | null;
  reported_at: string;
  resolution: string | null;
  closed_by_id: number | null;
  closed_at: string | null;
  version: number;
}
