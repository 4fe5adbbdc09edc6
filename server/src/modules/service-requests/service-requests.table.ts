import type { Generated } from 'kysely';
import type { TServiceRequestOrigin, TServiceRequestPriority } from '@contract/service-requests';
import type { TServiceRequestKind, TServiceRequestState } from '@contract/service-request-workflow';
import type { TSlaStatus } from '@contract/sla';

export interface ServiceRequestTable {
  id: Generated<number>;
  number: string;
  kind: TServiceRequestKind;
  state: TServiceRequestState;
  paused_from: TServiceRequestState | null;
  origin: TServiceRequestOrigin;
  origin_ref: string | null;
  customer_id: number;
  contract_id: number | null;
  project_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  site_address: string | null;
  description: string;
  issued_by_id: number | null;
  responsible_engineer_id: number | null;
  backup_engineer_id: number | null;
  requested_date: string | null;
  planned_start: string | null;
  planned_end: string | null;
  agreed_arrival_at: string | null;
  priority: TServiceRequestPriority;
  remarks: string | null;
  /** 1 or 0 (R-EMER-1). */
  incomplete: number;
  sla_status: TSlaStatus | null;
  /** When the SLA sweep next reads this request (migration 3000); null: not until it changes. */
  sla_next_check_at: Generated<string | null>;
  /** The SLA notices the sweep has sent for it, one bit per clock and level (migration 3061). */
  sla_notified: Generated<number>;
  issued_at: string | null;
  responded_at: string | null;
  arrived_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceRequestEquipmentTable {
  service_request_id: number;
  equipment_id: number;
}

export interface ServiceRequestPauseTable {
  id: Generated<number>;
  service_request_id: number;
  state: TServiceRequestState;
  paused_from: TServiceRequestState | null;
  started_at: string;
  ended_at: string | null;
  reason: string | null;
  by_id: number | null;
  ended_by_id: number | null;
}

/** A photo or file attached to a request (by its engineers, its issuer or a manager). */
export interface ServiceRequestAttachmentTable {
  id: Generated<number>;
  service_request_id: number;
  file_hash: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by_id: number | null;
  uploaded_at: string;
}

export interface EngineerLeaveTable {
  id: Generated<number>;
  user_id: number;
  from_date: string;
  to_date: string;
  reason: string | null;
  created_at: string;
}
