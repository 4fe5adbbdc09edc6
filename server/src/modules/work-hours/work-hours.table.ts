import type { Generated } from 'kysely';

export interface WorkHoursEntryTable {
  id: Generated<number>;
  engineer_id: number;
  /** `YYYY-MM-DD`, the day in the company's zone. */
  work_date: string;
  kind: string;
  /** Whole minutes: sums and roll-ups are exact on both engines. */
  minutes: number;
  note: string | null;
  service_request_id: number | null;
  customer_id: number | null;
  contract_id: number | null;
  /** What recorded the entries: `visit`, `phone_call` (remote handling), `manual`; its entries are replaced as a whole. */
  source_entity: string;
  source_id: number;
  created_by_id: number | null;
  created_at: string;
}

/** Roll-up per engineer, day and kind (kept in the recording transaction). */
export interface WorkHoursDayTable {
  engineer_id: number;
  work_date: string;
  kind: string;
  minutes: number;
  entries: number;
}

/** Roll-up per customer, contract (0: none) and day (kept in the recording transaction). */
export interface WorkCustomerDayTable {
  customer_id: number;
  contract_key: number;
  work_date: string;
  minutes: number;
  entries: number;
  /** Visits whose first day with hours (for this customer and contract) is this day. */
  visits: number;
}
