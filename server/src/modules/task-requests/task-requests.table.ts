import type { Generated } from 'kysely';
import type { TTaskRequestState } from '@contract/task-requests';

export interface TaskRequestTable {
  id: Generated<number>;
  number: string;
  task: string;
  reason: string | null;
  customer_id: number | null;
  contract_id: number | null;
  service_request_id: number | null;
  assignee_id: number;
  due_date: string | null;
  expected_output: string | null;
  issued_by_id: number | null;
  result: string | null;
  state: TTaskRequestState;
  version: number;
  created_at: string;
  updated_at: string;
}
