import type { Generated } from 'kysely';

/** A contract's PM timetable (例行检查计划表, R-PM-2): how its visits were generated, who does them. */
export interface PmPlanTable {
  id: Generated<number>;
  contract_id: number;
  /** The recurrence the manager edited (RRULE), or null: spread by the contract's pmVisitsPerYear. */
  rrule: string | null;
  period_start: string;
  period_end: string;
  /** `HH:MM` in the company's zone. */
  start_time: string;
  duration_minutes: number;
  downtime_minutes: number;
  responsible_engineer_id: number;
  backup_engineer_id: number;
  /** JSON array of equipment ids in scope. */
  equipment_ids: string;
  sent_at: string | null;
  sent_to: string | null;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One PM visit: its calendar identity (uid, SEQUENCE), dates, engineers, agreement and state. */
export interface PmVisitTable {
  id: Generated<number>;
  plan_id: number;
  contract_id: number;
  /** The VEVENT's UID: never changes, so a customer's calendar updates the event instead of adding one. */
  uid: string;
  /** The VEVENT's SEQUENCE: bumped on every change of date, time or state. */
  sequence: number;
  /** The SEQUENCE last e-mailed to the customer (null: never sent). */
  sent_sequence: number | null;
  /** The date the recurrence gave, before moving off weekends and holidays. */
  natural_date: string;
  planned_date: string;
  start_time: string;
  duration_minutes: number;
  downtime_minutes: number;
  responsible_engineer_id: number;
  backup_engineer_id: number;
  equipment_ids: string;
  /** planned | agreeing | agreed | done | cancelled */
  state: string;
  agree_asked_at: string | null;
  unagreed_notified_at: string | null;
  agreed_place: string | null;
  agreed_system_state: string | null;
  agreed_downtime: string | null;
  open_problems: string | null;
  agreed_by_id: number | null;
  agreed_at: string | null;
  service_request_id: number | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
