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

export interface GoodsDeviationPhotoTable {
  id: Generated<number>;
  goods_deviation_id: number;
  file_hash: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by_id: number | null;
  uploaded_at: string;
}
