import {
  TASK_REQUEST_ACTION_LABELS,
  TASK_REQUEST_STATE_LABELS,
  type TTaskRequestAction,
  type TTaskRequestState,
} from '@contract/task-requests';
import { useSrLabels } from '../service-requests/sr-labels';

export const TASK_STATE_COLORS: Record<TTaskRequestState, string> = {
  draft: 'default',
  issued: 'blue',
  in_progress: 'processing',
  done: 'green',
  cancelled: 'default',
};

/** Task request states and actions in the user's language (labels from the contract). */
export function useTaskLabels() {
  const { pick } = useSrLabels();
  return {
    state: (s: TTaskRequestState) => pick(TASK_REQUEST_STATE_LABELS[s]),
    action: (a: TTaskRequestAction) => pick(TASK_REQUEST_ACTION_LABELS[a]),
  };
}
