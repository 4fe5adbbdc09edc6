import {
  SERVICE_REQUEST_ACTION_LABELS,
  SERVICE_REQUEST_KIND_LABELS,
  SERVICE_REQUEST_PRIORITY_LABELS,
  SERVICE_REQUEST_STATE_LABELS,
  SLA_CLOCK_KIND_LABELS,
  SLA_CLOCK_STATE_LABELS,
  SLA_STATUS_LABELS,
} from '@contract/service-request-labels';
import type { TServiceRequestAction, TServiceRequestKind, TServiceRequestState } from '@contract/service-request-workflow';
import type { TServiceRequestPriority } from '@contract/service-requests';
import type { TSlaClockKind, TSlaClockState, TSlaStatus } from '@contract/sla';
import { useLocale } from '../../app/locale-context';

/**
 * Labels of the service request vocabularies (states, kinds, actions, SLA), in the user's
 * language (contract/service-request-labels.ts; spec "Workflow state names").
 */
export function useSrLabels() {
  const { pick } = useLocale();
  return {
    pick,
    state: (s: TServiceRequestState) => pick(SERVICE_REQUEST_STATE_LABELS[s]),
    kind: (k: TServiceRequestKind) => pick(SERVICE_REQUEST_KIND_LABELS[k]),
    action: (a: TServiceRequestAction) => pick(SERVICE_REQUEST_ACTION_LABELS[a]),
    priority: (p: TServiceRequestPriority) => pick(SERVICE_REQUEST_PRIORITY_LABELS[p]),
    clock: (k: TSlaClockKind) => pick(SLA_CLOCK_KIND_LABELS[k]),
    clockState: (s: TSlaClockState) => pick(SLA_CLOCK_STATE_LABELS[s]),
    slaStatus: (s: TSlaStatus) => pick(SLA_STATUS_LABELS[s]),
  };
}

export const STATE_COLORS: Record<TServiceRequestState, string> = {
  draft: 'default',
  issued: 'blue',
  accepted: 'cyan',
  scheduled: 'geekblue',
  travelling: 'purple',
  on_site: 'processing',
  waiting_customer: 'gold',
  waiting_parts: 'orange',
  resolved: 'green',
  follow_up: 'lime',
  closed: 'default',
  cancelled: 'default',
  reopened: 'magenta',
};

export const PRIORITY_COLORS: Record<TServiceRequestPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const CLOCK_STATE_COLORS: Record<TSlaClockState, string> = {
  running: 'processing',
  paused: 'default',
  met: 'success',
  at_risk: 'warning',
  breached: 'error',
};

/** Actions that move work forward get the primary look; the rest are secondary. */
export const FORWARD_ACTIONS: readonly TServiceRequestAction[] = [
  'issue',
  'accept',
  'schedule',
  'depart',
  'arrive',
  'resume',
  'resolve',
  'follow_up',
  'close',
];
/** Actions that ask for a reason first (kept with the pause or in the history). */
export const REASON_ACTIONS: readonly TServiceRequestAction[] = ['wait_customer', 'wait_parts', 'cancel', 'reopen', 'resolve', 'close'];
/** Steps whose text is required: what was done (resolve), what came of it (close). */
export const TEXT_REQUIRED_ACTIONS: readonly TServiceRequestAction[] = ['resolve', 'close'];
