import type { Generated } from 'kysely';
import type { TContractStatus, TCoverage, TServiceKind, TStage } from '@contract/contracts';

export interface ContractTable {
  id: Generated<number>;
  number: string;
  customer_id: number;
  status: TContractStatus;
  stage: TStage;
  signed_at: string | null;
  start_date: string | null;
  end_date: string | null;
  sales_owner_id: number | null;
  commerce_contact_id: number | null;
  notes: string | null;
  /** Fen. R-ORG-5: never sent to roles without contracts.prices. */
  total_amount_fen: number;
  coverage_kind: TCoverage['kind'];
  /** ISO weekdays, comma-separated: `1,2,3,4,5`. */
  coverage_days: string;
  coverage_start_hour: number;
  coverage_end_hour: number;
  response_hours: number | null;
  arrival_hours: number | null;
  resolution_hours: number | null;
  pm_visits_per_year: number | null;
  onsite_visits_included: number | null;
  training_days: number | null;
  training_attendees: number | null;
  warranty_months: number | null;
  warranty_start: string | null;
  warranty_end: string | null;
  vendor_extra_years: number | null;
  vendor_scope: string | null;
  vendor_region: string | null;
  /** 1 or 0. */
  remote_only: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContractServiceKindTable {
  contract_id: number;
  kind: TServiceKind;
}

export interface ContractItemTable {
  id: Generated<number>;
  contract_id: number;
  line_no: number;
  description: string;
  model: string | null;
  quantity: number;
  /** Fen, price-sensitive. */
  unit_price_fen: number;
  /** Fen, price-sensitive. */
  amount_fen: number;
}

export interface ContractStageChangeTable {
  id: Generated<number>;
  contract_id: number;
  from_stage: TStage | null;
  to_stage: TStage;
  by_id: number | null;
  by_name: string | null;
  at: string;
  note: string | null;
}
