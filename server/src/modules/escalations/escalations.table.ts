import type { Generated } from 'kysely';

export interface EscalationTable {
  id: Generated<number>;
  service_request_id: number;
  kind: string;
  text: string;
  state: string;
  raised_by_id: number | null;
  raised_at: string;
  acknowledged_by_id: number | null;
  acknowledged_at: string | null;
  closed_by_id: number | null;
  closed_at: string | null;
  improvement_measure: string | null;
  resolution_note: string | null;
  version: number;
}
