import { ZGuardOverride } from './guards';
import { z } from 'zod';
import { singleLineText } from './text';
import { ZPage, ZPageQuery, ZRef, ZTimestamp } from './common';
import { ZCustomerRef } from './customers';
import type { TRole } from './roles';
import { bilingual } from './validation-messages';

/** A calendar date, `YYYY-MM-DD`, as stored and sent. */
export const ZIsoDate = z.iso.date();

/** Money in fen (分): integers only, never floats. */
export const ZFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ZUserRef = ZRef;
export type TUserRef = z.infer<typeof ZUserRef>;

// ── R-SCOPE-1: the six service kinds ──

export const SERVICE_KINDS = [
  'distribution_standard',
  'onsite_maintenance',
  'routine_inspection',
  'consulting',
  'outsourcing',
  'spare_parts',
] as const;
export const ZServiceKind = z.enum(SERVICE_KINDS);
export type TServiceKind = z.infer<typeof ZServiceKind>;

export const SERVICE_KIND_LABELS: Record<TServiceKind, { zh: string; en: string; scopeZh: string; scopeEn: string }> = {
  distribution_standard: {
    zh: '产品标准分销服务',
    en: 'Product distribution standard service',
    scopeZh: '验货、客户签收、基本安装、售前售后远程电话支持',
    scopeEn: 'Goods inspection, customer sign-off, basic installation, remote phone support pre/post-sales',
  },
  onsite_maintenance: {
    zh: '现场维护服务',
    en: 'On-site maintenance',
    scopeZh: '突发响应现场修复支持或安装服务',
    scopeEn: 'Emergency on-site repair or installation',
  },
  routine_inspection: {
    zh: '例行检查服务',
    en: 'Routine service inspection',
    scopeZh: '服务合同内定期例行预防性检查；厂商标准增值服务（延长原厂保修年限、服务范围、地区）',
    scopeEn:
      'Periodic preventive inspection under a service contract; vendor value-added services (extended warranty years, scope, region)',
  },
  consulting: {
    zh: '技术顾问服务',
    en: 'Technical consulting',
    scopeZh: '售前售后咨询、售前方案设计、技术培训',
    scopeEn: 'Pre/post-sales consulting, solution design, training',
  },
  outsourcing: { zh: '外包服务', en: 'Outsourcing', scopeZh: '技术服务外包', scopeEn: 'Outsourced technical service' },
  spare_parts: {
    zh: '备品备件服务',
    en: 'Spare parts service',
    scopeZh: '备品备件的提供与更换',
    scopeEn: 'Provision and replacement of spare parts',
  },
};

// ── R-ORG-2: departments, phases and the nine lifecycle stages ──

export const DEPARTMENTS = ['sales', 'tech', 'commerce'] as const;
export const ZDepartment = z.enum(DEPARTMENTS);
export type TDepartment = z.infer<typeof ZDepartment>;

export const DEPARTMENT_LABELS: Record<TDepartment, { zh: string; en: string }> = {
  sales: { zh: '销售部门', en: 'Sales' },
  tech: { zh: '技术部门', en: 'Technical department' },
  commerce: { zh: '商务部门', en: 'Commerce' },
};

/** The roles that act for each department (R-ORG-1). */
export const DEPARTMENT_ROLES: Record<TDepartment, readonly TRole[]> = {
  sales: ['sales'],
  tech: ['tech_manager', 'project_manager'],
  commerce: ['commerce'],
};

export const PHASES = ['pre_sales', 'in_sales', 'after_sales'] as const;
export type TPhase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<TPhase, { zh: string; en: string }> = {
  pre_sales: { zh: '售前', en: 'Pre-sales' },
  in_sales: { zh: '售中', en: 'In-sales' },
  after_sales: { zh: '售后', en: 'After-sales' },
};

export interface TStageDef {
  no: number;
  code: string;
  zh: string;
  en: string;
  /** What the stage covers, from the rulebook's table. */
  activitiesZh: string;
  activitiesEn: string;
  /** Null where the rulebook's table gives none. */
  phase: TPhase | null;
  /** 全面负责 — leads. */
  lead: TDepartment;
  /** 协助 — assist. */
  assist: readonly TDepartment[];
}

/** The rulebook's table of the contract lifecycle (seed §3), exactly. */
export const CONTRACT_STAGES = [
  {
    no: 1,
    code: 'customer_demand',
    zh: '客户需求',
    en: 'Customer demand',
    activitiesZh: '挖掘、寻找、细分（新老、大小客户等）',
    activitiesEn: 'Find, develop and segment customers (new / existing, large / small)',
    phase: null,
    lead: 'sales',
    assist: ['tech'],
  },
  {
    no: 2,
    code: 'sales_analysis',
    zh: '销售分析',
    en: 'Sales analysis',
    activitiesZh: '采集、整理、分解、归纳、取舍、评估、过滤',
    activitiesEn: 'Collect, organise, break down, summarise, select, evaluate, filter',
    phase: 'pre_sales',
    lead: 'sales',
    assist: ['tech'],
  },
  {
    no: 3,
    code: 'solution_design',
    zh: '方案设计',
    en: 'Solution design',
    activitiesZh: '评审、报价、方案、建议、报价单、投标',
    activitiesEn: 'Review, pricing, solution, proposal, quotation, bid',
    phase: 'pre_sales',
    lead: 'tech',
    assist: ['sales', 'commerce'],
  },
  {
    no: 4,
    code: 'contract_signing',
    zh: '合同签订',
    en: 'Contract signing',
    activitiesZh: '条款商定、付款、报酬、承诺、核对',
    activitiesEn: 'Agree terms, payment, remuneration, commitments; verify',
    phase: null,
    lead: 'sales',
    assist: ['commerce'],
  },
  {
    no: 5,
    code: 'commerce_order',
    zh: '商务下单',
    en: 'Commerce order',
    activitiesZh: '询价、核对',
    activitiesEn: 'Request quotations, verify',
    phase: null,
    lead: 'commerce',
    assist: ['sales'],
  },
  {
    no: 6,
    code: 'contract_execution',
    zh: '合同实施',
    en: 'Contract execution',
    activitiesZh: '方案实施、项目管理',
    activitiesEn: 'Implement the solution, project management',
    phase: 'in_sales',
    lead: 'tech',
    assist: ['sales'],
  },
  {
    no: 7,
    code: 'project_acceptance',
    zh: '项目验收',
    en: 'Project acceptance',
    activitiesZh: '安装文档、维护报告、测试验收报告、项目总结',
    activitiesEn: 'Installation documents, maintenance reports, test and acceptance report, project summary',
    phase: 'in_sales',
    lead: 'tech',
    assist: ['sales'],
  },
  {
    no: 8,
    code: 'payment_collection',
    zh: '合同收款',
    en: 'Payment collection',
    activitiesZh: '细节处理',
    activitiesEn: 'Settle the details',
    phase: null,
    lead: 'sales',
    assist: ['commerce'],
  },
  {
    no: 9,
    code: 'warranty_maintenance',
    zh: '保修维护',
    en: 'Warranty maintenance',
    activitiesZh: '产品标准服务程序、增值服务程序、客户需求反馈',
    activitiesEn: 'Standard product service procedure, value-added service procedure, customer feedback',
    phase: 'after_sales',
    lead: 'tech',
    assist: ['sales'],
  },
] as const satisfies readonly TStageDef[];

export type TStage = (typeof CONTRACT_STAGES)[number]['code'];
export const STAGE_CODES = CONTRACT_STAGES.map((s) => s.code) as [TStage, ...TStage[]];
export const ZStage = z.enum(STAGE_CODES);

export function stageDef(code: TStage): TStageDef {
  return CONTRACT_STAGES.find((s) => s.code === code) as TStageDef;
}

/** The departments that lead or assist a stage. */
export function stageDepartments(code: TStage): TDepartment[] {
  const s = stageDef(code);
  return [s.lead, ...s.assist];
}

/**
 * R-ORG-2: who may move a contract from one stage to another — a role of a department
 * leading or assisting the current or the target stage, or an administrator. (The
 * route also requires `contracts.stage`.)
 */
export function mayMoveStage(roles: readonly TRole[], from: TStage, to: TStage): boolean {
  if (roles.includes('admin')) return true;
  const departments = new Set([...stageDepartments(from), ...stageDepartments(to)]);
  return [...departments].some((d) => DEPARTMENT_ROLES[d].some((r) => roles.includes(r)));
}

// ── Status ──

export const CONTRACT_STATUSES = ['draft', 'active', 'expired', 'terminated'] as const;
export const ZContractStatus = z.enum(CONTRACT_STATUSES);
export type TContractStatus = z.infer<typeof ZContractStatus>;
export const CONTRACT_STATUS_LABELS: Record<TContractStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  active: { zh: '执行中', en: 'Active' },
  expired: { zh: '已到期', en: 'Expired' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

// ── Service commitments (entitlement, R-EMER-3) ──

export const COVERAGE_KINDS = ['5x8', '7x24', 'custom'] as const;
/** Days are ISO weekdays (1 = Monday … 7 = Sunday); hours are [start, end) in the company's time zone. */
export const COVERAGE_PRESETS = {
  '5x8': { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
  '7x24': { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24 },
} as const;

const ZWeekdays = z.array(z.number().int().min(1).max(7)).min(1).max(7);
const ZHourOfDay = z.number().int().min(0).max(24);

export const ZCoverage = z.object({
  kind: z.enum(COVERAGE_KINDS),
  days: z.array(z.number().int()),
  startHour: z.number().int(),
  endHour: z.number().int(),
});
export type TCoverage = z.infer<typeof ZCoverage>;

export const ZCoverageInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('5x8') }),
  z.strictObject({ kind: z.literal('7x24') }),
  z
    .strictObject({ kind: z.literal('custom'), days: ZWeekdays, startHour: ZHourOfDay, endHour: ZHourOfDay })
    .refine((c) => c.endHour > c.startHour, bilingual({ zh: '应晚于开始时', en: 'must be after startHour' }, ['endHour'])),
]);
export type TCoverageInput = z.infer<typeof ZCoverageInput>;

const ZHours = z.number().positive().max(8760);
const ZCount = z.number().int().min(0).max(10_000);

export const ZServiceCommitments = z.object({
  coverage: ZCoverage,
  /** Hours from the call to the first response, to the engineer on site, to resolution. */
  responseHours: z.number().nullable(),
  arrivalHours: z.number().nullable(),
  resolutionHours: z.number().nullable(),
  /** Routine inspections (PM) per year (R-PM-1). */
  pmVisitsPerYear: z.number().int().nullable(),
  /** On-site visits included; null: as needed. */
  onsiteVisitsIncluded: z.number().int().nullable(),
  trainingDays: z.number().nullable(),
  trainingAttendees: z.number().int().nullable(),
  warrantyMonths: z.number().int().nullable(),
  warrantyStart: ZIsoDate.nullable(),
  warrantyEnd: ZIsoDate.nullable(),
  /** Vendor value-added service (R-SCOPE-1 (3)): extra warranty years, scope, region. */
  vendorExtraYears: z.number().int().nullable(),
  vendorScope: z.string().nullable(),
  vendorRegion: z.string().nullable(),
  /** R-SCOPE-2: support is remote; warranty needs no site visit. */
  remoteOnly: z.boolean(),
});
export type TServiceCommitments = z.infer<typeof ZServiceCommitments>;

/**
 * Commitments as sent: every field optional. On create a missing field takes its
 * default (coverage 5x8, remoteOnly true only for pure distribution); on edit it is
 * left as it was.
 */
export const ZServiceCommitmentsInput = z.strictObject({
  coverage: ZCoverageInput.optional(),
  responseHours: ZHours.nullable().optional(),
  arrivalHours: ZHours.nullable().optional(),
  resolutionHours: ZHours.nullable().optional(),
  pmVisitsPerYear: z.number().int().min(0).max(365).nullable().optional(),
  onsiteVisitsIncluded: ZCount.nullable().optional(),
  trainingDays: z.number().min(0).max(365).nullable().optional(),
  trainingAttendees: ZCount.nullable().optional(),
  warrantyMonths: z.number().int().min(0).max(600).nullable().optional(),
  warrantyStart: ZIsoDate.nullable().optional(),
  warrantyEnd: ZIsoDate.nullable().optional(),
  vendorExtraYears: z.number().int().min(0).max(50).nullable().optional(),
  vendorScope: z.string().trim().max(1000).nullable().optional(),
  vendorRegion: singleLineText().max(200).nullable().optional(),
  remoteOnly: z.boolean().optional(),
});
export type TServiceCommitmentsInput = z.infer<typeof ZServiceCommitmentsInput>;

/** R-SCOPE-2: the default of `remoteOnly` — true when the only kind is distribution. */
export function defaultRemoteOnly(kinds: readonly TServiceKind[]): boolean {
  return kinds.length > 0 && kinds.every((k) => k === 'distribution_standard');
}

/** Kinds that are delivered on site by definition: a remote-only contract cannot carry them. */
export const ONSITE_KINDS: readonly TServiceKind[] = ['onsite_maintenance', 'routine_inspection'];

// ── Items and the contract itself. R-ORG-5: prices only for `contracts.prices`. ──

const ZContractItemBase = z.object({
  id: z.number().int(),
  lineNo: z.number().int(),
  description: z.string(),
  model: z.string().nullable(),
  quantity: z.number().int(),
});
/** An item as technical roles see it: what and how many, no price. */
export const ZContractItemMasked = ZContractItemBase;
export const ZContractItem = ZContractItemBase.extend({ unitPrice: ZFen, amount: ZFen });
export type TContractItem = z.infer<typeof ZContractItem>;
export type TContractItemMasked = z.infer<typeof ZContractItemMasked>;

export const ZContractItemInput = z.strictObject({
  description: z.string().trim().min(1).max(500),
  model: singleLineText().max(200).nullable().optional(),
  quantity: z.number().int().min(1).max(1_000_000),
  unitPrice: ZFen,
  /** Defaults to quantity × unit price. */
  amount: ZFen.optional(),
});
export type TContractItemInput = z.infer<typeof ZContractItemInput>;

export const ZStageChange = z.object({
  id: z.number().int(),
  fromStage: ZStage.nullable(),
  toStage: ZStage,
  by: ZUserRef.nullable(),
  at: ZTimestamp,
  note: z.string().nullable(),
});
export type TStageChange = z.infer<typeof ZStageChange>;

/** Who leads the contract now: the department of its stage and, where the contract names one, the person. */
export const ZStageLead = z.object({ department: ZDepartment, user: ZUserRef.nullable() });

const ZContractCore = z.object({
  id: z.number().int(),
  number: z.string(),
  customer: ZCustomerRef,
  serviceKinds: z.array(ZServiceKind),
  status: ZContractStatus,
  stage: ZStage,
  stageLead: ZStageLead,
  signedAt: ZIsoDate.nullable(),
  startDate: ZIsoDate.nullable(),
  endDate: ZIsoDate.nullable(),
  salesOwner: ZUserRef.nullable(),
  commerceContact: ZUserRef.nullable(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

/**
 * Every contract leaves the server as one of two shapes, told apart by `pricesVisible`,
 * which the server sets from the reader's `contracts.prices` permission. The masked shape
 * has no price field at all, and its schema strips any that were there.
 */
export const ZContractSummaryMasked = ZContractCore.extend({ pricesVisible: z.literal(false) });
export const ZContractSummary = ZContractCore.extend({ pricesVisible: z.literal(true), totalAmount: ZFen });
export const ZContractSummaryView = z.discriminatedUnion('pricesVisible', [ZContractSummary, ZContractSummaryMasked]);
export type TContractSummaryView = z.infer<typeof ZContractSummaryView>;

/**
 * A contract list's `total` is counted up to this many (or to the end of the page asked for, if
 * deeper); past it `totalCapped` is true and `total` is a lower bound, shown as "1,000+". Counting
 * every match of a common term over the archive costs more than the page itself.
 */
export const CONTRACT_TOTAL_CAP = 1000;

/** A page of contracts: `{ items, total, totalCapped, page, pageSize }`. */
export const ZContractPage = ZPage(ZContractSummaryView).extend({ totalCapped: z.boolean() });
export type TContractPage = z.infer<typeof ZContractPage>;

const ZContractDetailBase = ZContractCore.extend({
  notes: z.string().nullable(),
  commitments: ZServiceCommitments,
  stageHistory: z.array(ZStageChange),
});
export const ZContractMasked = ZContractDetailBase.extend({ pricesVisible: z.literal(false), items: z.array(ZContractItemMasked) });
export const ZContract = ZContractDetailBase.extend({ pricesVisible: z.literal(true), totalAmount: ZFen, items: z.array(ZContractItem) });
export const ZContractView = z.discriminatedUnion('pricesVisible', [ZContract, ZContractMasked]);
export type TContract = z.infer<typeof ZContract>;
export type TContractMasked = z.infer<typeof ZContractMasked>;
export type TContractView = z.infer<typeof ZContractView>;

const contractFields = {
  /** The commercial contract's own number; omitted: one is allocated (`HT-2026-00042`). */
  number: singleLineText().min(1).max(60),
  customerId: z.number().int().positive(),
  serviceKinds: z.array(ZServiceKind).min(1).max(SERVICE_KINDS.length),
  status: ZContractStatus,
  signedAt: ZIsoDate.nullable(),
  startDate: ZIsoDate.nullable(),
  endDate: ZIsoDate.nullable(),
  salesOwnerId: z.number().int().positive().nullable(),
  commerceContactId: z.number().int().positive().nullable(),
  notes: z.string().trim().max(4000).nullable(),
  /** Defaults to the sum of the items' amounts. */
  totalAmount: ZFen,
  items: z.array(ZContractItemInput).max(1000),
  commitments: ZServiceCommitmentsInput,
};

export const ZCreateContract = z.strictObject({
  number: contractFields.number.optional(),
  customerId: contractFields.customerId,
  serviceKinds: contractFields.serviceKinds,
  status: contractFields.status.default('draft'),
  /** The stage the contract enters the system at (recorded as its first stage change). */
  stage: ZStage.default('customer_demand'),
  signedAt: contractFields.signedAt.optional(),
  startDate: contractFields.startDate.optional(),
  endDate: contractFields.endDate.optional(),
  salesOwnerId: contractFields.salesOwnerId.optional(),
  commerceContactId: contractFields.commerceContactId.optional(),
  notes: contractFields.notes.optional(),
  totalAmount: contractFields.totalAmount.optional(),
  items: contractFields.items.default([]),
  commitments: contractFields.commitments.default({}),
});
export type TCreateContract = z.infer<typeof ZCreateContract>;

/** Stage changes go through `POST /api/contracts/:id/stage`; `items` replaces all items. */
export const ZUpdateContract = z.strictObject({
  version: z.number().int(),
  number: contractFields.number.optional(),
  customerId: contractFields.customerId.optional(),
  serviceKinds: contractFields.serviceKinds.optional(),
  status: contractFields.status.optional(),
  signedAt: contractFields.signedAt.optional(),
  startDate: contractFields.startDate.optional(),
  endDate: contractFields.endDate.optional(),
  salesOwnerId: contractFields.salesOwnerId.optional(),
  commerceContactId: contractFields.commerceContactId.optional(),
  notes: contractFields.notes.optional(),
  totalAmount: contractFields.totalAmount.optional(),
  items: contractFields.items.optional(),
  commitments: contractFields.commitments.optional(),
});
export type TUpdateContract = z.infer<typeof ZUpdateContract>;

export const ZMoveStage = z.strictObject({
  stage: ZStage,
  note: z.string().trim().max(2000).nullable().optional(),
  /** A technical manager's written reason to pass a guard of the move (R-INST-8: acceptance without a signed report). */
  override: ZGuardOverride.optional(),
});
export type TMoveStage = z.infer<typeof ZMoveStage>;

export const ZContractStages = z.object({ stage: ZStage, stageLead: ZStageLead, items: z.array(ZStageChange) });
export type TContractStages = z.infer<typeof ZContractStages>;

export const CONTRACT_SORTS = ['-signedAt', 'signedAt', '-endDate', 'endDate', 'number', '-number', '-createdAt', 'createdAt'] as const;

export const ZContractQuery = ZPageQuery.extend({
  /** Contract number, customer name or notes contains. */
  q: z.string().trim().max(100).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  serviceKind: ZServiceKind.optional(),
  status: ZContractStatus.optional(),
  stage: ZStage.optional(),
  salesOwnerId: z.coerce.number().int().positive().optional(),
  endFrom: ZIsoDate.optional(),
  endTo: ZIsoDate.optional(),
  sort: z.enum(CONTRACT_SORTS).default('-signedAt'),
}).strict();
export type TContractQuery = z.infer<typeof ZContractQuery>;
