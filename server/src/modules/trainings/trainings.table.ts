import type { Generated } from 'kysely';

export interface TrainingPlanTable {
  id: Generated<number>;
  /** TP-2026-00001 */
  number: string;
  contract_id: number;
  customer_id: number;
  title: string;
  contact_name: string | null;
  contact_email: string | null;
  notes: string | null;
  sent_at: string | null;
  sent_count: number;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TrainingSessionTable {
  id: Generated<number>;
  plan_id: number;
  /** The calendar event's UID: never changes, so the customer's calendar updates the event. */
  uid: string;
  /** The event's SEQUENCE: bumped when a sent session changes. */
  sequence: number;
  course: string;
  starts_at: string;
  hours: number;
  place: string;
  trainer_id: number;
  expected_attendees: number;
  /** planned | confirmed | held | cancelled */
  state: string;
  confirmed_at: string | null;
  confirmed_by_id: number | null;
  confirmed_attendees: number | null;
  checklist_template_id: number | null;
  checklist_version: number | null;
  /** JSON: the training-room checklist's answers (contract/checklists.ts ZChecklistAnswers). */
  checklist_answers: string | null;
  checklist_complete: number;
  /** The SEQUENCE last sent to the customer; null: never sent. */
  sent_sequence: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TrainingAttendeeTable {
  id: Generated<number>;
  session_id: number;
  name: string;
  company: string | null;
  contact: string | null;
  /** pad (signed on the tablet) | paper (typed in from the printed sheet) */
  method: string;
  /** The tablet signature (signatures module); null for a paper sign-in. */
  signature_id: number | null;
  signed_at: string;
  certificate_number: string | null;
  /** Random code in the certificate's verification link. */
  certificate_code: string | null;
  certificate_issued_at: string | null;
  created_by_id: number | null;
  created_at: string;
}

export interface TrainingFeedbackLinkTable {
  id: Generated<number>;
  session_id: number;
  /** sha256 of the token in the link; the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  created_by_id: number | null;
  created_at: string;
}

export interface TrainingFeedbackTable {
  id: Generated<number>;
  session_id: number;
  /** qr (an attendee's phone) | paper (typed in later) */
  source: string;
  /** sha256 of the phone's device cookie: one answer per device and session. */
  device_hash: string | null;
  content: number;
  trainer: number;
  materials: number;
  organisation: number;
  usefulness: number;
  comments: string | null;
  attendee_name: string | null;
  entered_by_id: number | null;
  created_at: string;
}
