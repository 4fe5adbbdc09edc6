import type { Generated } from 'kysely';

export interface PartTable {
  id: Generated<number>;
  pn: string;
  description: string;
  vendor: string | null;
  /** `serial` (SN-tracked) or `count`. */
  tracking: string;
  created_by_id: number | null;
  created_at: string;
  version: number;
}

export interface StockLocationTable {
  id: Generated<number>;
  /** `store`, `bag` (user_id), `customer` (customer_id), `vendor`. */
  kind: string;
  name: string;
  user_id: number | null;
  customer_id: number | null;
  created_at: string;
}

export interface PartInspectionTable {
  id: Generated<number>;
  part_id: number | null;
  sn: string | null;
  /** `pass` or `fail`. */
  result: string;
  note: string | null;
  inspected_by_id: number | null;
  inspected_at: string;
}

/** The ledger: append-only. */
export interface StockMovementTable {
  id: Generated<number>;
  part_id: number;
  sn: string | null;
  quantity: number;
  from_location_id: number | null;
  to_location_id: number | null;
  kind: string;
  reason: string;
  actor_id: number | null;
  at: string;
  service_request_id: number | null;
  loan_id: number | null;
  tag_id: number | null;
  inspection_id: number | null;
}

/** Stock on hand per part and place, written with each movement (never edited by hand). */
export interface StockBalanceTable {
  part_id: number;
  location_id: number;
  quantity: number;
}

export interface PartSerialTable {
  part_id: number;
  sn: string;
  location_id: number | null;
}

export interface PartLoanTable {
  id: Generated<number>;
  number: string;
  part_id: number;
  sn: string | null;
  quantity: number;
  purpose: string;
  state: string;
  emergency: number;
  paperwork_pending: number;
  paperwork_escalated_at: string | null;
  borrower_id: number;
  from_location_id: number;
  customer_id: number;
  service_request_id: number | null;
  approved_by_id: number | null;
  approved_at: string | null;
  borrowed_at: string | null;
  due_date: string;
  overdue_notified_at: string | null;
  test_inspection_id: number | null;
  returned_at: string | null;
  return_condition: string | null;
  return_note: string | null;
  note: string | null;
  created_at: string;
  version: number;
}

export interface FaultyPartTagTable {
  id: Generated<number>;
  number: string;
  part_id: number | null;
  pn: string;
  sn: string | null;
  customer_id: number | null;
  unit_sn: string | null;
  service_request_id: number | null;
  fault: string;
  removed_date: string;
  engineer_id: number | null;
  condition: string;
  disposition: string | null;
  rma_case_number: string | null;
  received_at: string | null;
  received_by_id: number | null;
  inspection_id: number | null;
  restocked_at: string | null;
  created_at: string;
  version: number;
}
