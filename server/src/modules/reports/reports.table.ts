import type { Generated } from 'kysely';

export interface WeeklyReportTable {
  id: Generated<number>;
  engineer_id: number;
  /** The Monday, `YYYY-MM-DD` in the company's zone. */
  week_start: string;
  /** draft | submitted | returned */
  state: string;
  /** JSON: TWeeklyReportLine[]. */
  lines: string;
  /** JSON: minutes by kind. */
  totals: string;
  problems: string | null;
  suggestions: string | null;
  next_week_plan: string | null;
  submitted_at: string | null;
  returned_reason: string | null;
  reminded_at: string | null;
  overdue_notified_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WeeklyRecordTable {
  id: Generated<number>;
  week_start: string;
  /** draft | final */
  state: string;
  /** JSON: TWeeklyRecordEngineer[]. */
  summary: string;
  /** JSON: user ids. */
  attendees: string;
  decisions: string | null;
  drafted_at: string;
  finalised_by_id: number | null;
  finalised_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WeeklyRecordActionTable {
  id: Generated<number>;
  record_id: number;
  text: string;
  owner_id: number;
  due_date: string;
  done_at: string | null;
  done_by_id: number | null;
  created_at: string;
}

export interface MonthlySummaryTable {
  id: Generated<number>;
  month: string;
  project_id: number | null;
  contract_id: number | null;
  scope_key: string;
  /** draft | approved */
  state: string;
  /** JSON: TMonthlyFigures. */
  figures: string;
  notes: string | null;
  approved_by_id: number | null;
  approved_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportSettingTable {
  id: number;
  weekly_due_time: string;
  mail_to: string;
  updated_at: string;
}

export interface RequestDayTable {
  day: string;
  customer_id: number;
  contract_key: number;
  kind: string;
  created: number;
  closed: number;
  closed_breached: number;
  closed_one_visit: number;
}

/** request_day summed over customers, contracts and kinds: one row a day (kept with request_day). */
export interface RequestTotalDayTable {
  day: string;
  created: number;
  closed: number;
  closed_breached: number;
  closed_one_visit: number;
}

/** request_day summed per customer over a week (Monday, company zone); no all-zero rows (kept with request_day). */
export interface RequestCustomerWeekTable {
  week_start: string;
  customer_id: number;
  created: number;
  closed: number;
  closed_breached: number;
  closed_one_visit: number;
}
