import { z } from 'zod';
import { ZDateInput, ZId, ZNumberRef, ZPageQuery, ZRef, ZTimestamp } from './common';
import { singleLineText } from './text';

// ── Spare parts 备品备件 (R-EMER-4, R-INST-9, R-EMER-10): catalogue, locations, ledger, loans, faulty part tags ──

export const PART_TRACKINGS = ['serial', 'count'] as const;
export const ZPartTracking = z.enum(PART_TRACKINGS);
export const PART_TRACKING_LABELS = {
  serial: { zh: '按序列号', en: 'By serial number' },
  count: { zh: '按数量', en: 'Counted' },
} as const;

export const STOCK_LOCATION_KINDS = ['store', 'bag', 'customer', 'vendor'] as const;
export const ZStockLocationKind = z.enum(STOCK_LOCATION_KINDS);
export type TStockLocationKind = z.infer<typeof ZStockLocationKind>;
export const STOCK_LOCATION_KIND_LABELS = {
  store: { zh: '总库', en: 'Main store' },
  bag: { zh: '工程师随身', en: "Engineer's bag" },
  customer: { zh: '客户处借用', en: 'At a customer on loan' },
  vendor: { zh: '厂商维修', en: 'At the vendor for repair' },
} as const;

export const STOCK_MOVEMENT_KINDS = ['receipt', 'transfer', 'loan', 'return', 'inspection_intake', 'write_off'] as const;
export const ZStockMovementKind = z.enum(STOCK_MOVEMENT_KINDS);
export type TStockMovementKind = z.infer<typeof ZStockMovementKind>;
export const STOCK_MOVEMENT_KIND_LABELS = {
  receipt: { zh: '入库', en: 'Receipt' },
  transfer: { zh: '调拨', en: 'Transfer' },
  loan: { zh: '借出', en: 'Loan' },
  return: { zh: '归还', en: 'Return' },
  inspection_intake: { zh: '检验后入库', en: 'Stocked after inspection' },
  write_off: { zh: '出库', en: 'Out of stock' },
} as const;

export const ZPart = z.object({
  id: z.number().int(),
  pn: z.string(),
  description: z.string(),
  vendor: z.string().nullable(),
  tracking: ZPartTracking,
  /** Stock on hand in company locations (main store, bags, on loan, at the vendor). */
  onHand: z.number().int(),
  inStore: z.number().int(),
  version: z.number().int(),
});
export type TPart = z.infer<typeof ZPart>;

export const ZCreatePart = z.strictObject({
  pn: singleLineText().min(1).max(100),
  description: singleLineText().min(1).max(300),
  vendor: singleLineText().max(100).optional(),
  tracking: ZPartTracking,
});
export type TCreatePart = z.infer<typeof ZCreatePart>;

export const ZPartQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TPartQuery = z.infer<typeof ZPartQuery>;

export const ZStockLocation = z.object({
  id: z.number().int(),
  kind: ZStockLocationKind,
  name: z.string(),
  user: ZRef.nullable(),
  customer: ZRef.nullable(),
});
export type TStockLocation = z.infer<typeof ZStockLocation>;

export const ZCreateStockLocation = z.strictObject({
  kind: z.enum(['store', 'vendor']),
  name: singleLineText().min(1).max(100),
});
export type TCreateStockLocation = z.infer<typeof ZCreateStockLocation>;

/** Who tested a part and the result: the record without which nothing is stocked in (R-INST-9). */
export const ZInspectionInput = z.strictObject({
  result: z.enum(['pass', 'fail']),
  note: z.string().trim().max(2000).optional(),
});
export type TInspectionInput = z.infer<typeof ZInspectionInput>;
export const ZInspection = z.object({
  id: z.number().int(),
  result: z.enum(['pass', 'fail']),
  note: z.string().nullable(),
  inspectedBy: ZRef.nullable(),
  inspectedAt: ZTimestamp,
});

/** A movement asked for by hand: a receipt (from outside), a transfer, or taking out of stock (to outside). */
export const ZCreateStockMovement = z.strictObject({
  partId: ZId,
  sn: singleLineText().min(1).max(100).optional(),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  fromLocationId: ZId.nullable(),
  toLocationId: ZId.nullable(),
  reason: singleLineText().min(1).max(500),
  serviceRequestId: ZId.optional(),
  /** Required when stocking in from outside or from the vendor (R-INST-9). */
  inspection: ZInspectionInput.optional(),
});
export type TCreateStockMovement = z.input<typeof ZCreateStockMovement>;

export const ZStockMovement = z.object({
  id: z.number().int(),
  part: z.object({ id: z.number().int(), pn: z.string() }),
  sn: z.string().nullable(),
  quantity: z.number().int(),
  from: ZRef.nullable(),
  to: ZRef.nullable(),
  kind: ZStockMovementKind,
  reason: z.string(),
  by: ZRef.nullable(),
  at: ZTimestamp,
  serviceRequest: ZNumberRef.nullable(),
  loanId: z.number().int().nullable(),
  tagId: z.number().int().nullable(),
});
export type TStockMovement = z.infer<typeof ZStockMovement>;

/** Stock by part and location (derived from the ledger; never edited). */
export const ZStockLine = z.object({
  part: z.object({ id: z.number().int(), pn: z.string(), description: z.string(), tracking: ZPartTracking }),
  location: ZRef.extend({ kind: ZStockLocationKind }),
  quantity: z.number().int(),
  /** SN-tracked parts: the units there. */
  serials: z.array(z.string()),
});
export type TStockLine = z.infer<typeof ZStockLine>;
export const ZStockQuery = ZPageQuery.extend({
  partId: z.coerce.number().int().positive().optional(),
  locationId: z.coerce.number().int().positive().optional(),
  locationKind: ZStockLocationKind.optional(),
}).strict();
export type TStockQuery = z.infer<typeof ZStockQuery>;

export const ZPartDetail = ZPart.extend({
  stock: z.array(ZStockLine),
  movements: z.array(ZStockMovement),
});
export type TPartDetail = z.infer<typeof ZPartDetail>;

// ── Loans 备件借用单 ──

export const LOAN_PURPOSES = ['replacement', 'substitute', 'loan', 'test'] as const;
export const ZLoanPurpose = z.enum(LOAN_PURPOSES);
export type TLoanPurpose = z.infer<typeof ZLoanPurpose>;
export const LOAN_PURPOSE_LABELS = {
  replacement: { zh: '更换', en: 'Replacement' },
  substitute: { zh: '替代', en: 'Substitute' },
  loan: { zh: '借用', en: 'Loan' },
  test: { zh: '测试', en: 'Test' },
} as const;

export const LOAN_STATES = ['requested', 'open', 'returned', 'rejected'] as const;
export const ZLoanState = z.enum(LOAN_STATES);
export type TLoanState = z.infer<typeof ZLoanState>;
export const LOAN_STATE_LABELS = {
  requested: { zh: '待审批', en: 'Awaiting approval' },
  open: { zh: '借出中', en: 'Out on loan' },
  returned: { zh: '已归还', en: 'Returned' },
  rejected: { zh: '已拒绝', en: 'Rejected' },
} as const;

export const RETURN_CONDITIONS = ['good', 'faulty', 'kept'] as const;
export const ZReturnCondition = z.enum(RETURN_CONDITIONS);
export const RETURN_CONDITION_LABELS = {
  good: { zh: '完好', en: 'Good' },
  faulty: { zh: '故障', en: 'Faulty' },
  kept: { zh: '客户留用', en: 'Kept by the customer' },
} as const;

export const ZPartLoan = z.object({
  id: z.number().int(),
  number: z.string(),
  part: z.object({ id: z.number().int(), pn: z.string(), description: z.string() }),
  sn: z.string().nullable(),
  quantity: z.number().int(),
  purpose: ZLoanPurpose,
  state: ZLoanState,
  emergency: z.boolean(),
  /** Emergency loans: taken before the manager approved; pending until he does. */
  paperworkPending: z.boolean(),
  paperworkEscalatedAt: ZTimestamp.nullable(),
  borrower: ZRef,
  from: ZRef,
  customer: ZRef,
  serviceRequest: ZNumberRef.nullable(),
  approvedBy: ZRef.nullable(),
  approvedAt: ZTimestamp.nullable(),
  borrowedAt: ZTimestamp.nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** A part not yet recorded in stock, tested before use. */
  testedBeforeUse: z.object({ by: ZRef.nullable(), at: ZTimestamp, note: z.string().nullable() }).nullable(),
  returnedAt: ZTimestamp.nullable(),
  returnCondition: ZReturnCondition.nullable(),
  returnNote: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TPartLoan = z.infer<typeof ZPartLoan>;

export const ZCreatePartLoan = z.strictObject({
  partId: ZId,
  sn: singleLineText().min(1).max(100).optional(),
  quantity: z.number().int().min(1).max(10_000).default(1),
  purpose: ZLoanPurpose,
  /** The store or bag it is taken from; the main store when not given. */
  fromLocationId: ZId.optional(),
  customerId: ZId,
  serviceRequestId: ZId.optional(),
  dueDate: ZDateInput,
  /** Taken at once, before approval: paperwork pending, the manager notified. */
  emergency: z.boolean().default(false),
  /** A part not yet recorded in stock (an SN the ledger does not know) must be tested first. */
  test: ZInspectionInput.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type TCreatePartLoan = z.input<typeof ZCreatePartLoan>;

export const ZApprovePartLoan = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const ZReturnPartLoan = z.strictObject({
  condition: ZReturnCondition,
  /** Where a good part goes back to; the main store when not given. */
  toLocationId: ZId.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type TReturnPartLoan = z.infer<typeof ZReturnPartLoan>;

export const ZPartLoanQuery = ZPageQuery.extend({
  state: ZLoanState.optional(),
  /** Open loans past their due date. */
  overdue: z.enum(['true', 'false']).optional(),
  paperworkPending: z.enum(['true', 'false']).optional(),
  serviceRequestId: z.coerce.number().int().positive().optional(),
  borrowerId: z.coerce.number().int().positive().optional(),
}).strict();
export type TPartLoanQuery = z.infer<typeof ZPartLoanQuery>;

// ── Faulty part tag 故障件标签 ──

export const TAG_CONDITIONS = ['good', 'faulty'] as const;
export const ZTagCondition = z.enum(TAG_CONDITIONS);
export const TAG_CONDITION_LABELS = { good: { zh: '良好', en: 'Good' }, faulty: { zh: '故障', en: 'Faulty' } } as const;
export const TAG_DISPOSITIONS = ['repair', 'rma', 'scrap'] as const;
export const ZTagDisposition = z.enum(TAG_DISPOSITIONS);
export type TTagDisposition = z.infer<typeof ZTagDisposition>;
export const TAG_DISPOSITION_LABELS = {
  repair: { zh: '送修', en: 'To repair' },
  rma: { zh: '退回商务', en: 'Returned to commerce' },
  scrap: { zh: '报废', en: 'Scrapped' },
} as const;

export const ZFaultyPartTag = z.object({
  id: z.number().int(),
  number: z.string(),
  part: z.object({ id: z.number().int(), pn: z.string() }).nullable(),
  pn: z.string(),
  sn: z.string().nullable(),
  customer: ZRef.nullable(),
  unitSn: z.string().nullable(),
  serviceRequest: ZNumberRef.nullable(),
  fault: z.string(),
  removedDate: z.string(),
  engineer: ZRef.nullable(),
  condition: ZTagCondition,
  disposition: ZTagDisposition.nullable(),
  /** The vendor's case number of a return to commerce (RMA). */
  rmaCaseNumber: z.string().nullable(),
  receivedAt: ZTimestamp.nullable(),
  receivedBy: ZRef.nullable(),
  inspection: ZInspection.nullable(),
  restockedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TFaultyPartTag = z.infer<typeof ZFaultyPartTag>;

export const ZCreateFaultyPartTag = z.strictObject({
  partId: ZId.optional(),
  pn: singleLineText().min(1).max(100),
  sn: singleLineText().max(100).optional(),
  customerId: ZId.optional(),
  unitSn: singleLineText().max(100).optional(),
  serviceRequestId: ZId.optional(),
  fault: z.string().trim().min(1).max(2000),
  removedDate: ZDateInput,
  condition: ZTagCondition,
  disposition: ZTagDisposition.optional(),
});
export type TCreateFaultyPartTag = z.infer<typeof ZCreateFaultyPartTag>;

export const ZTagDispositionInput = z.strictObject({
  version: z.number().int(),
  disposition: ZTagDisposition,
  rmaCaseNumber: singleLineText().max(100).optional(),
});
export type TTagDispositionInput = z.infer<typeof ZTagDispositionInput>;

export const ZInspectTag = z.strictObject({
  version: z.number().int(),
  result: z.enum(['pass', 'fail']),
  note: z.string().trim().max(2000).optional(),
  /** Stock the part back in (only on a pass; the part must be in the catalogue): the main store when not given. */
  restock: z.boolean().default(false),
  toLocationId: ZId.optional(),
});
export type TInspectTag = z.input<typeof ZInspectTag>;

export const ZFaultyPartTagQuery = ZPageQuery.extend({
  disposition: ZTagDisposition.optional(),
  received: z.enum(['true', 'false']).optional(),
  serviceRequestId: z.coerce.number().int().positive().optional(),
}).strict();
export type TFaultyPartTagQuery = z.infer<typeof ZFaultyPartTagQuery>;

/** R-PM-7/8 (parts side): what of a request's parts is not back yet. */
export const ZPartsBroughtBack = z.object({
  complete: z.boolean(),
  openLoans: z.array(ZNumberRef),
  tagsNotReceived: z.array(ZNumberRef),
});
export const ZPartsBroughtBackQuery = z.strictObject({ serviceRequestId: ZId });

export const ZPartFormQuery = z.strictObject({
  lang: z.enum(['zh-CN', 'en']).optional(),
  paper: z.enum(['a4', 'label']).optional(),
});
