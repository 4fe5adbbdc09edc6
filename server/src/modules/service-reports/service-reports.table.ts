import type { Generated } from 'kysely';

/** A customer-signed report: service (one visit), installation (a request's visits) or acceptance. */
export interface ServiceReportTable {
  id: Generated<number>;
  /** `CSR-2026-00042`, kept by every revision. */
  number: string;
  /** 1, then one more per correction of a signed report. */
  revision: number;
  /** service | installation | acceptance */
  kind: string;
  service_request_id: number;
  visit_id: number | null;
  customer_id: number;
  contract_id: number | null;
  /** draft → signed; a signed one corrected becomes superseded. */
  state: string;
  /** JSON: the form's fields (contract/service-reports.ts ZReportFields). */
  content: string;
  checklist_template_id: number | null;
  /** The template version the checklist was filled with. */
  checklist_version_no: number | null;
  /** JSON: the answers (contract/checklists.ts ZChecklistAnswers). */
  checklist_answers: string | null;
  /** SHA-256 (hex) of the frozen content, set at signing. */
  content_hash: string | null;
  /** The signed PDF in the file store (its name is its SHA-256). */
  pdf_hash: string | null;
  pdf_size: number | null;
  signed_at: string | null;
  supersedes_id: number | null;
  /** The archive's `service_report` (or acceptance/installation report) document. */
  document_id: number | null;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ServiceFollowUpTable {
  id: Generated<number>;
  service_report_id: number;
  service_request_id: number;
  engineer_id: number;
  /** The next working day after signing (company calendar). */
  due_on: string;
  /** The working day after `due_on`: past it, the follow-up is overdue. */
  latest_on: string;
  /** open | done */
  state: string;
  /** call | email */
  channel: string | null;
  /** satisfied | problem_remains */
  outcome: string | null;
  score: number | null;
  note: string | null;
  done_at: string | null;
  done_by_id: number | null;
  overdue_notified_at: string | null;
  created_at: string;
  version: number;
}

/** A debrief (R-INST-11): of a closed service request or of a held training session — exactly one of the two. */
export interface ServiceDebriefTable {
  id: Generated<number>;
  service_request_id: number | null;
  training_session_id: number | null;
  author_id: number;
  how_it_went: string;
  lessons: string;
  customer_situation: string;
  created_at: string;
}
