import { z } from 'zod';
import type { TRole } from './roles';
import { SERVICE_REQUEST_STATES, type TServiceRequestState } from './service-request-states';
import { type TActorRelation, type TTransition, type TTransitionResult, actionsAllowed, decide } from './workflow';

// ── States (spec: "Workflow state names"): the names in service-request-states.ts, zod-free ──

export {
  ACTIVE_STATES,
  SERVICE_REQUEST_STATES,
  SLA_PAUSING_STATES,
  TERMINAL_STATES,
  type TServiceRequestState,
  WAITING_FOR_DISPATCH_STATES,
  isSlaPausingState,
  isTerminalState,
} from './service-request-states';
export const ZServiceRequestState = z.enum(SERVICE_REQUEST_STATES);

// ── Kinds (seed §5: one per service procedure) ──

export const SERVICE_REQUEST_KINDS = [
  'goods_inspection',
  'installation',
  'emergency_repair',
  'preventive_maintenance',
  'training',
  'consulting',
  'outsourcing',
  'spare_parts',
] as const;
export const ZServiceRequestKind = z.enum(SERVICE_REQUEST_KINDS);
export type TServiceRequestKind = z.infer<typeof ZServiceRequestKind>;

// ── Actions ──

export const SERVICE_REQUEST_ACTIONS = [
  'issue',
  'accept',
  'schedule',
  'depart',
  'arrive',
  'wait_customer',
  'wait_parts',
  'resume',
  'resolve',
  'follow_up',
  'close',
  'cancel',
  'reopen',
] as const;
export const ZServiceRequestAction = z.enum(SERVICE_REQUEST_ACTIONS);
export type TServiceRequestAction = z.infer<typeof ZServiceRequestAction>;

export type TServiceRequestTransition = TTransition<TServiceRequestState, TServiceRequestAction>;

const ISSUERS = ['sales', 'tech_manager'] as const satisfies readonly TRole[];
const ENGINEER = ['engineer'] as const satisfies readonly TRole[];
const MANAGERS = ['tech_manager', 'project_manager'] as const satisfies readonly TRole[];

/**
 * The service request workflow (R-FLOW-1, R-ORG-3, R-EMER-1..9). Engineer rows require the
 * engineer to be the request's responsible or backup engineer; manager rows do not.
 *
 * - `resume` returns to the state the request was paused from (waiting for the customer can
 *   start before the visit); `on_site` when that state is not known.
 * - `resolve` from `accepted`: remote resolution, preferred (R-CALL-3).
 * - `close` is the technical manager's, once the follow-up call (R-INST-10) is done.
 * - `cancel`: the technical manager any time before work starts; sales only what it issued.
 */
export const SERVICE_REQUEST_TRANSITIONS: readonly TServiceRequestTransition[] = [
  { action: 'issue', from: ['draft'], to: 'issued', roles: ISSUERS },
  { action: 'accept', from: ['issued', 'reopened'], to: 'accepted', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  { action: 'schedule', from: ['accepted'], to: 'scheduled', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  { action: 'schedule', from: ['accepted'], to: 'scheduled', roles: MANAGERS },
  { action: 'depart', from: ['scheduled'], to: 'travelling', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  { action: 'arrive', from: ['travelling', 'scheduled'], to: 'on_site', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  {
    action: 'wait_customer',
    from: ['on_site', 'accepted', 'scheduled'],
    to: 'waiting_customer',
    roles: ENGINEER,
    actorMustBe: 'responsible_or_backup',
  },
  { action: 'wait_customer', from: ['on_site', 'accepted', 'scheduled'], to: 'waiting_customer', roles: MANAGERS },
  { action: 'wait_parts', from: ['on_site'], to: 'waiting_parts', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  { action: 'wait_parts', from: ['on_site'], to: 'waiting_parts', roles: MANAGERS },
  {
    action: 'resume',
    from: ['waiting_customer', 'waiting_parts'],
    to: 'on_site',
    roles: ENGINEER,
    actorMustBe: 'responsible_or_backup',
    returnsToPausedFrom: true,
  },
  { action: 'resume', from: ['waiting_customer', 'waiting_parts'], to: 'on_site', roles: MANAGERS, returnsToPausedFrom: true },
  { action: 'resolve', from: ['on_site', 'accepted'], to: 'resolved', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  { action: 'follow_up', from: ['resolved'], to: 'follow_up', roles: ENGINEER, actorMustBe: 'responsible_or_backup' },
  { action: 'follow_up', from: ['resolved'], to: 'follow_up', roles: MANAGERS },
  { action: 'close', from: ['follow_up'], to: 'closed', roles: ['tech_manager'] },
  { action: 'cancel', from: ['draft', 'issued', 'accepted', 'scheduled'], to: 'cancelled', roles: ['tech_manager'] },
  { action: 'cancel', from: ['draft', 'issued', 'accepted', 'scheduled'], to: 'cancelled', roles: ['sales'], actorMustBe: 'issuer' },
  { action: 'reopen', from: ['resolved', 'follow_up', 'closed'], to: 'reopened', roles: ['tech_manager', 'sales', 'receiver'] },
];

export interface TKindVariation {
  /** Actions this kind never takes. */
  readonly disabledActions?: readonly TServiceRequestAction[];
  /** Extra states an action may start from for this kind (same roles and target as its rows). */
  readonly extraFrom?: Partial<Record<TServiceRequestAction, readonly TServiceRequestState[]>>;
}

/**
 * How each kind differs from the common table. Every kind may skip `travelling`
 * (`arrive` from `scheduled`), which remote training and consulting do.
 */
export const SERVICE_REQUEST_KIND_VARIATIONS: Record<TServiceRequestKind, TKindVariation> = {
  goods_inspection: {},
  installation: {},
  // R-EMER-1: urgent work is ordered by phone and the form filled after — the engineer accepts
  // the draft directly; and he may leave at once, without a scheduled slot.
  emergency_repair: { extraFrom: { accept: ['draft'], depart: ['accepted'] } },
  preventive_maintenance: {},
  training: { disabledActions: ['wait_parts'] },
  consulting: { disabledActions: ['wait_parts'] },
  outsourcing: {},
  // The part may have to be ordered before any visit.
  spare_parts: { extraFrom: { wait_parts: ['accepted'] } },
};

function tableForKind(kind: TServiceRequestKind): readonly TServiceRequestTransition[] {
  const variation = SERVICE_REQUEST_KIND_VARIATIONS[kind];
  return SERVICE_REQUEST_TRANSITIONS.filter((t) => !variation.disabledActions?.includes(t.action)).map((t) => {
    const extra = variation.extraFrom?.[t.action];
    return extra ? { ...t, from: [...t.from, ...extra.filter((s) => !t.from.includes(s))] } : t;
  });
}

/** The effective table of each kind: the common table with the kind's variation applied. */
export const SERVICE_REQUEST_TRANSITIONS_BY_KIND: Record<TServiceRequestKind, readonly TServiceRequestTransition[]> = Object.fromEntries(
  SERVICE_REQUEST_KINDS.map((k) => [k, tableForKind(k)]),
) as Record<TServiceRequestKind, readonly TServiceRequestTransition[]>;

// ── Service requests ──

/** The states a request in `state` may have been paused from (the sources of the rows entering it). */
export function pausedFromStatesOf(state: TServiceRequestState, kind: TServiceRequestKind): TServiceRequestState[] {
  const sources = new Set<TServiceRequestState>();
  for (const t of SERVICE_REQUEST_TRANSITIONS_BY_KIND[kind])
    if (t.to === state && !t.returnsToPausedFrom) for (const s of t.from) sources.add(s);
  return SERVICE_REQUEST_STATES.filter((s) => sources.has(s));
}

/** The actions a user may take on a request now, in table order: what the UI offers. */
export function allowedActions(
  state: TServiceRequestState,
  kind: TServiceRequestKind,
  roles: readonly TRole[],
  relation: TActorRelation,
): TServiceRequestAction[] {
  return actionsAllowed(SERVICE_REQUEST_TRANSITIONS_BY_KIND[kind], state, roles, relation);
}

export interface TApplyOptions {
  /** The state the request entered its current waiting state from (stored with the request); `resume` returns there. */
  pausedFrom?: TServiceRequestState | null;
}

/**
 * Where `action` takes a request, or why it may not. Pure: the caller stores the new state
 * (and, on entering a waiting state, the state it came from, for `resume`).
 */
export function applyAction(
  state: TServiceRequestState,
  kind: TServiceRequestKind,
  action: TServiceRequestAction,
  roles: readonly TRole[],
  relation: TActorRelation,
  options: TApplyOptions = {},
): TTransitionResult<TServiceRequestState, TServiceRequestAction> {
  const d = decide(SERVICE_REQUEST_TRANSITIONS_BY_KIND[kind], state, action, roles, relation);
  if (!d.ok) return { ok: false, reason: d.reason, from: state, action };
  const pausedFrom = options.pausedFrom;
  if (d.row.returnsToPausedFrom && pausedFrom && pausedFromStatesOf(state, kind).includes(pausedFrom)) return { ok: true, to: pausedFrom };
  return { ok: true, to: d.row.to };
}
