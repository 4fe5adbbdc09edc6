/**
 * A service request's states and the groups of them, and its SLA clocks' kinds, without zod: pages that only show or test a
 * state (the request's detail page on a phone) load these, not the schema library
 * (service-request-workflow.ts re-exports them beside the schemas).
 */

// ── States (spec: "Workflow state names") ──

export const SERVICE_REQUEST_STATES = [
  'draft',
  'issued',
  'accepted',
  'scheduled',
  'travelling',
  'on_site',
  'waiting_customer',
  'waiting_parts',
  'resolved',
  'follow_up',
  'closed',
  'cancelled',
  'reopened',
] as const;
export type TServiceRequestState = (typeof SERVICE_REQUEST_STATES)[number];

/** States in which the SLA clocks stop: the wait is the customer's, not ours. Waiting for parts is ours and keeps counting. */
export const SLA_PAUSING_STATES = ['waiting_customer'] as const satisfies readonly TServiceRequestState[];
/** States with no way out but `reopen` (from closed only). */
export const TERMINAL_STATES = ['closed', 'cancelled'] as const satisfies readonly TServiceRequestState[];

/** States in which a request still takes an engineer's time (double booking, my work, the board). */
export const ACTIVE_STATES = [
  'draft',
  'issued',
  'accepted',
  'scheduled',
  'travelling',
  'on_site',
  'waiting_customer',
  'waiting_parts',
  'reopened',
] as const satisfies readonly TServiceRequestState[];
/** States in which a request takes visits: it has been issued and is not yet resolved (the visits' page and server agree). */
export const VISITABLE_STATES: readonly TServiceRequestState[] = ACTIVE_STATES.filter((s) => s !== 'draft');
/** States in which a request waits for the dispatcher: not yet scheduled with an engineer. */
export const WAITING_FOR_DISPATCH_STATES = ['draft', 'issued', 'accepted', 'reopened'] as const satisfies readonly TServiceRequestState[];

export function isSlaPausingState(state: TServiceRequestState): boolean {
  return (SLA_PAUSING_STATES as readonly TServiceRequestState[]).includes(state);
}

export function isTerminalState(state: TServiceRequestState): boolean {
  return (TERMINAL_STATES as readonly TServiceRequestState[]).includes(state);
}

// ── SLA clocks (R-EMER-2): the kinds; their schemas are in sla.ts ──

export const SLA_CLOCK_KINDS = ['response', 'arrival', 'resolution'] as const;
export type TSlaClockKind = (typeof SLA_CLOCK_KINDS)[number];
