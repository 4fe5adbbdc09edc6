import { z } from 'zod';
import { ZChecklistAnswers, ZChecklistItem } from './checklists';
import { ZId, ZInstantInput, ZNumberRef, ZPageQuery, ZRef, ZTimestamp } from './common';
import { ZIsoDate, ZServiceCommitments } from './contracts';
import { ZGuardOverride } from './guards';
import { ZServiceRequestKind, ZServiceRequestState } from './service-request-workflow';
import { singleLineText } from './text';
import { UNIT_ACTIONS, VISIT_STAGES } from './visit-labels';

export { type TUnitAction, type TVisitStage, UNIT_ACTION_LABELS, UNIT_ACTIONS, VISIT_STAGE_LABELS, VISIT_STAGES } from './visit-labels';

// ── Visits 现场服务 (R-INST-2..5, R-EMER-2): one day's trip of a service request to the customer's site ──

const text = (max = 4000) => z.string().trim().min(1).max(max);

/** A photo's file types and size (the type is sniffed from the content by the upload). */
export const VISIT_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const VISIT_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** The checklist template filled on arrival (R-INST-2): site readiness and the plan re-checked. */
export const ARRIVAL_CHECKLIST_CODE = 'installation_arrival';

export const ZVisitStage = z.enum(VISIT_STAGES);

/** R-INST-3: the call to the customer's administrator before the visit. */
export const ZPreVisitCall = z.strictObject({
  calledAt: ZInstantInput,
  contactName: singleLineText().min(1).max(100),
  site: text(1000),
  power: text(1000),
  network: text(1000),
  /** The time agreed for the work (arrival, downtime window). */
  agreedTime: text(500),
  /** Errors found in the contract or the solution, reported (R-INST-3). */
  note: z.string().trim().max(4000).optional(),
});
export type TPreVisitCall = z.infer<typeof ZPreVisitCall>;

export const ZFilledChecklist = z.strictObject({
  templateId: ZId,
  versionNo: z.number().int().positive(),
  answers: ZChecklistAnswers,
});
export type TFilledChecklist = z.infer<typeof ZFilledChecklist>;

export const ZVisitProblem = z.object({
  id: z.number().int(),
  problem: z.string(),
  solution: z.string().nullable(),
  recordedBy: ZRef.nullable(),
  recordedAt: ZTimestamp,
});

export const ZVisitExtraRequest = z.object({
  id: z.number().int(),
  request: z.string(),
  answer: z.string(),
  escalation: z.object({ id: z.number().int() }).nullable(),
  recordedBy: ZRef.nullable(),
  recordedAt: ZTimestamp,
});

export const ZVisitPhoto = z.object({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  caption: z.string().nullable(),
  uploadedAt: ZTimestamp,
});
export const ZVisitPhotoParams = z.strictObject({ id: ZId, photoId: ZId });

// ── Safeguards on site (R-EMER-5, R-EMER-6) ──

export const BACKUP_STATES = ['confirmed', 'refused'] as const;
export const ZBackupState = z.enum(BACKUP_STATES);
export const ZRecordBackup = z
  .strictObject({
    state: ZBackupState,
    /** Who confirmed the backup, or who refused it on the customer's side. */
    customerName: singleLineText().min(1).max(100),
    note: z.string().trim().max(2000).optional(),
    /** The risk and responsibility the customer accepts in writing when he refuses the backup. */
    riskStatement: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.state === 'refused' && !v.riskStatement)
      ctx.addIssue({ code: 'custom', path: ['riskStatement'], message: 'required when the customer refuses the backup' });
  });
export type TRecordBackup = z.infer<typeof ZRecordBackup>;

export const APPROVAL_KINDS = ['reproduce', 'fix'] as const;
export const ZApprovalKind = z.enum(APPROVAL_KINDS);
export const ZRecordApproval = z.strictObject({
  kind: ZApprovalKind,
  customerName: singleLineText().min(1).max(100),
  note: z.string().trim().max(2000).optional(),
});
export type TRecordApproval = z.infer<typeof ZRecordApproval>;

/** Steps on the customer's system that a rule guards. */
export const VISIT_ACTION_KINDS = ['production_change', 'reproduce', 'fix'] as const;
export const ZVisitActionKind = z.enum(VISIT_ACTION_KINDS);
export type TVisitActionKind = z.infer<typeof ZVisitActionKind>;
export const VISIT_ACTION_LABELS: Record<TVisitActionKind, { zh: string; en: string }> = {
  production_change: { zh: '变更生产系统', en: 'Change to the production system' },
  reproduce: { zh: '重现故障', en: 'Reproduce the fault' },
  fix: { zh: '实施解决方案', en: 'Apply the fix' },
};
export const ZRecordVisitAction = z.strictObject({
  kind: ZVisitActionKind,
  description: text(2000),
  override: ZGuardOverride.optional(),
});
export type TRecordVisitAction = z.infer<typeof ZRecordVisitAction>;

export const ZVisitAction = z.object({
  id: z.number().int(),
  kind: ZVisitActionKind,
  description: z.string(),
  /** A technical manager overrode the rule that would have refused it. */
  overridden: z.boolean(),
  recordedBy: ZRef.nullable(),
  recordedAt: ZTimestamp,
});

// ── Units served (R-PM-5, R-EMER-3, R-INST-7, R-EMER-7) ──

export const ZUnitAction = z.enum(UNIT_ACTIONS);

const pn = singleLineText().max(100);
const sn = singleLineText().max(100);

export const ZRecordVisitUnit = z
  .strictObject({
    action: ZUnitAction,
    /** The unit of the contract's installed base (all but `installed`). */
    equipmentId: ZId.optional(),
    /** `installed`: the new unit. */
    productType: singleLineText().min(1).max(100).optional(),
    brand: singleLineText().min(1).max(100).optional(),
    model: singleLineText().min(1).max(100).optional(),
    /** The part or unit fitted (`installed`, `replaced`). */
    newPn: pn.optional(),
    newSn: sn.optional(),
    /** `installed`: the new unit's warranty, as delivered. */
    warrantyStart: ZIsoDate.optional(),
    warrantyEnd: ZIsoDate.optional(),
    vendorWarrantyEnd: ZIsoDate.optional(),
    /** R-EMER-7: why the part was replaced or removed, the evidence. */
    reason: z.string().trim().max(2000).optional(),
    /** The fault comes and goes (R-EMER-7). */
    intermittent: z.boolean().optional(),
    /** `served`: the intermittent fault came back after the last replacement. */
    faultRecurred: z.boolean().optional(),
    /** `put_back`: the replacement undone (its unit is the one put back). */
    revertsId: ZId.optional(),
    note: z.string().trim().max(2000).optional(),
    override: ZGuardOverride.optional(),
  })
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v) => {
      if (v[field] === undefined || v[field] === '') ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
    };
    if (v.action === 'installed') {
      need('productType');
      need('brand');
      need('model');
      need('newSn');
    } else if (v.action === 'put_back') need('revertsId');
    else need('equipmentId');
    if (v.action === 'replaced') need('newSn');
  });
export type TRecordVisitUnit = z.infer<typeof ZRecordVisitUnit>;

export const ZVisitUnit = z.object({
  id: z.number().int(),
  visitId: z.number().int(),
  action: ZUnitAction,
  equipmentId: z.number().int().nullable(),
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  /** The unit's PN/SN before the visit touched it (`removed`, `replaced`, `put_back`). */
  oldPn: z.string().nullable(),
  oldSn: z.string().nullable(),
  newPn: z.string().nullable(),
  newSn: z.string().nullable(),
  /** The warranty state at the moment it was recorded (R-PM-5). */
  warrantyEnd: ZIsoDate.nullable(),
  vendorWarrantyEnd: ZIsoDate.nullable(),
  underWarranty: z.boolean(),
  underVendorWarranty: z.boolean(),
  reason: z.string().nullable(),
  intermittent: z.boolean(),
  faultRecurred: z.boolean(),
  revertsId: z.number().int().nullable(),
  note: z.string().nullable(),
  overridden: z.boolean(),
  recordedBy: ZRef.nullable(),
  recordedAt: ZTimestamp,
});
export type TVisitUnit = z.infer<typeof ZVisitUnit>;

/** R-EMER-7: the screen's proposal when an intermittent fault recurs after a replacement. */
export const ZSwapProposal = z.object({
  /** The replacement to undo: put the removed part back, then try the next suspect. */
  revertsId: z.number().int(),
  equipmentId: z.number().int().nullable(),
  putBackPn: z.string().nullable(),
  putBackSn: z.string().nullable(),
  takeOutSn: z.string().nullable(),
});
export type TSwapProposal = z.infer<typeof ZSwapProposal>;

// ── The visit ──

export const ZVisit = z.object({
  id: z.number().int(),
  serviceRequest: ZNumberRef.extend({
    kind: ZServiceRequestKind,
    state: ZServiceRequestState,
    customer: ZRef,
    contract: ZNumberRef.nullable(),
    siteAddress: z.string().nullable(),
  }),
  engineer: ZRef,
  /** Engineers present, the responsible one included. */
  engineers: z.array(ZRef),
  stage: ZVisitStage,
  travelStartedAt: ZTimestamp.nullable(),
  arrivedAt: ZTimestamp.nullable(),
  departedAt: ZTimestamp.nullable(),
  /** R-EMER-2: the agreed arrival time (or the SLA's arrival due time) the arrival was compared with. */
  arrivalDueAt: ZTimestamp.nullable(),
  late: z.boolean().nullable(),
  lateMinutes: z.number().int().nullable(),
  /** Computed: arrival − travel start, departure − arrival, in hours (2 decimals); null until both are known. */
  travelHours: z.number().nullable(),
  onSiteHours: z.number().nullable(),
  workDone: z.string().nullable(),
  preVisitCall: ZPreVisitCall.extend({ calledAt: ZTimestamp, note: z.string().nullable(), recordedBy: ZRef.nullable() }).nullable(),
  arrivalChecklist: z
    .object({
      templateId: z.number().int(),
      versionNo: z.number().int(),
      answers: ZChecklistAnswers,
      /** Every yes/no item answered yes: site ready, plan confirmed. */
      siteReady: z.boolean(),
    })
    .nullable(),
  backup: z
    .object({
      state: ZBackupState,
      customerName: z.string(),
      note: z.string().nullable(),
      riskStatement: z.string().nullable(),
      recordedAt: ZTimestamp,
    })
    .nullable(),
  approvals: z.array(z.object({ kind: ZApprovalKind, customerName: z.string(), note: z.string().nullable(), recordedAt: ZTimestamp })),
  actions: z.array(ZVisitAction),
  problems: z.array(ZVisitProblem),
  extraRequests: z.array(ZVisitExtraRequest),
  photos: z.array(ZVisitPhoto),
  units: z.array(ZVisitUnit),
  /** R-EMER-7: the request's part swaps over all its visits (replaced, put back, removed), oldest first. */
  swapHistory: z.array(ZVisitUnit),
  swapProposals: z.array(ZSwapProposal),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TVisit = z.infer<typeof ZVisit>;

export const ZVisitListItem = ZVisit.pick({
  id: true,
  serviceRequest: true,
  engineer: true,
  stage: true,
  travelStartedAt: true,
  arrivedAt: true,
  departedAt: true,
  arrivalDueAt: true,
  late: true,
  lateMinutes: true,
  travelHours: true,
  onSiteHours: true,
  createdAt: true,
  version: true,
});
export type TVisitListItem = z.infer<typeof ZVisitListItem>;

export const ZVisitQuery = ZPageQuery.extend({
  engineerId: z.coerce.number().int().positive().optional(),
  serviceRequestId: z.coerce.number().int().positive().optional(),
  /** `true`: the visits the signed-in user is on. */
  mine: z.enum(['true', 'false']).optional(),
  /** The visit's day — its arrival, else its travel start, else when it was planned — in the company's zone, inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  stage: ZVisitStage.optional(),
  /** `true`: only arrivals later than agreed (R-EMER-2); `false`: only those on time. */
  late: z.enum(['true', 'false']).optional(),
}).strict();
export type TVisitQuery = z.infer<typeof ZVisitQuery>;

export const ZCreateVisit = z.strictObject({
  /** Engineers present besides the responsible one. */
  engineerIds: z.array(ZId).max(20).optional(),
});
export type TCreateVisit = z.infer<typeof ZCreateVisit>;

export const ZUpdateVisit = z.strictObject({
  version: z.number().int(),
  workDone: z.string().trim().max(8000).optional(),
  engineerIds: z.array(ZId).max(20).optional(),
});
export type TUpdateVisit = z.infer<typeof ZUpdateVisit>;

export const ZVersioned = z.strictObject({ version: z.number().int() });

export const ZStartTravel = z.strictObject({ version: z.number().int(), travelStartedAt: ZInstantInput.optional() });
export type TStartTravel = z.infer<typeof ZStartTravel>;

export const ZCheckIn = z.strictObject({
  version: z.number().int(),
  arrivedAt: ZInstantInput.optional(),
  /** R-INST-2: the arrival checklist, filled on arrival. */
  checklist: ZFilledChecklist,
});
export type TCheckIn = z.infer<typeof ZCheckIn>;

export const ZCheckOut = z.strictObject({
  version: z.number().int(),
  departedAt: ZInstantInput.optional(),
  workDone: z.string().trim().min(1).max(8000),
});
export type TCheckOut = z.infer<typeof ZCheckOut>;

export const ZRecordPreVisitCall = ZPreVisitCall.extend({ version: z.number().int() }).strict();
export type TRecordPreVisitCall = z.infer<typeof ZRecordPreVisitCall>;

export const ZRecordProblem = z.strictObject({ problem: text(4000), solution: z.string().trim().max(4000).optional() });
export type TRecordProblem = z.infer<typeof ZRecordProblem>;

/** R-INST-4: a request outside the contract, and what the customer was told. */
export const ZRecordExtraRequest = z.strictObject({ request: text(4000), answer: text(4000) });
export type TRecordExtraRequest = z.infer<typeof ZRecordExtraRequest>;

// ── Before the visit (R-INST-3) ──

export const ZVisitBriefing = z.object({
  contract: z
    .object({
      id: z.number().int(),
      number: z.string(),
      status: z.string(),
      startDate: ZIsoDate.nullable(),
      endDate: ZIsoDate.nullable(),
      serviceKinds: z.array(z.string()),
      /** What the customer is owed (no amounts: the briefing is masked for every reader, R-ORG-5). */
      commitments: ZServiceCommitments,
      notes: z.string().nullable(),
    })
    .nullable(),
  documents: z.array(z.object({ id: z.number().int(), title: z.string(), type: z.string(), fileName: z.string().nullable() })),
  contacts: z.array(z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable(), phones: z.array(z.string()) })),
  /** The request's own contact, as taken on the phone. */
  requestContact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), siteAddress: z.string().nullable() }),
  description: z.string(),
  /** The checklist to fill on arrival (R-INST-2), as of now. */
  arrivalChecklist: z.object({ templateId: z.number().int(), versionNo: z.number().int(), items: z.array(ZChecklistItem) }).nullable(),
});
export type TVisitBriefing = z.infer<typeof ZVisitBriefing>;

/** The contract's installed base with each unit's warranty state now (R-PM-5, R-EMER-3). */
export const ZUnitCandidate = z.object({
  id: z.number().int(),
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  sn: z.string().nullable(),
  warrantyEnd: ZIsoDate.nullable(),
  vendorWarrantyEnd: ZIsoDate.nullable(),
  underWarranty: z.boolean(),
  underVendorWarranty: z.boolean(),
});
export const ZUnitCandidates = z.object({ items: z.array(ZUnitCandidate) });

// ── Reports read by others ──

/** R-EMER-2: arrivals per engineer in a period, and how many were late. */
export const ZLateArrivalQuery = z.strictObject({ from: z.iso.date(), to: z.iso.date() });
export type TLateArrivalQuery = z.infer<typeof ZLateArrivalQuery>;
export const ZLateArrivalCount = z.object({
  engineer: ZRef,
  arrivals: z.number().int(),
  late: z.number().int(),
});
export const ZLateArrivalCounts = z.object({ from: z.string(), to: z.string(), items: z.array(ZLateArrivalCount) });
export type TLateArrivalCounts = z.infer<typeof ZLateArrivalCounts>;

/** R-INST-7: units installed or replaced on site, for commerce to register the warranty with the vendor. */
export const ZWarrantyRegistrationQuery = ZPageQuery.extend({
  registered: z.enum(['true', 'false']).optional(),
}).strict();
export type TWarrantyRegistrationQuery = z.infer<typeof ZWarrantyRegistrationQuery>;
export const ZWarrantyRegistration = z.object({
  id: z.number().int(),
  action: ZUnitAction,
  serviceRequest: ZNumberRef,
  customer: ZRef,
  contract: ZNumberRef.nullable(),
  equipmentId: z.number().int().nullable(),
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  pn: z.string().nullable(),
  sn: z.string().nullable(),
  oldSn: z.string().nullable(),
  recordedAt: ZTimestamp,
  registeredAt: ZTimestamp.nullable(),
  registeredBy: ZRef.nullable(),
});
export type TWarrantyRegistration = z.infer<typeof ZWarrantyRegistration>;
