import type { Generated } from 'kysely';

export interface EquipmentTable {
  id: Generated<number>;
  contract_id: number;
  product_type: string;
  brand: string;
  /** normaliseBrand(brand): the SN is unique per brand key. */
  brand_key: string;
  model: string;
  pn: string | null;
  /** normaliseSn(): upper case, trimmed. */
  sn: string | null;
  quantity: number;
  site: string | null;
  warranty_start: string | null;
  warranty_end: string | null;
  vendor_warranty_end: string | null;
  license_key: string | null;
  hostid: string | null;
  software_serial: string | null;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** Soft delete: set with who and why; the unit then leaves every list and lookup. */
  deleted_at: string | null;
  deleted_by_id: number | null;
  delete_reason: string | null;
}
