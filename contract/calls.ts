import { z } from 'zod';
import { singleLineText } from './text';
import { ZInstantInput, ZNumberRef, ZPageQuery, ZRef, ZTimestamp } from './common';
import { ZIsoDate, ZServiceCommitments } from './contracts';
import type { TRole } from './roles';
import { ZDelivery } from './notification-delivery';
import { ZServiceRequestKind } from './service-request-workflow';
import { type TActorRelation, type TTransition, type TTransitionResult, actionsAllowed, decide } from './workflow';

// ── Phone support desk: the call record 来电记录 (R-CALL-1..6) ──

/**
 * `new` as recorded; `forwarded` to the technical manager or the customer's sales owner (R-CALL-1);
 * `remote` with an engineer handling it remotely (R-CALL-3/4); the rest are outcomes (R-CALL-6).
 * `chargeable` waits for the customer's answer: it may still be converted or declined.
 */
export const CALL_STATES = ['new', 'forwarded', 'remote', 'resolved', 'converted', 'chargeable', 'declined', 'duplicate'] as const;
export const ZCallState = z.enum(CALL_STATES);
export type TCallState = z.infer<typeof ZCallState>;

export const CALL_STATE_LABELS: Record<TCallState, { zh: string; en: string }> = {
  new: { zh: '新来电', en: 'New' },
  forwarded: { zh: '已转交', en: 'Forwarded' },
  remote: { zh: '远程处理中', en: 'Remote handling' },
  resolved: { zh: '远程已解决', en: 'Resolved remotely' },
  converted: { zh: '已转服务要求单', en: 'Converted' },
  chargeable: { zh: '已报有偿服务', en: 'Chargeable offered' },
  declined: { zh: '已婉拒', en: 'Declined' },
  duplicate: { zh: '重复来电', en: 'Duplicate' },
};

/** States a call no longer moves from, but `chargeable` (the customer may still accept). */
export const CALL_CLOSED_STATES: readonly TCallState[] = ['resolved', 'converted', 'declined', 'duplicate'];
/** States with an outcome (R-CALL-6): the resolution clock stops on entering one. */
export const CALL_OUTCOME_STATES: readonly TCallState[] = ['resolved', 'converted', 'chargeable', 'declined', 'duplicate'];

export const CALL_ACTIONS = ['forward', 'assign_remote', 'resolve', 'convert', 'offer_chargeable', 'decline', 'mark_duplicate'] as const;
export const ZCallAction = z.enum(CALL_ACTIONS);
export type TCallAction = z.infer<typeof ZCallAction>;

export const CALL_ACTION_LABELS: Record<TCallAction, { zh: string; en: string }> = {
  forward: { zh: '转交', en: 'Forward' },
  assign_remote: { zh: '安排远程处理', en: 'Handle remotely' },
  resolve: { zh: '远程解决', en: 'Resolved remotely' },
  convert: { zh: '转服务要求单（上门）', en: 'Convert to service request (on site)' },
  offer_chargeable: { zh: '报有偿服务', en: 'Offer chargeable service' },
  decline: { zh: '婉拒', en: 'Decline' },
  mark_duplicate: { zh: '标为重复', en: 'Mark duplicate' },
};

export type TCallTransition = TTransition<TCallState, TCallAction>;

const OPEN: TCallState[] = ['new', 'forwarded', 'remote'];
const MANAGERS: TRole[] = ['tech_manager', 'sales'];

/**
 * R-CALL-1: the receiver forwards; R-CALL-3: the technical manager or sales triage, preferring
 * remote handling (R-SCOPE-2); R-CALL-4/6: the engineer holding the call resolves it remotely.
 */
export const CALL_TRANSITIONS: readonly TCallTransition[] = [
  { action: 'forward', from: ['new', 'forwarded'], to: 'forwarded', roles: ['receiver', ...MANAGERS] },
  { action: 'assign_remote', from: OPEN, to: 'remote', roles: MANAGERS },
  { action: 'resolve', from: ['remote'], to: 'resolved', roles: ['engineer'], actorMustBe: 'responsible' },
  { action: 'resolve', from: ['remote'], to: 'resolved', roles: MANAGERS },
  { action: 'convert', from: [...OPEN, 'chargeable'], to: 'converted', roles: MANAGERS },
  { action: 'offer_chargeable', from: OPEN, to: 'chargeable', roles: MANAGERS },
  { action: 'decline', from: [...OPEN, 'chargeable'], to: 'declined', roles: MANAGERS },
  { action: 'mark_duplicate', from: OPEN, to: 'duplicate', roles: MANAGERS },
];

export function allowedCallActions(state: TCallState, roles: readonly TRole[], relation: TActorRelation): TCallAction[] {
  return actionsAllowed(CALL_TRANSITIONS, state, roles, relation);
}

export function applyCallAction(
  state: TCallState,
  action: TCallAction,
  roles: readonly TRole[],
  relation: TActorRelation,
): TTransitionResult<TCallState, TCallAction> {
  const d = decide(CALL_TRANSITIONS, state, action, roles, relation);
  return d.ok ? { ok: true, to: d.row.to } : { ok: false, reason: d.reason, from: state, action };
}

export const CALL_SEVERITIES = ['critical', 'high', 'normal', 'low'] as const;
export const ZCallSeverity = z.enum(CALL_SEVERITIES);
export type TCallSeverity = z.infer<typeof ZCallSeverity>;
export const CALL_SEVERITY_LABELS: Record<TCallSeverity, { zh: string; en: string }> = {
  critical: { zh: '严重', en: 'Critical' },
  high: { zh: '高', en: 'High' },
  normal: { zh: '普通', en: 'Normal' },
  low: { zh: '低', en: 'Low' },
};

/** R-CALL-5: a serious problem — the system is fully stopped, or errors come often. */
export const SERIOUS_PROBLEMS = ['system_down', 'frequent_errors'] as const;
export const ZSeriousProblem = z.enum(SERIOUS_PROBLEMS);
export type TSeriousProblem = z.infer<typeof ZSeriousProblem>;
export const SERIOUS_PROBLEM_LABELS: Record<TSeriousProblem, { zh: string; en: string }> = {
  system_down: { zh: '系统完全停机', en: 'System fully stopped' },
  frequent_errors: { zh: '频繁报错', en: 'Frequent errors' },
};

// ── The handling log (R-CALL-4): contacts, e-mails, notices and steps ──

export const CALL_LOG_KINDS = ['step', 'contact', 'diagnostic_email', 'status_email', 'notice'] as const;
export const ZCallLogKind = z.enum(CALL_LOG_KINDS);
export type TCallLogKind = z.infer<typeof ZCallLogKind>;

export const CALL_CHANNELS = ['phone', 'email', 'remote_session', 'im', 'in_app', 'other'] as const;
export const ZCallChannel = z.enum(CALL_CHANNELS);
export type TCallChannel = z.infer<typeof ZCallChannel>;
export const CALL_CHANNEL_LABELS: Record<TCallChannel, { zh: string; en: string }> = {
  phone: { zh: '电话', en: 'Phone' },
  email: { zh: '电子邮件', en: 'E-mail' },
  remote_session: { zh: '远程连接', en: 'Remote session' },
  im: { zh: '即时通讯', en: 'Instant messaging' },
  in_app: { zh: '站内通知', en: 'In-app notice' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * An e-mail kept on the call, as its delivery outbox row stands: `pending` until sent, `failed`
 * after a failed attempt (retried later, the error kept), `dead` after the last attempt.
 */
export const EMAIL_DELIVERY_STATES = ['pending', 'sent', 'failed', 'dead'] as const;
export const ZEmailDeliveryState = z.enum(EMAIL_DELIVERY_STATES);

export const ZCallLogEntry = z.object({
  id: z.number().int(),
  at: ZTimestamp,
  kind: ZCallLogKind,
  channel: ZCallChannel,
  text: z.string(),
  hours: z.number().nullable(),
  emailTo: z.string().nullable(),
  subject: z.string().nullable(),
  deliveryState: ZEmailDeliveryState.nullable(),
  /** The last failed attempt's error (failed or dead). */
  deliveryError: z.string().nullable(),
  by: ZRef.nullable(),
});
export type TCallLogEntry = z.infer<typeof ZCallLogEntry>;

// ── Entitlement (R-EMER-3): what the customer is owed, at a given minute ──

export const ZEntitlementContract = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.string(),
  endDate: ZIsoDate.nullable(),
  salesOwner: ZRef.nullable(),
  commitments: ZServiceCommitments,
  /** Inside the contract's coverage window at that minute, on the company's working calendar. */
  inCoverageNow: z.boolean(),
  /** When the targets would fall due for a call at that minute (null: no target). */
  responseDueAt: ZTimestamp.nullable(),
  arrivalDueAt: ZTimestamp.nullable(),
  resolutionDueAt: ZTimestamp.nullable(),
});
export type TEntitlementContract = z.infer<typeof ZEntitlementContract>;

export const ZEntitlementUnit = z.object({
  id: z.number().int(),
  contractId: z.number().int(),
  contractNumber: z.string(),
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  sn: z.string().nullable(),
  warrantyEnd: ZIsoDate.nullable(),
  vendorWarrantyEnd: ZIsoDate.nullable(),
  underWarranty: z.boolean(),
  underVendorWarranty: z.boolean(),
});
export type TEntitlementUnit = z.infer<typeof ZEntitlementUnit>;

/** `covered`: an active contract (or a warranty) covers the call; `remote_only`: covered, but support is remote (R-SCOPE-2). */
export const ENTITLEMENT_VERDICTS = ['covered', 'remote_only', 'out_of_contract', 'unknown_customer'] as const;
export const ZEntitlementVerdict = z.enum(ENTITLEMENT_VERDICTS);
export type TEntitlementVerdict = z.infer<typeof ZEntitlementVerdict>;
export const ENTITLEMENT_VERDICT_LABELS: Record<TEntitlementVerdict, { zh: string; en: string }> = {
  covered: { zh: '在保 / 合同内', en: 'Covered by contract' },
  remote_only: { zh: '合同内（仅远程支持）', en: 'Covered, remote support only' },
  out_of_contract: { zh: '不在合同范围内', en: 'Out of contract' },
  unknown_customer: { zh: '尚不是客户', en: 'Not a customer yet' },
};

export const ZEntitlement = z.object({
  at: ZTimestamp,
  verdict: ZEntitlementVerdict,
  /** Inside the company's working hours at that minute (R-CALL-1: forward directly in working hours). */
  inWorkingHours: z.boolean(),
  contracts: z.array(ZEntitlementContract),
  units: z.array(ZEntitlementUnit),
  /** Out of contract: what the rulebook leaves (chargeable service, or decline with a reason). */
  choices: z.array(z.enum(['chargeable', 'decline'])),
});
export type TEntitlement = z.infer<typeof ZEntitlement>;

export const ZEntitlementQuery = z.strictObject({
  customerId: z.coerce.number().int().positive().optional(),
  contractId: z.coerce.number().int().positive().optional(),
  equipmentId: z.coerce.number().int().positive().optional(),
  at: ZInstantInput.optional(),
});
export type TEntitlementQuery = z.infer<typeof ZEntitlementQuery>;

// ── The record ──

export const ZCall = z.object({
  id: z.number().int(),
  number: z.string(),
  state: ZCallState,
  severity: ZCallSeverity,
  seriousProblem: ZSeriousProblem.nullable(),
  callerName: z.string(),
  company: z.string(),
  phone: z.string(),
  /** The phone as normalised (contract/phone.ts): what callers are matched by. */
  phoneNumber: z.string().nullable(),
  /** False: "not a customer yet" (R-CALL-1 records him all the same). */
  knownCustomer: z.boolean(),
  customer: ZRef.nullable(),
  contact: ZRef.nullable(),
  contract: ZNumberRef.nullable(),
  equipment: z.object({ id: z.number().int(), sn: z.string().nullable(), model: z.string() }).nullable(),
  equipmentSn: z.string().nullable(),
  productType: z.string(),
  symptom: z.string(),
  email: z.string().nullable(),
  statusEmails: z.boolean(),
  calledAt: ZTimestamp,
  receivedBy: ZRef.nullable(),
  holder: ZRef.nullable(),
  serviceRequest: ZNumberRef.nullable(),
  duplicateOf: ZNumberRef.nullable(),
  outcomeNote: z.string().nullable(),
  /** Working minutes (the company's calendar) from the call to the first response and to its outcome (R-CALL-6). */
  firstResponseAt: ZTimestamp.nullable(),
  firstResponseMinutes: z.number().nullable(),
  outcomeAt: ZTimestamp.nullable(),
  resolutionMinutes: z.number().nullable(),
  lastRemindedAt: ZTimestamp.nullable(),
  allowedActions: z.array(ZCallAction),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TCall = z.infer<typeof ZCall>;

export const ZCallDetail = ZCall.extend({
  log: z.array(ZCallLogEntry),
  entitlement: ZEntitlement,
  /** R-CALL-5: every message the call's notifications went out as (e-mail, group robots), with its attempts. */
  deliveries: z.array(ZDelivery),
  /** What the reader may do besides workflow steps. */
  may: z.object({ edit: z.boolean(), log: z.boolean(), remind: z.boolean() }),
});
export type TCallDetail = z.infer<typeof ZCallDetail>;

const text = (max: number) => z.string().trim().min(1).max(max);
const callFields = {
  callerName: text(100),
  company: text(200),
  phone: text(60),
  productType: text(100),
  symptom: text(4000),
  calledAt: ZInstantInput,
  customerId: z.number().int().positive().nullable(),
  contactId: z.number().int().positive().nullable(),
  contractId: z.number().int().positive().nullable(),
  equipmentId: z.number().int().positive().nullable(),
  equipmentSn: singleLineText().max(100).nullable(),
  email: z.email().max(200).nullable(),
  statusEmails: z.boolean(),
  seriousProblem: ZSeriousProblem.nullable(),
  severity: ZCallSeverity,
};

/** R-CALL-1: what the receiver types while on the phone. `forwardToId` forwards at once. */
export const ZCreateCall = z.strictObject({
  callerName: callFields.callerName,
  company: callFields.company,
  phone: callFields.phone,
  productType: callFields.productType,
  symptom: callFields.symptom,
  calledAt: callFields.calledAt.optional(),
  customerId: callFields.customerId.optional(),
  contactId: callFields.contactId.optional(),
  contractId: callFields.contractId.optional(),
  equipmentId: callFields.equipmentId.optional(),
  equipmentSn: callFields.equipmentSn.optional(),
  email: callFields.email.optional(),
  statusEmails: callFields.statusEmails.default(false),
  seriousProblem: callFields.seriousProblem.optional(),
  forwardToId: z.number().int().positive().optional(),
});
export type TCreateCall = z.infer<typeof ZCreateCall>;

/** The call record as the technical manager or sales fill it in (R-CALL-3). */
export const ZUpdateCall = z.strictObject({
  version: z.number().int(),
  severity: callFields.severity.optional(),
  seriousProblem: callFields.seriousProblem.optional(),
  callerName: callFields.callerName.optional(),
  company: callFields.company.optional(),
  productType: callFields.productType.optional(),
  symptom: callFields.symptom.optional(),
  customerId: callFields.customerId.optional(),
  contactId: callFields.contactId.optional(),
  contractId: callFields.contractId.optional(),
  equipmentId: callFields.equipmentId.optional(),
  email: callFields.email.optional(),
  statusEmails: callFields.statusEmails.optional(),
});
export type TUpdateCall = z.infer<typeof ZUpdateCall>;

/**
 * One step. Per action: `forward` needs `holderId`; `assign_remote` `engineerId`; `decline`
 * `reason`; `mark_duplicate` `duplicateOfId`; `resolve` and `offer_chargeable` take a `note`;
 * `convert` takes the request's `kind`, engineer and site (the rest is carried over).
 */
export const ZCallStep = z.strictObject({
  version: z.number().int().optional(),
  holderId: z.number().int().positive().optional(),
  engineerId: z.number().int().positive().optional(),
  reason: z.string().trim().max(2000).optional(),
  note: z.string().trim().max(4000).optional(),
  duplicateOfId: z.number().int().positive().optional(),
  kind: ZServiceRequestKind.optional(),
  contractId: z.number().int().positive().optional(),
  responsibleEngineerId: z.number().int().positive().optional(),
  siteAddress: z.string().trim().max(500).optional(),
});
export type TCallStep = z.infer<typeof ZCallStep>;
export const ZCallStepParams = z.strictObject({ id: z.coerce.number().int().positive(), action: ZCallAction });

/** R-CALL-4: one contact with the customer. */
export const ZCreateCallLog = z.strictObject({
  at: ZInstantInput.optional(),
  channel: ZCallChannel.exclude(['in_app']),
  text: text(4000),
  hours: z.number().min(0).max(24).optional(),
});
export type TCreateCallLog = z.infer<typeof ZCreateCallLog>;

/** R-CALL-4: diagnostic steps by e-mail; `to` defaults to the call's e-mail. */
export const ZSendCallEmail = z.strictObject({
  to: z.email().max(200).optional(),
  subject: text(200),
  text: text(8000),
});
export type TSendCallEmail = z.infer<typeof ZSendCallEmail>;

export const CALL_SORTS = ['calledAt', '-calledAt', 'number', '-number'] as const;

export const ZCallQuery = ZPageQuery.extend({
  state: ZCallState.optional(),
  /** `open`: not in an outcome state. */
  open: z.enum(['true', 'false']).optional(),
  severity: ZCallSeverity.optional(),
  customerId: z.coerce.number().int().positive().optional(),
  productType: singleLineText().max(100).optional(),
  receivedById: z.coerce.number().int().positive().optional(),
  holderId: z.coerce.number().int().positive().optional(),
  /** My calls: taken by me, or held by me. */
  mine: z.enum(['received', 'held']).optional(),
  from: ZInstantInput.optional(),
  to: ZInstantInput.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(CALL_SORTS).default('-calledAt'),
}).strict();
export type TCallQuery = z.infer<typeof ZCallQuery>;
export const ZCallExportQuery = ZCallQuery.omit({ page: true, pageSize: true }).strict();
export type TCallExportQuery = z.infer<typeof ZCallExportQuery>;

/** The customer's last calls beside the intake form (any receiver may see them: a repeat caller must be recognised). */
export const ZRecentCallsQuery = z.strictObject({
  customerId: z.coerce.number().int().positive().optional(),
  phone: singleLineText().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const ZRecentCall = z.object({
  id: z.number().int(),
  number: z.string(),
  state: ZCallState,
  severity: ZCallSeverity,
  callerName: z.string(),
  symptom: z.string(),
  calledAt: ZTimestamp,
  holder: ZRef.nullable(),
  serviceRequest: ZNumberRef.nullable(),
});
export type TRecentCall = z.infer<typeof ZRecentCall>;

/** Forward targets: technical managers, and the sales owners of the customer's contracts. */
export const ZCallForwardTarget = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(['tech_manager', 'sales']),
  isSalesOwner: z.boolean(),
});
export type TCallForwardTarget = z.infer<typeof ZCallForwardTarget>;
export const ZForwardTargetsQuery = z.strictObject({ customerId: z.coerce.number().int().positive().optional() });
