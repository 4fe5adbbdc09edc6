import type { Generated } from 'kysely';
import type { ESCALATION_STATES, TEscalationKind } from '@contract/escalations';

export interface EscalationTable {
  id: Generated<number>;
  service_request_id: number;
  kind: TEscalationKind;
  text: string;
  state: (typeof ESCALATION_STATES)[number];
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
