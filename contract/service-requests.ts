import { z } from 'zod';
import { singleLineText } from './text';
import { type TServiceRequestKind, ZServiceRequestAction, ZServiceRequestKind, ZServiceRequestState } from './service-request-workflow';
import { SLA_STATUSES, ZSlaClock } from './sla';
import { ZDateInput, ZInstantInput, ZNumberRef, ZRef, ZTimestamp } from './common';
import type { TServiceKind } from './contracts';
import { ZGuardOverride } from './guards';

// ── Service Request Form 服务要求单: the API's shapes (R-FLOW-1, R-EMER-1/2, R-PM-3) ──

export const SERVICE_REQUEST_ORIGINS = ['call', 'contract', 'pm_plan', 'manual'] as const;
export const ZServiceRequestOrigin = z.enum(SERVICE_REQUEST_ORIGINS);
export type TServiceRequestOrigin = z.infer<typeof ZServiceRequestOrigin>;

export const SERVICE_REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ZServiceRequestPriority = z.enum(SERVICE_REQUEST_PRIORITIES);
export type TServiceRequestPriority = z.infer<typeof ZServiceRequestPriority>;

/** Kinds delivered at the customer's site: a remote-only contract (R-SCOPE-2) does not promise them (R-EMER-3). */
export const ONSITE_REQUEST_KINDS: readonly TServiceRequestKind[] = ['installation', 'emergency_repair', 'preventive_maintenance'];

/**
 * R-SCOPE-1: the contract service kinds under which a request of each kind is delivered. A request
 * whose contract holds none of them is warned on the form and refused on issue (a technical
 * manager may override with a reason).
 */
export const REQUEST_KIND_SERVICE_KINDS: Record<TServiceRequestKind, readonly TServiceKind[]> = {
  goods_inspection: ['distribution_standard'],
  installation: ['distribution_standard', 'onsite_maintenance'],
  emergency_repair: ['onsite_maintenance'],
  preventive_maintenance: ['routine_inspection'],
  training: ['consulting'],
  consulting: ['consulting', 'distribution_standard'],
  outsourcing: ['outsourcing'],
  spare_parts: ['spare_parts'],
};

/** R-SCOPE-1: whether a contract holding `serviceKinds` covers a request of `kind`. */
export function kindWithinContract(kind: TServiceRequestKind, serviceKinds: readonly TServiceKind[]): boolean {
  return REQUEST_KIND_SERVICE_KINDS[kind].some((k) => serviceKinds.includes(k));
}

/** Warnings do not refuse the write; the form shows them. */
export const SERVICE_REQUEST_WARNINGS = {
  SR_REMOTE_ONLY_CONTRACT: {
    zh: '该合同仅含远程支持，现场服务不在合同承诺内',
    en: 'The contract promises remote support only; on-site work is outside its commitments',
  },
  SR_CONTRACT_NOT_ACTIVE: { zh: '该合同不在执行中', en: 'The contract is not active' },
  SR_DOUBLE_BOOKED: {
    zh: '该工程师在此时间已有其他服务安排',
    en: 'The engineer already has other work planned at this time',
  },
  SR_ENGINEER_ON_LEAVE: { zh: '该工程师当天请假', en: 'The engineer is on leave that day' },
  SR_KIND_OUTSIDE_CONTRACT: {
    zh: '该服务类型不在合同的服务范围内：下达时须由技术经理说明理由后放行',
    en: "The kind is outside the contract's service kinds: issuing it needs a technical manager's override with a reason",
  },
  SR_PAST_ARRIVAL_DEADLINE: {
    zh: '计划开始时间晚于合同承诺的到场期限',
    en: 'The planned start is later than the committed arrival deadline',
  },
  SR_PAST_RESOLUTION_DEADLINE: {
    zh: '计划结束时间晚于合同承诺的解决期限',
    en: 'The planned end is later than the committed resolution deadline',
  },
} as const;
export type TServiceRequestWarningCode = keyof typeof SERVICE_REQUEST_WARNINGS;
export const ZServiceRequestWarning = z.object({
  code: z.enum(Object.keys(SERVICE_REQUEST_WARNINGS) as [TServiceRequestWarningCode, ...TServiceRequestWarningCode[]]),
  message: z.string(),
  /**
   * Other requests involved (double booking); empty when none. Always sent (no `.default`): a
   * response schema with a default is encoded by zod's two-pass backward direction
   * (server/src/http/serializer.ts), which made every create's and detail's answer cost twice.
   */
  refs: z.array(ZNumberRef),
});
export type TServiceRequestWarning = z.infer<typeof ZServiceRequestWarning>;

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
  contract: ZNumberRef.nullable(),
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

/** A photo or file attached to the request itself (downloaded as an attachment). */
export const ZServiceRequestAttachment = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedBy: ZRef.nullable(),
  uploadedAt: ZTimestamp,
});
export type TServiceRequestAttachment = z.infer<typeof ZServiceRequestAttachment>;
export const ZServiceRequestAttachmentParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  attachmentId: z.coerce.number().int().positive(),
});
/** Attachments are at most this large (a phone photo, a log file, a PDF). */
export const SERVICE_REQUEST_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

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
  originRef: singleLineText().max(100).nullable(),
  contactName: singleLineText().max(100).nullable(),
  contactPhone: singleLineText().max(60).nullable(),
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
  /** R-SCOPE-1 guard: issuing a kind outside the contract's service kinds, with a technical manager's reason. */
  override: ZGuardOverride.optional(),
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
  /** A rulebook guard of the step (issue: R-SCOPE-1) overridden by a technical manager, with his reason. */
  override: ZGuardOverride.optional(),
  reason: z.string().trim().max(2000).optional(),
  plannedStart: ZInstantInput.optional(),
  plannedEnd: ZInstantInput.optional(),
});
export type TServiceRequestStep = z.infer<typeof ZServiceRequestStep>;
export const ZServiceRequestStepParams = z.strictObject({ id: z.coerce.number().int().positive(), action: ZServiceRequestAction });

/** `urgency`: most urgent first — SLA breached, at risk, within, none; then priority; then the oldest. */
export const SERVICE_REQUEST_SORTS = ['-createdAt', 'createdAt', 'plannedStart', '-plannedStart', 'number', '-number', 'urgency'] as const;

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
    /** Issued (raised) by this user. */
    issuedById: z.coerce.number().int().positive().optional(),
    /** Of the customers of the contracts this salesperson owns. */
    salesOwnerId: z.coerce.number().int().positive().optional(),
    incomplete: z.enum(['true', 'false']).optional(),
    sla: z.enum(['breached', 'at_risk']).optional(),
    /** Closed at or after / before these instants (the reports' drill-down from a week's figure). */
    closedFrom: z.iso.datetime({ offset: true }).optional(),
    closedBefore: z.iso.datetime({ offset: true }).optional(),
    /** Number, description, customer name or contact contains. */
    q: z.string().trim().max(100).optional(),
    sort: z.enum(SERVICE_REQUEST_SORTS).default('-createdAt'),
  })
  .strict();
export type TServiceRequestQuery = z.infer<typeof ZServiceRequestQuery>;
