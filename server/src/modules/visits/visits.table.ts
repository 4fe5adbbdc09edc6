import type { Generated } from 'kysely';

/** A visit: one day's trip of a service request to the customer's site; times are ISO instants. */
export interface VisitTable {
  id: Generated<number>;
  service_request_id: number;
  /** The responsible engineer of the visit. */
  engineer_id: number;
  travel_started_at: string | null;
  arrived_at: string | null;
  departed_at: string | null;
  work_done: string | null;
  created_by_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface VisitEngineerTable {
  visit_id: number;
  user_id: number;
}
