import { z } from 'zod';
import { ZTimestamp } from './common';
import { ZServiceCommitments } from './contracts';
import type { TRole } from './roles';

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
export const ZServiceRequestState = z.enum(SERVICE_REQUEST_STATES);
export type TServiceRequestState = z.infer<typeof ZServiceRequestState>;

export const SERVICE_REQUEST_STATE_LABELS: Record<TServiceRequestState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已下达', en: 'Issued' },
  accepted: { zh: '已接单', en: 'Accepted' },
  scheduled: { zh: '已排期', en: 'Scheduled' },
  travelling: { zh: '出发', en: 'Travelling' },
  on_site: { zh: '到场', en: 'On site' },
  waiting_customer: { zh: '等待客户', en: 'Waiting for customer' },
  waiting_parts: { zh: '等待备件', en: 'Waiting for parts' },
  resolved: { zh: '已解决', en: 'Resolved' },
  follow_up: { zh: '待回访', en: 'Follow-up' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  reopened: { zh: '重开', en: 'Reopened' },
};

/** States in which the SLA clocks stop: the wait is the customer's, not ours. Waiting for parts is ours and keeps counting. */
export const SLA_PAUSING_STATES = ['waiting_customer'] as const satisfies readonly TServiceRequestState[];
/** States with no way out but `reopen` (from closed only). */
export const TERMINAL_STATES = ['closed', 'cancelled'] as const satisfies readonly TServiceRequestState[];

export function isSlaPausingState(state: TServiceRequestState): boolean {
  return (SLA_PAUSING_STATES as readonly TServiceRequestState[]).includes(state);
}

export function isTerminalState(state: TServiceRequestState): boolean {
  return (TERMINAL_STATES as readonly TServiceRequestState[]).includes(state);
}

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

export const SERVICE_REQUEST_KIND_LABELS: Record<TServiceRequestKind, { zh: string; en: string }> = {
  goods_inspection: { zh: '货品检验', en: 'Goods inspection' },
  installation: { zh: '安装', en: 'Installation' },
  emergency_repair: { zh: '突发响应保修', en: 'Emergency warranty response' },
  preventive_maintenance: { zh: '例行检查/预防性维护', en: 'Routine inspection / Preventive maintenance' },
  training: { zh: '培训', en: 'Training' },
  consulting: { zh: '技术咨询', en: 'Technical consulting' },
  outsourcing: { zh: '外包服务', en: 'Outsourcing' },
  spare_parts: { zh: '备品备件', en: 'Spare parts' },
};

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

export const SERVICE_REQUEST_ACTION_LABELS: Record<TServiceRequestAction, { zh: string; en: string }> = {
  issue: { zh: '下达', en: 'Issue' },
  accept: { zh: '接单', en: 'Accept' },
  schedule: { zh: '排期', en: 'Schedule' },
  depart: { zh: '出发', en: 'Depart' },
  arrive: { zh: '到场', en: 'Arrive' },
  wait_customer: { zh: '等待客户', en: 'Wait for customer' },
  wait_parts: { zh: '等待备件', en: 'Wait for parts' },
  resume: { zh: '恢复处理', en: 'Resume' },
  resolve: { zh: '解决', en: 'Resolve' },
  follow_up: { zh: '转回访', en: 'To follow-up' },
  close: { zh: '关闭', en: 'Close' },
  cancel: { zh: '取消', en: 'Cancel' },
  reopen: { zh: '重开', en: 'Reopen' },
};

// ── The acting user's relation to one record ──

/** Who, besides holding a role, must take a transition: the record's responsible engineer, its issuer, or its responsible or backup engineer (R-PM-3). */
export const ACTOR_REQUIREMENTS = ['responsible', 'issuer', 'responsible_or_backup'] as const;
export type TActorRequirement = (typeof ACTOR_REQUIREMENTS)[number];

export const ZActorRelation = z.object({
  isResponsible: z.boolean(),
  isBackup: z.boolean(),
  isIssuer: z.boolean(),
});
export type TActorRelation = z.infer<typeof ZActorRelation>;

export const NO_RELATION: TActorRelation = Object.freeze({ isResponsible: false, isBackup: false, isIssuer: false });

// ── Transition tables (one declarative shape for every workflow) ──

/**
 * One row: `action` moves a record from any of `from` to `to`, for a user holding one of
 * `roles` (and, when set, standing in the `actorMustBe` relation to the record). An action
 * may have several rows when roles differ in what they must be: an engineer schedules only
 * his own request, a manager any.
 */
export interface TTransition<S extends string, A extends string> {
  readonly action: A;
  readonly from: readonly S[];
  readonly to: S;
  readonly roles: readonly TRole[];
  readonly actorMustBe?: TActorRequirement;
  /** The record returns to the state it was paused from, when that is known; `to` otherwise. */
  readonly returnsToPausedFrom?: true;
}

export const TRANSITION_REFUSALS = ['illegal_transition', 'role_not_allowed', 'not_assigned'] as const;
export type TTransitionRefusal = (typeof TRANSITION_REFUSALS)[number];

export type TTransitionResult<S extends string, A extends string> =
  | { ok: true; to: S }
  | { ok: false; reason: TTransitionRefusal; from: S; action: A };

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

// ── Evaluating a table (shared by every workflow) ──

export function satisfiesActorRequirement(requirement: TActorRequirement | undefined, relation: TActorRelation): boolean {
  switch (requirement) {
    case undefined:
      return true;
    case 'responsible':
      return relation.isResponsible;
    case 'issuer':
      return relation.isIssuer;
    case 'responsible_or_backup':
      return relation.isResponsible || relation.isBackup;
  }
}

function holdsRole(row: TTransition<string, string>, roles: readonly TRole[]): boolean {
  return row.roles.some((r) => roles.includes(r));
}

type TDecision<S extends string, A extends string> = { ok: true; row: TTransition<S, A> } | { ok: false; reason: TTransitionRefusal };

/**
 * The most specific refusal wins: no row from this state → illegal; rows but none of the
 * user's roles → role; a role but not the required relation → not assigned.
 */
function decide<S extends string, A extends string>(
  table: readonly TTransition<S, A>[],
  state: S,
  action: A,
  roles: readonly TRole[],
  relation: TActorRelation,
): TDecision<S, A> {
  const rows = table.filter((t) => t.action === action && t.from.includes(state));
  if (rows.length === 0) return { ok: false, reason: 'illegal_transition' };
  const withRole = rows.filter((t) => holdsRole(t, roles));
  if (withRole.length === 0) return { ok: false, reason: 'role_not_allowed' };
  const row = withRole.find((t) => satisfiesActorRequirement(t.actorMustBe, relation));
  return row ? { ok: true, row } : { ok: false, reason: 'not_assigned' };
}

function actionsAllowed<S extends string, A extends string>(
  table: readonly TTransition<S, A>[],
  state: S,
  roles: readonly TRole[],
  relation: TActorRelation,
): A[] {
  const actions: A[] = [];
  for (const t of table) {
    if (actions.includes(t.action) || !t.from.includes(state)) continue;
    if (holdsRole(t, roles) && satisfiesActorRequirement(t.actorMustBe, relation)) actions.push(t.action);
  }
  return actions;
}

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

// ── Task Request Form 任务要求单 (R-ORG-3: the technical manager's plan when not urgent) ──

export const TASK_REQUEST_STATES = ['draft', 'issued', 'in_progress', 'done', 'cancelled'] as const;
export const ZTaskRequestState = z.enum(TASK_REQUEST_STATES);
export type TTaskRequestState = z.infer<typeof ZTaskRequestState>;

export const TASK_REQUEST_STATE_LABELS: Record<TTaskRequestState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已下达', en: 'Issued' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const TASK_REQUEST_ACTIONS = ['issue', 'start', 'complete', 'cancel'] as const;
export const ZTaskRequestAction = z.enum(TASK_REQUEST_ACTIONS);
export type TTaskRequestAction = z.infer<typeof ZTaskRequestAction>;

export const TASK_REQUEST_ACTION_LABELS: Record<TTaskRequestAction, { zh: string; en: string }> = {
  issue: { zh: '下达', en: 'Issue' },
  start: { zh: '开始', en: 'Start' },
  complete: { zh: '完成', en: 'Complete' },
  cancel: { zh: '取消', en: 'Cancel' },
};

export type TTaskRequestTransition = TTransition<TTaskRequestState, TTaskRequestAction>;

/** The assignee (an engineer or a project manager) starts and completes; the technical manager issues, may complete, and cancels. */
export const TASK_REQUEST_TRANSITIONS: readonly TTaskRequestTransition[] = [
  { action: 'issue', from: ['draft'], to: 'issued', roles: ['tech_manager'] },
  { action: 'start', from: ['issued'], to: 'in_progress', roles: ['engineer', 'project_manager'], actorMustBe: 'responsible' },
  { action: 'complete', from: ['in_progress'], to: 'done', roles: ['engineer', 'project_manager'], actorMustBe: 'responsible' },
  { action: 'complete', from: ['in_progress'], to: 'done', roles: ['tech_manager'] },
  { action: 'cancel', from: ['draft', 'issued', 'in_progress'], to: 'cancelled', roles: ['tech_manager'] },
];

export function allowedTaskActions(state: TTaskRequestState, roles: readonly TRole[], relation: TActorRelation): TTaskRequestAction[] {
  return actionsAllowed(TASK_REQUEST_TRANSITIONS, state, roles, relation);
}

export function applyTaskAction(
  state: TTaskRequestState,
  action: TTaskRequestAction,
  roles: readonly TRole[],
  relation: TActorRelation,
): TTransitionResult<TTaskRequestState, TTaskRequestAction> {
  const d = decide(TASK_REQUEST_TRANSITIONS, state, action, roles, relation);
  return d.ok ? { ok: true, to: d.row.to } : { ok: false, reason: d.reason, from: state, action };
}

// ── SLA clocks (R-EMER-2, R-EMER-8, R-EMER-9) ──

export const SLA_CLOCK_KINDS = ['response', 'arrival', 'resolution'] as const;
export type TSlaClockKind = (typeof SLA_CLOCK_KINDS)[number];
export const SLA_CLOCK_KIND_LABELS: Record<TSlaClockKind, { zh: string; en: string }> = {
  response: { zh: '响应', en: 'Response' },
  arrival: { zh: '到场', en: 'Arrival' },
  resolution: { zh: '解决', en: 'Resolution' },
};

export const SLA_CLOCK_STATES = ['running', 'paused', 'met', 'at_risk', 'breached'] as const;
export const ZSlaClockState = z.enum(SLA_CLOCK_STATES);
export type TSlaClockState = z.infer<typeof ZSlaClockState>;
export const SLA_CLOCK_STATE_LABELS: Record<TSlaClockState, { zh: string; en: string }> = {
  running: { zh: '计时中', en: 'Running' },
  paused: { zh: '已暂停', en: 'Paused' },
  met: { zh: '已达成', en: 'Met' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  breached: { zh: '已超时', en: 'Breached' },
};

/** One SLA clock as the API sends it. `remainingMinutes` is negative once overdue. */
export const ZSlaClock = z.object({
  dueAt: ZTimestamp,
  warnAt: ZTimestamp,
  elapsedMinutes: z.number(),
  remainingMinutes: z.number(),
  state: ZSlaClockState,
});
export type TSlaClockDto = z.infer<typeof ZSlaClock>;

// ── Service Request Form 服务要求单: the API's shapes (R-FLOW-1, R-EMER-1/2, R-PM-3) ──

export const SERVICE_REQUEST_ORIGINS = ['call', 'contract', 'pm_plan', 'manual'] as const;
export const ZServiceRequestOrigin = z.enum(SERVICE_REQUEST_ORIGINS);
export type TServiceRequestOrigin = z.infer<typeof ZServiceRequestOrigin>;

export const SERVICE_REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ZServiceRequestPriority = z.enum(SERVICE_REQUEST_PRIORITIES);
export type TServiceRequestPriority = z.infer<typeof ZServiceRequestPriority>;
export const SERVICE_REQUEST_PRIORITY_LABELS: Record<TServiceRequestPriority, { zh: string; en: string }> = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '普通', en: 'Normal' },
  high: { zh: '高', en: 'High' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

/** Kinds delivered at the customer's site: a remote-only contract (R-SCOPE-2) does not promise them (R-EMER-3). */
export const ONSITE_REQUEST_KINDS: readonly TServiceRequestKind[] = ['installation', 'emergency_repair', 'preventive_maintenance'];

/** The SLA standing of a request as of the last sweep: what `?sla=` filters on. */
export const SLA_STATUSES = ['ok', 'at_risk', 'breached'] as const;
export type TSlaStatus = (typeof SLA_STATUSES)[number];

/** Warnings do not refuse the write; the form shows them. */
export const SERVICE_REQUEST_WARNINGS = {
  SR_REMOTE_ONLY_CONTRACT: {
    zh: 'R-EMER-3：该合同仅含远程支持，现场服务不在合同承诺内',
    en: 'R-EMER-3: the contract promises remote support only; on-site work is outside its commitments',
  },
  SR_CONTRACT_NOT_ACTIVE: { zh: 'R-EMER-3：该合同不在执行中', en: 'R-EMER-3: the contract is not active' },
  SR_DOUBLE_BOOKED: {
    zh: '该工程师在此时间已有其他服务安排',
    en: 'The engineer already has other work planned at this time',
  },
  SR_ENGINEER_ON_LEAVE: { zh: '该工程师当天请假', en: 'The engineer is on leave that day' },
} as const;
export type TServiceRequestWarningCode = keyof typeof SERVICE_REQUEST_WARNINGS;
export const ZServiceRequestWarning = z.object({
  code: z.enum(Object.keys(SERVICE_REQUEST_WARNINGS) as [TServiceRequestWarningCode, ...TServiceRequestWarningCode[]]),
  message: z.string(),
  /** Other requests involved (double booking). */
  refs: z.array(z.object({ id: z.number().int(), number: z.string() })).default([]),
});
export type TServiceRequestWarning = z.infer<typeof ZServiceRequestWarning>;

const ZRef = z.object({ id: z.number().int(), name: z.string() });
/** An instant as sent by clients: any ISO-8601 with offset; stored as UTC. */
export const ZInstantInput = z.iso.datetime({ offset: true });
const ZDateInput = z.iso.date();

export const ZServiceRequestEquipment = z.object({
  id: z.number().int(),
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  sn: z.string().nullable(),
});

export const ZServiceRequest = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: ZServiceRequestKind,
  state: ZServiceRequestState,
  origin: ZServiceRequestOrigin,
  originRef: z.string().nullable(),
  customer: ZRef,
  contract: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  project: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  projectManager: ZRef.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  siteAddress: z.string().nullable(),
  description: z.string(),
  issuedBy: ZRef.nullable(),
  responsibleEngineer: ZRef.nullable(),
  backupEngineer: ZRef.nullable(),
  requestedDate: z.string().nullable(),
  plannedStart: ZTimestamp.nullable(),
  plannedEnd: ZTimestamp.nullable(),
  /** R-EMER-2: the time agreed with the customer. */
  agreedArrivalAt: ZTimestamp.nullable(),
  priority: ZServiceRequestPriority,
  remarks: z.string().nullable(),
  pausedFrom: ZServiceRequestState.nullable(),
  /** R-EMER-1: dispatched by phone, form still to be completed. */
  incomplete: z.boolean(),
  slaStatus: z.enum(SLA_STATUSES).nullable(),
  issuedAt: ZTimestamp.nullable(),
  respondedAt: ZTimestamp.nullable(),
  arrivedAt: ZTimestamp.nullable(),
  resolvedAt: ZTimestamp.nullable(),
  closedAt: ZTimestamp.nullable(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TServiceRequest = z.infer<typeof ZServiceRequest>;

export const ZServiceRequestPause = z.object({
  id: z.number().int(),
  state: ZServiceRequestState,
  pausedFrom: ZServiceRequestState.nullable(),
  from: ZTimestamp,
  to: ZTimestamp.nullable(),
  reason: z.string().nullable(),
  by: ZRef.nullable(),
});

export const ZServiceRequestDetail = ZServiceRequest.extend({
  equipment: z.array(ZServiceRequestEquipment),
  /** What the caller may do now (the workflow table, the caller's roles and relation). */
  allowedActions: z.array(ZServiceRequestAction),
  sla: z.object({ response: ZSlaClock.nullable(), arrival: ZSlaClock.nullable(), resolution: ZSlaClock.nullable() }),
  pauses: z.array(ZServiceRequestPause),
  warnings: z.array(ZServiceRequestWarning),
});
export type TServiceRequestDetail = z.infer<typeof ZServiceRequestDetail>;

const srFields = {
  kind: ZServiceRequestKind,
  customerId: z.number().int().positive(),
  contractId: z.number().int().positive().nullable(),
  origin: ZServiceRequestOrigin,
  originRef: z.string().trim().max(100).nullable(),
  contactName: z.string().trim().max(100).nullable(),
  contactPhone: z.string().trim().max(60).nullable(),
  siteAddress: z.string().trim().max(500).nullable(),
  description: z.string().trim().min(1).max(8000),
  equipmentIds: z.array(z.number().int().positive()).max(500),
  responsibleEngineerId: z.number().int().positive().nullable(),
  backupEngineerId: z.number().int().positive().nullable(),
  projectId: z.number().int().positive().nullable(),
  requestedDate: ZDateInput.nullable(),
  plannedStart: ZInstantInput.nullable(),
  plannedEnd: ZInstantInput.nullable(),
  agreedArrivalAt: ZInstantInput.nullable(),
  priority: ZServiceRequestPriority,
  remarks: z.string().trim().max(4000).nullable(),
};

/** The full form. `issue: true` issues it at once (the issuer must hold `service_requests.issue`). */
export const ZCreateServiceRequestForm = z.strictObject({
  urgent: z.literal(false).optional(),
  kind: srFields.kind,
  customerId: srFields.customerId,
  contractId: srFields.contractId.optional(),
  origin: srFields.origin.default('manual'),
  originRef: srFields.originRef.optional(),
  contactName: srFields.contactName.optional(),
  contactPhone: srFields.contactPhone.optional(),
  siteAddress: srFields.siteAddress.optional(),
  description: srFields.description,
  equipmentIds: srFields.equipmentIds.default([]),
  responsibleEngineerId: srFields.responsibleEngineerId.optional(),
  backupEngineerId: srFields.backupEngineerId.optional(),
  projectId: srFields.projectId.optional(),
  requestedDate: srFields.requestedDate.optional(),
  plannedStart: srFields.plannedStart.optional(),
  plannedEnd: srFields.plannedEnd.optional(),
  agreedArrivalAt: srFields.agreedArrivalAt.optional(),
  priority: srFields.priority.default('normal'),
  remarks: srFields.remarks.optional(),
  issue: z.boolean().default(false),
});

/** R-EMER-1: urgent dispatch by phone — customer, symptom and engineer; the form is completed after. */
export const ZCreateUrgentServiceRequest = z.strictObject({
  urgent: z.literal(true),
  kind: srFields.kind.default('emergency_repair'),
  customerId: srFields.customerId,
  description: srFields.description,
  responsibleEngineerId: z.number().int().positive(),
  contactPhone: srFields.contactPhone.optional(),
});

export const ZCreateServiceRequest = z.union([ZCreateUrgentServiceRequest, ZCreateServiceRequestForm]);
export type TCreateServiceRequest = z.infer<typeof ZCreateServiceRequest>;
export type TCreateServiceRequestForm = z.infer<typeof ZCreateServiceRequestForm>;

/** Edits the form (not the state: that goes through actions). Completing an urgent request's form clears `incomplete`. */
export const ZUpdateServiceRequest = z.strictObject({
  version: z.number().int(),
  kind: srFields.kind.optional(),
  contractId: srFields.contractId.optional(),
  originRef: srFields.originRef.optional(),
  contactName: srFields.contactName.optional(),
  contactPhone: srFields.contactPhone.optional(),
  siteAddress: srFields.siteAddress.optional(),
  description: srFields.description.optional(),
  equipmentIds: srFields.equipmentIds.optional(),
  responsibleEngineerId: srFields.responsibleEngineerId.optional(),
  backupEngineerId: srFields.backupEngineerId.optional(),
  projectId: srFields.projectId.optional(),
  requestedDate: srFields.requestedDate.optional(),
  plannedStart: srFields.plannedStart.optional(),
  plannedEnd: srFields.plannedEnd.optional(),
  agreedArrivalAt: srFields.agreedArrivalAt.optional(),
  priority: srFields.priority.optional(),
  remarks: srFields.remarks.optional(),
});
export type TUpdateServiceRequest = z.infer<typeof ZUpdateServiceRequest>;

/** A workflow step. `reason` is kept with a pause; `plannedStart/End` with `schedule`. */
export const ZServiceRequestStep = z.strictObject({
  version: z.number().int().optional(),
  reason: z.string().trim().max(2000).optional(),
  plannedStart: ZInstantInput.optional(),
  plannedEnd: ZInstantInput.optional(),
});
export type TServiceRequestStep = z.infer<typeof ZServiceRequestStep>;
export const ZServiceRequestStepParams = z.strictObject({ id: z.coerce.number().int().positive(), action: ZServiceRequestAction });

export const SERVICE_REQUEST_SORTS = ['-createdAt', 'createdAt', 'plannedStart', '-plannedStart', 'number', '-number'] as const;

const ZCsvOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).min(1).max(20));

export const ZServiceRequestQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    /** One state or several, comma-separated: `state=issued,accepted`. */
    state: ZCsvOf(ZServiceRequestState).optional(),
    kind: ZServiceRequestKind.optional(),
    /** Responsible or backup engineer. */
    engineerId: z.coerce.number().int().positive().optional(),
    customerId: z.coerce.number().int().positive().optional(),
    contractId: z.coerce.number().int().positive().optional(),
    projectId: z.coerce.number().int().positive().optional(),
    incomplete: z.enum(['true', 'false']).optional(),
    sla: z.enum(['breached', 'at_risk']).optional(),
    /** Number, description, customer name or contact contains. */
    q: z.string().trim().max(100).optional(),
    sort: z.enum(SERVICE_REQUEST_SORTS).default('-createdAt'),
  })
  .strict();
export type TServiceRequestQuery = z.infer<typeof ZServiceRequestQuery>;

// ── Dispatch (R-ORG-3: the technical manager assigns work) ──

export const ZAssignServiceRequest = z.strictObject({
  engineerId: z.number().int().positive(),
  backupEngineerId: z.number().int().positive().nullable().optional(),
  /** The day of the work; without times it is planned for the working hours of that day. */
  date: ZDateInput,
  plannedStart: ZInstantInput.optional(),
  plannedEnd: ZInstantInput.optional(),
  version: z.number().int().optional(),
});
export type TAssignServiceRequest = z.infer<typeof ZAssignServiceRequest>;

/** R-PM-3: set (or, with null, clear) the backup engineer alone, from the dispatch board. */
export const ZSetBackupEngineer = z.strictObject({
  backupEngineerId: z.number().int().positive().nullable(),
  version: z.number().int().optional(),
});
export type TSetBackupEngineer = z.infer<typeof ZSetBackupEngineer>;

export const ZDispatchQuery = z
  .object({
    from: ZDateInput,
    to: ZDateInput,
    /** The customer's region. */
    region: z.string().trim().max(50).optional(),
    kind: ZServiceRequestKind.optional(),
  })
  .strict();
export type TDispatchQuery = z.infer<typeof ZDispatchQuery>;

export const ZDispatchItem = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: ZServiceRequestKind,
  state: ZServiceRequestState,
  priority: ZServiceRequestPriority,
  customer: ZRef,
  region: z.string().nullable(),
  plannedStart: ZTimestamp,
  plannedEnd: ZTimestamp,
  role: z.enum(['responsible', 'backup']),
  responsibleEngineer: ZRef.nullable(),
  backupEngineer: ZRef.nullable(),
});
export const ZDispatchBoard = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.string()),
  engineers: z.array(
    z.object({
      engineer: ZRef,
      days: z.array(
        z.object({ date: z.string(), onLeave: z.boolean(), hours: z.number(), count: z.number().int(), items: z.array(ZDispatchItem) }),
      ),
      totalHours: z.number(),
      totalCount: z.number().int(),
    }),
  ),
});
export type TDispatchBoard = z.infer<typeof ZDispatchBoard>;

export const ZCreateEngineerLeave = z.strictObject({
  userId: z.number().int().positive(),
  fromDate: ZDateInput,
  toDate: ZDateInput,
  reason: z.string().trim().max(500).nullable().optional(),
});
export const ZEngineerLeave = z.object({
  id: z.number().int(),
  user: ZRef,
  fromDate: z.string(),
  toDate: z.string(),
  reason: z.string().nullable(),
  createdAt: ZTimestamp,
});

// ── Escalations (R-EMER-8/9: call the technical manager; R-ORG-3: complaints need improvement measures) ──

export const ESCALATION_KINDS = ['cannot_solve_in_time', 'extra_work_requested', 'complaint', 'other_incident'] as const;
export const ZEscalationKind = z.enum(ESCALATION_KINDS);
export type TEscalationKind = z.infer<typeof ZEscalationKind>;
export const ESCALATION_KIND_LABELS: Record<TEscalationKind, { zh: string; en: string }> = {
  cannot_solve_in_time: { zh: '无法按时解决', en: 'Cannot solve in time' },
  extra_work_requested: { zh: '客户要求额外工作', en: 'Customer asks for extra work' },
  complaint: { zh: '客户投诉 / 不接受进度', en: 'Customer complaint / cannot accept the speed' },
  other_incident: { zh: '其他突发情况', en: 'Other incident' },
};
export const ESCALATION_STATES = ['open', 'acknowledged', 'closed'] as const;
export const ZEscalationState = z.enum(ESCALATION_STATES);

export const ZEscalation = z.object({
  id: z.number().int(),
  serviceRequest: z.object({ id: z.number().int(), number: z.string() }),
  kind: ZEscalationKind,
  text: z.string(),
  state: ZEscalationState,
  raisedBy: ZRef.nullable(),
  raisedAt: ZTimestamp,
  acknowledgedBy: ZRef.nullable(),
  acknowledgedAt: ZTimestamp.nullable(),
  closedBy: ZRef.nullable(),
  closedAt: ZTimestamp.nullable(),
  improvementMeasure: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  version: z.number().int(),
});
export type TEscalation = z.infer<typeof ZEscalation>;

export const ZRaiseEscalation = z.strictObject({ kind: ZEscalationKind, text: z.string().trim().min(1).max(4000) });
export type TRaiseEscalation = z.infer<typeof ZRaiseEscalation>;
export const ZCloseEscalation = z.strictObject({
  improvementMeasure: z.string().trim().max(4000).optional(),
  resolutionNote: z.string().trim().max(4000).optional(),
});
export type TCloseEscalation = z.infer<typeof ZCloseEscalation>;
export const ZEscalationQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    state: ZEscalationState.optional(),
    kind: ZEscalationKind.optional(),
    serviceRequestId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type TEscalationQuery = z.infer<typeof ZEscalationQuery>;

// ── My work (the engineer's phone view) ──

export const ZMyWorkItem = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: ZServiceRequestKind,
  state: ZServiceRequestState,
  priority: ZServiceRequestPriority,
  role: z.enum(['responsible', 'backup']),
  customer: ZRef,
  siteAddress: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  description: z.string(),
  plannedStart: ZTimestamp.nullable(),
  plannedEnd: ZTimestamp.nullable(),
  agreedArrivalAt: ZTimestamp.nullable(),
  equipment: z.array(ZServiceRequestEquipment),
  contract: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  /** The contract's commitments (entitlement, R-EMER-3); no price, whoever reads. */
  commitments: ZServiceCommitments.nullable(),
  allowedActions: z.array(ZServiceRequestAction),
});
export const ZMyWork = z.object({ today: z.string(), todayItems: z.array(ZMyWorkItem), upcoming: z.array(ZMyWorkItem) });
export type TMyWork = z.infer<typeof ZMyWork>;
