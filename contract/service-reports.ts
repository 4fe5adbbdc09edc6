import { z } from 'zod';
import type { TBilingual } from './bilingual';
import { ZChecklistAnswers, ZChecklistItem } from './checklists';
import { ZDateInput, ZPageQuery, ZRef, ZTimestamp } from './common';
import { singleLineText } from './text';

// ── Customer-signed reports: service (R-INST-6, R-PM-7), installation and acceptance (R-INST-8) ──

export const SERVICE_REPORT_KINDS = ['service', 'installation', 'acceptance'] as const;
export const ZServiceReportKind = z.enum(SERVICE_REPORT_KINDS);
export type TServiceReportKind = z.infer<typeof ZServiceReportKind>;

export const SERVICE_REPORT_KIND_LABELS: Record<TServiceReportKind, TBilingual> = {
  service: { zh: '客户服务报告', en: 'Customer service report' },
  installation: { zh: '安装报告', en: 'Installation report' },
  acceptance: { zh: '验收报告', en: 'Acceptance report' },
};

export const SERVICE_REPORT_STATES = ['draft', 'signed', 'superseded'] as const;
export const ZServiceReportState = z.enum(SERVICE_REPORT_STATES);
export type TServiceReportState = z.infer<typeof ZServiceReportState>;
export const SERVICE_REPORT_STATE_LABELS: Record<TServiceReportState, TBilingual> = {
  draft: { zh: '草稿', en: 'Draft' },
  signed: { zh: '已签字', en: 'Signed' },
  superseded: { zh: '已更正', en: 'Corrected' },
};

export const REPORT_RESULTS = ['resolved', 'pending'] as const;
export const REPORT_RESULT_LABELS: Record<(typeof REPORT_RESULTS)[number], TBilingual> = {
  resolved: { zh: '已解决', en: 'Resolved' },
  pending: { zh: '未解决（待跟进）', en: 'Pending (next step)' },
};
export const ACCEPTANCE_CONCLUSIONS = ['accepted', 'accepted_with_conditions', 'rejected'] as const;
export type TAcceptanceConclusion = (typeof ACCEPTANCE_CONCLUSIONS)[number];
export const ACCEPTANCE_CONCLUSION_LABELS: Record<TAcceptanceConclusion, TBilingual> = {
  accepted: { zh: '验收通过', en: 'Accepted' },
  accepted_with_conditions: { zh: '有条件通过', en: 'Accepted with conditions' },
  rejected: { zh: '不通过', en: 'Rejected' },
};

const line = (max = 200) => singleLineText().max(max);
const text = (max = 4000) => z.string().trim().max(max);

const ZUnit = z.strictObject({ model: line(), pn: line(80).optional(), sn: line(80).optional(), location: line().optional() });
const ZPartSwap = z.strictObject({ oldPn: line(80), oldSn: line(80), newPn: line(80), newSn: line(80), reason: line(400).optional() });
const ZTestRun = z.strictObject({ name: line(), result: line(400) });
const ZProblem = z.strictObject({ problem: text(1000), solution: text(1000) });
const ZOutOfContract = z.strictObject({ request: text(1000), answer: text(1000) });
const ZOpenItem = z.strictObject({ item: line(400), owner: line(100), dueDate: ZDateInput });
const ZAcceptedUnit = z.strictObject({ model: line(), sn: line(80).optional(), quantity: z.number().int().min(1).max(100000) });

/**
 * The form's fields, one shape for the three kinds (each prints its own). Pre-filled from the
 * request and its visit(s) when the report is made; the engineer edits them while it is a draft.
 */
export const ZReportFields = z.strictObject({
  contactName: line(100).nullable().optional(),
  contactPhone: line(40).nullable().optional(),
  /** Where the signed PDF is e-mailed. */
  contactEmail: z.email().max(200).nullable().optional(),
  siteAddress: line(400).nullable().optional(),
  engineers: z.array(line(100)).max(20).optional(),
  arrivedAt: ZTimestamp.nullable().optional(),
  departedAt: ZTimestamp.nullable().optional(),
  units: z.array(ZUnit).max(200).optional(),
  // service
  faultFound: text().nullable().optional(),
  workDone: text().nullable().optional(),
  partsReplaced: z.array(ZPartSwap).max(50).optional(),
  result: z.enum(REPORT_RESULTS).nullable().optional(),
  nextStep: text(1000).nullable().optional(),
  customerComments: text(2000).nullable().optional(),
  satisfaction: z.number().int().min(1).max(5).nullable().optional(),
  // installation
  dates: line(200).nullable().optional(),
  configuration: text().nullable().optional(),
  tests: z.array(ZTestRun).max(100).optional(),
  problems: z.array(ZProblem).max(100).optional(),
  outOfContract: z.array(ZOutOfContract).max(50).optional(),
  openItems: z.array(ZOpenItem).max(100).optional(),
  // acceptance
  project: line(200).nullable().optional(),
  acceptanceDate: ZDateInput.nullable().optional(),
  unitsAccepted: z.array(ZAcceptedUnit).max(200).optional(),
  documentsHandedOver: z.array(line(200)).max(100).optional(),
  conclusion: z.enum(ACCEPTANCE_CONCLUSIONS).nullable().optional(),
  conditions: text(2000).nullable().optional(),
});
export type TReportFields = z.infer<typeof ZReportFields>;

export const ZSignerRole = z.enum(['customer', 'engineer', 'manager']);
export type TSignerRole = z.infer<typeof ZSignerRole>;
export const SIGNER_ROLE_LABELS: Record<TSignerRole, TBilingual> = {
  customer: { zh: '客户签字', en: 'Customer signature' },
  engineer: { zh: '工程师签字', en: 'Engineer signature' },
  manager: { zh: '公司代表签字', en: 'Company signature' },
};
/** Who must sign each kind; the customer always (R-INST-6), both sides on an acceptance (R-INST-8). */
export const REQUIRED_SIGNERS: Record<TServiceReportKind, readonly TSignerRole[]> = {
  service: ['customer'],
  installation: ['customer'],
  acceptance: ['customer', 'manager'],
};

export const ZReportSignature = z.object({
  id: z.number().int(),
  role: z.string(),
  signerName: z.string(),
  method: z.enum(['pad', 'scan']),
  signedAt: ZTimestamp,
  contentHash: z.string(),
});

export const ZReportChecklist = z.object({
  templateId: z.number().int(),
  versionNo: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  items: z.array(ZChecklistItem),
  answers: ZChecklistAnswers,
  /** Keys of required items without an answer, and of numbers out of range (flagged on screen and PDF). */
  missing: z.array(z.string()),
  outOfRange: z.array(z.string()),
});

export const ZServiceReport = z.object({
  id: z.number().int(),
  number: z.string(),
  revision: z.number().int(),
  kind: ZServiceReportKind,
  state: ZServiceReportState,
  serviceRequest: z.object({ id: z.number().int(), number: z.string(), kind: z.string(), state: z.string(), description: z.string() }),
  visitId: z.number().int().nullable(),
  customer: ZRef,
  contract: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  fields: ZReportFields,
  checklist: ZReportChecklist.nullable(),
  signatures: z.array(ZReportSignature),
  contentHash: z.string().nullable(),
  signedAt: ZTimestamp.nullable(),
  supersedesId: z.number().int().nullable(),
  documentId: z.number().int().nullable(),
  createdBy: ZRef.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  version: z.number().int(),
});
export type TServiceReport = z.infer<typeof ZServiceReport>;

/** A row of the report list: what the list shows, without the checklist, fields and signatures of the report itself. */
export const ZServiceReportListItem = ZServiceReport.pick({
  id: true,
  number: true,
  revision: true,
  kind: true,
  state: true,
  serviceRequest: true,
  visitId: true,
  customer: true,
  contract: true,
  signedAt: true,
  createdAt: true,
  updatedAt: true,
});
export type TServiceReportListItem = z.infer<typeof ZServiceReportListItem>;

export const ZServiceReportQuery = ZPageQuery.extend({
  serviceRequestId: z.coerce.number().int().positive().optional(),
  contractId: z.coerce.number().int().positive().optional(),
  kind: ZServiceReportKind.optional(),
  state: ZServiceReportState.optional(),
}).strict();
export type TServiceReportQuery = z.infer<typeof ZServiceReportQuery>;

/** A service report from a day's visit, or an installation / acceptance report of an installation request. */
export const ZCreateServiceReport = z.union([
  z.strictObject({ visitId: z.number().int().positive() }),
  z.strictObject({ serviceRequestId: z.number().int().positive(), kind: z.enum(['installation', 'acceptance']) }),
]);
export type TCreateServiceReport = z.infer<typeof ZCreateServiceReport>;

export const ZUpdateServiceReport = z.strictObject({
  version: z.number().int(),
  fields: ZReportFields.optional(),
  /** A template chosen keeps its current version; answers are merged by key. */
  checklist: z.strictObject({ templateId: z.number().int().positive(), answers: ZChecklistAnswers }).nullable().optional(),
});
export type TUpdateServiceReport = z.infer<typeof ZUpdateServiceReport>;

/** Base64 of a PNG/JPEG (at most 1 MB decoded); a data: URL prefix is accepted. */
const ZImageBase64 = z.string().min(1).max(1_500_000);
export const ZSignInput = z.strictObject({
  role: ZSignerRole,
  signerName: line(100).min(1),
  method: z.enum(['pad', 'scan']),
  image: ZImageBase64,
});
export const ZSignServiceReport = z.strictObject({
  version: z.number().int(),
  signatures: z.array(ZSignInput).min(1).max(3),
});
export type TSignServiceReport = z.infer<typeof ZSignServiceReport>;

export const ZServiceReportVerification = z.object({
  id: z.number().int(),
  number: z.string(),
  revision: z.number().int(),
  /** True when the stored content and the stored PDF both match the hashes taken at signing. */
  valid: z.boolean(),
  contentHash: z.string().nullable(),
  recomputedContentHash: z.string().nullable(),
  pdfHash: z.string().nullable(),
  recomputedPdfHash: z.string().nullable(),
  signaturesMatch: z.boolean(),
  signedAt: ZTimestamp.nullable(),
});
export type TServiceReportVerification = z.infer<typeof ZServiceReportVerification>;

// ── Follow-up (R-INST-10) ──

export const FOLLOW_UP_OUTCOMES = ['satisfied', 'problem_remains'] as const;
export const FOLLOW_UP_OUTCOME_LABELS: Record<(typeof FOLLOW_UP_OUTCOMES)[number], TBilingual> = {
  satisfied: { zh: '客户满意', en: 'Satisfied' },
  problem_remains: { zh: '问题仍存在', en: 'Problem remains' },
};
export const FOLLOW_UP_CHANNELS = ['call', 'email'] as const;
export const FOLLOW_UP_CHANNEL_LABELS: Record<(typeof FOLLOW_UP_CHANNELS)[number], TBilingual> = {
  call: { zh: '电话', en: 'Call' },
  email: { zh: '电子邮件', en: 'E-mail' },
};

export const ZFollowUp = z.object({
  id: z.number().int(),
  serviceReportId: z.number().int(),
  reportNumber: z.string(),
  serviceRequest: z.object({ id: z.number().int(), number: z.string() }),
  customer: ZRef,
  engineer: ZRef,
  dueOn: z.string(),
  latestOn: z.string(),
  overdue: z.boolean(),
  state: z.enum(['open', 'done']),
  channel: z.enum(FOLLOW_UP_CHANNELS).nullable(),
  outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
  score: z.number().int().nullable(),
  note: z.string().nullable(),
  doneAt: ZTimestamp.nullable(),
  version: z.number().int(),
});
export type TFollowUp = z.infer<typeof ZFollowUp>;

export const ZFollowUpQuery = ZPageQuery.extend({
  state: z.enum(['open', 'done']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  serviceRequestId: z.coerce.number().int().positive().optional(),
}).strict();
export type TFollowUpQuery = z.infer<typeof ZFollowUpQuery>;

export const ZRecordFollowUp = z
  .strictObject({
    version: z.number().int(),
    channel: z.enum(FOLLOW_UP_CHANNELS),
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    score: z.number().int().min(1).max(5).nullable().optional(),
    note: text(2000).optional(),
  })
  .refine((f) => f.outcome !== 'satisfied' || (f.score !== null && f.score !== undefined), {
    message: 'a satisfied customer gives a score from 1 to 5',
    path: ['score'],
  });
export type TRecordFollowUp = z.infer<typeof ZRecordFollowUp>;

// ── Debrief (R-INST-11) ──

export const ZCreateDebrief = z.strictObject({
  howItWent: text(4000).min(1),
  lessons: text(4000).min(1),
  customerSituation: text(4000).min(1),
});
export type TCreateDebrief = z.infer<typeof ZCreateDebrief>;

/** A debrief is about a closed service request or a held training session (exactly one of the two). */
export const ZDebrief = z.object({
  id: z.number().int(),
  serviceRequest: z.object({ id: z.number().int(), number: z.string(), kind: z.string() }).nullable(),
  trainingSession: z.object({ id: z.number().int(), planNumber: z.string(), course: z.string(), startsAt: ZTimestamp }).nullable(),
  customer: ZRef,
  contract: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  salesOwner: ZRef.nullable(),
  author: ZRef,
  howItWent: z.string(),
  lessons: z.string(),
  customerSituation: z.string(),
  createdAt: ZTimestamp,
});
export type TDebrief = z.infer<typeof ZDebrief>;

/** The week of the technical manager's note to sales: its Monday (company calendar); default this week. */
export const ZDebriefWeekQuery = z.strictObject({ week: ZDateInput.optional(), lang: z.enum(['zh-CN', 'en']).optional() });
export const ZDebriefWeek = z.object({ weekStart: z.string(), weekEnd: z.string(), items: z.array(ZDebrief) });
export type TDebriefWeek = z.infer<typeof ZDebriefWeek>;
