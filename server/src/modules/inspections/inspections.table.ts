import type { Generated } from 'kysely';

export interface InspectionTable {
  id: Generated<number>;
  service_request_id: number;
  contract_id: number;
  /** `YYYY-MM-DD`. */
  planned_ship_date: string | null;
  checklist_template_id: number | null;
  checklist_version_no: number | null;
  /** JSON: the preparation checklist's answers (R-GOODS-5). */
  checklist_answers: string | null;
  checklist_at: string | null;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InspectionBurnInTable {
  id: Generated<number>;
  inspection_id: number;
  started_at: string;
  ended_at: string | null;
  /** 'passed' | 'failed'. */
  result: string | null;
  notes: string | null;
  log_hash: string | null;
  log_name: string | null;
  recorded_by_id: number | null;
  created_at: string;
  version: number;
}

export interface InspectionUnitTable {
  id: Generated<number>;
  inspection_id: number;
  contract_id: number;
  contract_item_id: number | null;
  model: string;
  pn: string | null;
  /** Upper case, trimmed; unique per contract. */
  sn: string | null;
  /** 'sealed' | 'opened'. */
  packaging: string;
  opened_reason: string | null;
  /** TConsentState. */
  consent: string;
  consent_by: string | null;
  consent_at: string | null;
  consent_method: string | null;
  burn_in_id: number | null;
  ready_at: string | null;
  ready_by_id: number | null;
  delivery_note_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DeliveryNoteTable {
  id: Generated<number>;
  number: string;
  inspection_id: number;
  delivery_date: string;
  receiver_name: string | null;
  sign_method: string | null;
  signed_at: string | null;
  signature_hash: string | null;
  signature_id: number | null;
  document_id: number | null;
  created_by_id: number | null;
  created_at: string;
  version: number;
}

export interface LicenceTable {
  id: Generated<number>;
  contract_id: number;
  inspection_unit_id: number | null;
  software: string;
  needed: number;
  demo_expires_on: string | null;
  /** The expiry date the reminder was sent for: a new expiry is reminded again. */
  demo_reminded_for: string | null;
  hostid: string | null;
  software_serial: string | null;
  applied_on: string | null;
  received_on: string | null;
  key_document_id: number | null;
  media_document_id: number | null;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ContractBurnInSettingTable {
  contract_id: number;
  min_hours: number;
  override_reason: string | null;
  set_by_id: number | null;
  set_at: string;
}

export interface InspectionDeviationTable {
  inspection_id: number;
  goods_deviation_id: number;
}
