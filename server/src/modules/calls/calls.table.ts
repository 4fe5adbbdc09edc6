import type { Generated } from 'kysely';

export interface PhoneCallTable {
  id: Generated<number>;
  number: string;
  state: string;
  severity: string;
  serious_problem: string | null;
  caller_name: string;
  company: string;
  phone_raw: string;
  /** normalisePhone(phone_raw).number: what a caller's earlier calls are found by. */
  phone_number: string | null;
  customer_id: number | null;
  contact_id: number | null;
  contract_id: number | null;
  equipment_id: number | null;
  equipment_sn: string | null;
  product_type: string;
  symptom: string;
  email: string | null;
  /** 1 or 0: the customer agreed to status e-mails. */
  status_emails: number;
  called_at: string;
  received_by_id: number | null;
  holder_id: number | null;
  service_request_id: number | null;
  duplicate_of_id: number | null;
  outcome_note: string | null;
  first_response_at: string | null;
  first_response_minutes: number | null;
  outcome_at: string | null;
  resolution_minutes: number | null;
  last_reminded_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PhoneCallLogTable {
  id: Generated<number>;
  call_id: number;
  at: string;
  kind: string;
  channel: string;
  text: string;
  hours: number | null;
  email_to: string | null;
  subject: string | null;
  /** Before the outbox carried customer e-mails; an entry with `outbox_id` reads its state from the outbox row. */
  delivery_state: string | null;
  /** The customer e-mail's delivery_outbox row. */
  outbox_id: number | null;
  by_id: number | null;
  created_at: string;
}
