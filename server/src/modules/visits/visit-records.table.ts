import type { Generated } from 'kysely';
import type { TUnitAction, TVisitActionKind } from '@contract/visits';

/** The visit's columns added by migration 2100 (the base table is migration 2000's, visits.table.ts). */
export interface VisitDetailColumns {
  pre_call_at: string | null;
  pre_call_contact_name: string | null;
  pre_call_site: string | null;
  pre_call_power: string | null;
  pre_call_network: string | null;
  pre_call_agreed_time: string | null;
  pre_call_note: string | null;
  pre_call_by_id: number | null;
  /** R-EMER-2: the agreed (or SLA) arrival time the arrival was compared with. */
  arrival_due_at: string | null;
  /** Minutes after the due time; 0 on time; null: no due time or not arrived. */
  late_minutes: number | null;
  arrival_checklist_template_id: number | null;
  arrival_checklist_version_no: number | null;
  /** JSON: the answers by item key. */
  arrival_checklist_answers: string | null;
  /** 1: every yes/no item of the arrival checklist answered yes. */
  site_ready: number | null;
  backup_state: 'confirmed' | 'refused' | null;
  backup_customer_name: string | null;
  backup_note: string | null;
  backup_risk_statement: string | null;
  backup_at: string | null;
}

export interface VisitProblemTable {
  id: Generated<number>;
  visit_id: number;
  problem: string;
  solution: string | null;
  recorded_by_id: number | null;
  recorded_at: string;
}

export interface VisitExtraRequestTable {
  id: Generated<number>;
  visit_id: number;
  request: string;
  answer: string;
  escalation_id: number | null;
  recorded_by_id: number | null;
  recorded_at: string;
}

export interface VisitPhotoTable {
  id: Generated<number>;
  visit_id: number;
  file_hash: string;
  file_name: string;
  mime: string;
  size: number;
  caption: string | null;
  uploaded_by_id: number | null;
  uploaded_at: string;
}

export interface VisitApprovalTable {
  id: Generated<number>;
  visit_id: number;
  kind: 'reproduce' | 'fix';
  customer_name: string;
  note: string | null;
  recorded_by_id: number | null;
  recorded_at: string;
}

export interface VisitActionTable {
  id: Generated<number>;
  visit_id: number;
  kind: TVisitActionKind;
  description: string;
  overridden: number;
  recorded_by_id: number | null;
  recorded_at: string;
}

export interface VisitUnitTable {
  id: Generated<number>;
  visit_id: number;
  service_request_id: number;
  action: TUnitAction;
  equipment_id: number | null;
  product_type: string;
  brand: string;
  model: string;
  old_pn: string | null;
  old_sn: string | null;
  new_pn: string | null;
  new_sn: string | null;
  warranty_end: string | null;
  vendor_warranty_end: string | null;
  under_warranty: number;
  under_vendor_warranty: number;
  reason: string | null;
  intermittent: number;
  fault_recurred: number;
  reverts_id: number | null;
  note: string | null;
  overridden: number;
  recorded_by_id: number | null;
  recorded_at: string;
  registered_at: string | null;
  registered_by_id: number | null;
}
