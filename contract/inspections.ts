import { z } from 'zod';
import { GATE_STATES } from './inspection-labels';
import { ZChecklistAnswers, ZChecklistItem } from './checklists';
import { ZDateInput, ZId, ZInstantInput, ZNumberRef, ZPageQuery, ZRef, ZTimestamp } from './common';
import { ZOriginalHolder } from './documents';
import { ZGoodsDeviationKind } from './goods-deviations';
import { ZGuardOverride } from './guards';
import { singleLineText } from './text';
import { bilingual } from './validation-messages';

// ── Goods inspection 货品检验 (R-GOODS-1..6): received goods, packaging, burn-in, the shipment gate ──

/** R-GOODS-5: a burn-in lasts at least this many hours unless a technical manager overrides it per contract. */
export const MIN_BURN_IN_HOURS = 12;

export const PACKAGING_STATES = ['sealed', 'opened'] as const;
export const ZPackaging = z.enum(PACKAGING_STATES);
export type TPackaging = z.infer<typeof ZPackaging>;
export const PACKAGING_LABELS: Record<TPackaging, { zh: string; en: string }> = {
  sealed: { zh: '原厂包装未拆封', en: 'Original packaging sealed' },
  opened: { zh: '已拆封', en: 'Opened' },
};

/** R-GOODS-4: a sealed unit is opened only after the customer's consent. */
export const CONSENT_STATES = ['not_needed', 'pending', 'given', 'refused'] as const;
export const ZConsentState = z.enum(CONSENT_STATES);
export type TConsentState = z.infer<typeof ZConsentState>;
export const CONSENT_LABELS: Record<TConsentState, { zh: string; en: string }> = {
  not_needed: { zh: '无需同意', en: 'Not needed' },
  pending: { zh: '待客户同意', en: 'Awaiting the customer' },
  given: { zh: '客户同意拆封', en: 'Customer agreed to opening' },
  refused: { zh: '客户拒绝拆封', en: 'Customer refused opening' },
};
/** Printed on the delivery note and shown on the unit when the customer refused. */
export const NOT_TESTED_BY_CHOICE = { zh: '应客户要求，交付前未测试', en: "Not tested before delivery, by the customer's choice" };

export const CONSENT_METHODS = ['in_person', 'phone', 'email', 'written'] as const;
export const ZConsentMethod = z.enum(CONSENT_METHODS);
export const CONSENT_METHOD_LABELS: Record<z.infer<typeof ZConsentMethod>, { zh: string; en: string }> = {
  in_person: { zh: '当面', en: 'In person' },
  phone: { zh: '电话', en: 'Phone' },
  email: { zh: '邮件', en: 'E-mail' },
  written: { zh: '书面', en: 'In writing' },
};

export const BURN_IN_RESULTS = ['passed', 'failed'] as const;
export const ZBurnInResult = z.enum(BURN_IN_RESULTS);
export const BURN_IN_RESULT_LABELS: Record<z.infer<typeof ZBurnInResult>, { zh: string; en: string }> = {
  passed: { zh: '通过', en: 'Passed' },
  failed: { zh: '未通过', en: 'Failed' },
};

/**
 * R-GOODS-3: where a unit stands against the shipment gate. `passed` and `customer_declined`
 * may be marked ready; the others say why not.
 */
export const UNIT_GATE_STATES = [
  'not_started',
  'running',
  'failed',
  'short',
  'too_late',
  'no_ship_date',
  'passed',
  'customer_declined',
] as const;
export type TUnitGateState = (typeof UNIT_GATE_STATES)[number];

export { GATE_STATE_LABELS, GATE_STATES, type TGateState } from './inspection-labels';
export const ZGateState = z.enum(GATE_STATES);

/** One reason the gate gives, with its figures (the message is worded from them). */
export const ZGateReason = z.object({
  code: z.enum(['not_started', 'running', 'failed', 'hours_short', 'date_too_late', 'no_ship_date']),
  /** Minutes short of the required burn-in (hours_short). */
  minutesShort: z.number().int().optional(),
  /** The last day the burn-in may end on (date_too_late). */
  endBy: z.string().optional(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type TGateReason = z.infer<typeof ZGateReason>;

export const ZUnitGate = z.object({
  state: z.enum(UNIT_GATE_STATES),
  reasons: z.array(ZGateReason),
});
export type TUnitGate = z.infer<typeof ZUnitGate>;

/** A goods-inspection request's shipment on the dispatch board and the engineer's work list (R-GOODS-3). */
export const ZShipmentFacts = z.object({
  inspectionId: z.number().int(),
  plannedShipDate: z.string().nullable(),
  gate: ZGateState,
  /** The shipment is within 3 days and some unit's burn-in has not started. */
  burnInWarning: z.boolean(),
});
export type TShipmentFacts = z.infer<typeof ZShipmentFacts>;

export const ZBurnIn = z.object({
  id: z.number().int(),
  startedAt: ZTimestamp,
  endedAt: ZTimestamp.nullable(),
  result: ZBurnInResult.nullable(),
  notes: z.string().nullable(),
  /** The test log's file name (downloaded as an attachment); null until uploaded. */
  logName: z.string().nullable(),
  unitIds: z.array(z.number().int()),
  version: z.number().int(),
});
export type TBurnIn = z.infer<typeof ZBurnIn>;

export const ZInspectionUnit = z.object({
  id: z.number().int(),
  contractItemId: z.number().int().nullable(),
  model: z.string(),
  pn: z.string().nullable(),
  sn: z.string().nullable(),
  packaging: ZPackaging,
  openedReason: z.string().nullable(),
  consent: ZConsentState,
  consentBy: z.string().nullable(),
  consentAt: ZTimestamp.nullable(),
  consentMethod: ZConsentMethod.nullable(),
  burnInId: z.number().int().nullable(),
  gate: ZUnitGate,
  readyAt: ZTimestamp.nullable(),
  readyBy: ZRef.nullable(),
  deliveryNoteId: z.number().int().nullable(),
  version: z.number().int(),
});
export type TInspectionUnit = z.infer<typeof ZInspectionUnit>;

/** R-GOODS-1: the contract's item list against what was received. */
export const ZExpectedLine = z.object({
  contractItemId: z.number().int(),
  lineNo: z.number().int(),
  description: z.string(),
  model: z.string().nullable(),
  quantity: z.number().int(),
  received: z.number().int(),
});
export const ZReceivingDifference = z.object({
  kind: z.enum(['missing', 'extra', 'wrong_model']),
  description: z.string(),
  quantity: z.number().int(),
});

export const ZDeliveryNote = z.object({
  id: z.number().int(),
  number: z.string(),
  deliveryDate: z.string(),
  receiverName: z.string().nullable(),
  signedAt: ZTimestamp.nullable(),
  signMethod: z.enum(['pad', 'scan']).nullable(),
  /** The receiver's signature (signatures module). */
  signatureId: z.number().int().nullable(),
  documentId: z.number().int().nullable(),
  unitIds: z.array(z.number().int()),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TDeliveryNote = z.infer<typeof ZDeliveryNote>;

export const ZInspection = z.object({
  id: z.number().int(),
  serviceRequest: ZNumberRef,
  contract: ZNumberRef,
  customer: ZRef,
  responsibleEngineer: ZRef.nullable(),
  plannedShipDate: z.string().nullable(),
  minBurnInHours: z.number(),
  gate: ZGateState,
  unitCount: z.number().int(),
  /** A shipment within 3 days whose burn-in has not started on every unit. */
  burnInWarning: z.boolean(),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TInspection = z.infer<typeof ZInspection>;

export const ZInspectionDetail = ZInspection.extend({
  units: z.array(ZInspectionUnit),
  burnIns: z.array(ZBurnIn),
  expected: z.array(ZExpectedLine),
  differences: z.array(ZReceivingDifference),
  checklist: z.object({
    templateId: z.number().int(),
    versionNo: z.number().int(),
    /** The template version's items, as the form shows them. */
    items: z.array(ZChecklistItem),
    answers: ZChecklistAnswers,
    complete: z.boolean(),
    filledAt: ZTimestamp.nullable(),
  }),
  deliveryNotes: z.array(ZDeliveryNote),
  deviationIds: z.array(z.number().int()),
});
export type TInspectionDetail = z.infer<typeof ZInspectionDetail>;

const ZSn = singleLineText().min(1).max(100);

export const ZOpenInspection = z.strictObject({ plannedShipDate: ZDateInput.nullable().optional() });
export type TOpenInspection = z.infer<typeof ZOpenInspection>;

export const ZUpdateInspection = z.strictObject({ version: z.number().int(), plannedShipDate: ZDateInput.nullable() });
export type TUpdateInspection = z.infer<typeof ZUpdateInspection>;

export const ZNewUnit = z
  .strictObject({
    contractItemId: z.number().int().positive().nullable().optional(),
    model: singleLineText().min(1).max(200),
    pn: singleLineText().max(100).nullable().optional(),
    sn: ZSn.nullable().optional(),
    packaging: ZPackaging,
    /** Already opened: why (R-GOODS-4). */
    openedReason: z.string().trim().max(500).nullable().optional(),
  })
  .refine(
    (u) => u.packaging !== 'opened' || !!u.openedReason,
    bilingual({ zh: '已拆封的设备须说明拆封原因', en: 'an opened unit needs the reason it was opened' }, ['openedReason']),
  );
export const ZAddUnits = z.strictObject({ units: z.array(ZNewUnit).min(1).max(500) });
export type TAddUnits = z.infer<typeof ZAddUnits>;

export const ZUpdateUnit = z.strictObject({
  version: z.number().int(),
  sn: ZSn.nullable().optional(),
  pn: singleLineText().max(100).nullable().optional(),
});
export type TUpdateUnit = z.infer<typeof ZUpdateUnit>;

export const ZUnitParams = z.strictObject({ id: ZId, unitId: ZId });
export const ZBurnInParams = z.strictObject({ id: ZId, burnInId: ZId });
export const ZDeliveryNoteParams = z.strictObject({ id: ZId, noteId: ZId });

/** R-GOODS-4: who agreed or refused, when and how. */
export const ZRecordConsent = z.strictObject({
  version: z.number().int(),
  decision: z.enum(['given', 'refused']),
  by: singleLineText().min(1).max(100),
  at: ZInstantInput,
  method: ZConsentMethod,
});
export type TRecordConsent = z.infer<typeof ZRecordConsent>;

export const ZRaiseDeviation = z.strictObject({
  kind: ZGoodsDeviationKind,
  note: z.string().trim().max(4000).optional(),
  /** Defaults to the differences found against the contract's list. */
  items: z
    .array(z.strictObject({ description: z.string().trim().min(1).max(500), quantity: z.number().int().min(1) }))
    .max(200)
    .optional(),
});
export type TRaiseDeviation = z.infer<typeof ZRaiseDeviation>;

export const ZSaveChecklist = z.strictObject({ answers: ZChecklistAnswers });

export const ZRecordBurnIn = z
  .strictObject({
    unitIds: z.array(z.number().int().positive()).min(1).max(500),
    startedAt: ZInstantInput,
    endedAt: ZInstantInput.nullable().optional(),
    result: ZBurnInResult.nullable().optional(),
    notes: z.string().trim().max(4000).nullable().optional(),
  })
  .refine(
    (b) => !b.endedAt || Date.parse(b.endedAt) > Date.parse(b.startedAt),
    bilingual({ zh: '老化结束时间须晚于开始时间', en: 'the burn-in must end after it starts' }, ['endedAt']),
  );
export type TRecordBurnIn = z.infer<typeof ZRecordBurnIn>;

export const ZUpdateBurnIn = z.strictObject({
  version: z.number().int(),
  endedAt: ZInstantInput.nullable().optional(),
  result: ZBurnInResult.nullable().optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
});
export type TUpdateBurnIn = z.infer<typeof ZUpdateBurnIn>;

export const ZMarkReady = z.strictObject({ version: z.number().int(), override: ZGuardOverride.optional() });
export type TMarkReady = z.infer<typeof ZMarkReady>;

export const ZBurnInSetting = z.object({ contractId: z.number().int(), minHours: z.number(), overrideReason: z.string().nullable() });
export const ZSetBurnInSetting = z.strictObject({ minHours: z.number().min(1).max(720), override: ZGuardOverride.optional() });

export const ZCreateDeliveryNote = z.strictObject({
  unitIds: z.array(z.number().int().positive()).min(1).max(500),
  deliveryDate: ZDateInput,
  receiverName: singleLineText().max(100).nullable().optional(),
});
export type TCreateDeliveryNote = z.infer<typeof ZCreateDeliveryNote>;

/** Multipart fields of a signature: drawn on the pad (PNG) or a signed scan. */
export const ZSignDeliveryNote = z.strictObject({
  method: z.enum(['pad', 'scan']),
  receiverName: singleLineText().min(1).max(100),
  originalHolder: ZOriginalHolder.optional(),
});

export const ZInspectionQuery = ZPageQuery.extend({
  gate: ZGateState.optional(),
  /** Shipments planned in the current week (Monday–Sunday, company zone). */
  dueThisWeek: z.enum(['true', 'false']).optional(),
  /** The inspection of one request (its page links to it). */
  serviceRequestId: z.coerce.number().int().positive().optional(),
}).strict();
export type TInspectionQuery = z.infer<typeof ZInspectionQuery>;

// ── Licences (R-GOODS-6) ──

export const ZLicence = z.object({
  id: z.number().int(),
  contract: ZNumberRef,
  customer: ZRef,
  unitId: z.number().int().nullable(),
  unitSn: z.string().nullable(),
  software: z.string(),
  needed: z.boolean(),
  demoExpiresOn: z.string().nullable(),
  hostid: z.string().nullable(),
  softwareSerial: z.string().nullable(),
  appliedOn: z.string().nullable(),
  receivedOn: z.string().nullable(),
  /** The key is filed in the archive; its text never travels in a list. */
  hasKey: z.boolean(),
  keyDocumentId: z.number().int().nullable(),
  mediaDocumentId: z.number().int().nullable(),
  version: z.number().int(),
});
export type TLicence = z.infer<typeof ZLicence>;

const licenceFields = {
  unitId: z.number().int().positive().nullable().optional(),
  software: singleLineText().min(1).max(200),
  needed: z.boolean(),
  demoExpiresOn: ZDateInput.nullable().optional(),
  hostid: singleLineText().max(100).nullable().optional(),
  softwareSerial: singleLineText().max(200).nullable().optional(),
  appliedOn: ZDateInput.nullable().optional(),
  receivedOn: ZDateInput.nullable().optional(),
};
export const ZCreateLicence = z.strictObject(licenceFields);
export type TCreateLicence = z.infer<typeof ZCreateLicence>;
export const ZUpdateLicence = z
  .strictObject({ version: z.number().int(), ...licenceFields })
  .partial()
  .required({ version: true });
export type TUpdateLicence = z.infer<typeof ZUpdateLicence>;
/** The licence key as received from the vendor; filed as a document, never listed. */
export const ZStoreLicenceKey = z.strictObject({ version: z.number().int(), key: z.string().trim().min(1).max(20_000) });

export const ZLicenceQuery = ZPageQuery.extend({
  expiringWithin: z.enum(['30', '60', '90']).optional(),
  contractId: z.coerce.number().int().positive().optional(),
}).strict();
export type TLicenceQuery = z.infer<typeof ZLicenceQuery>;

/** How long before a demo licence ends its reminder goes out. */
export const DEMO_LICENCE_REMINDER_DAYS = 14;
