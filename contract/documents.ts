import { z } from 'zod';
import { singleLineText } from './text';
import { ZId, ZPageQuery, ZTimestamp } from './common';
import { type TServiceKind, ZServiceKind } from './contracts';
import { bilingual } from './validation-messages';

/**
 * What an upload may be: each kind the server recognises from the content (never from the
 * name), its media type and the file-name extensions that may declare it. Anything else —
 * HTML, SVG, XML, scripts, executables, unknown binaries — is refused. The web's upload
 * pickers take their `accept` list from here.
 */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  tiff: { mime: 'image/tiff', extensions: ['tif', 'tiff'] },
  zip: { mime: 'application/zip', extensions: ['zip'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'] },
  doc: { mime: 'application/msword', extensions: ['doc'] },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'] },
  ppt: { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'] },
  /** UTF-8 or GB18030 text without NULs or control bytes; served as text/plain with its charset. */
  text: { mime: 'text/plain', extensions: ['txt', 'csv', 'tsv', 'log', 'md'] },
} as const satisfies Record<string, { mime: string; extensions: readonly string[] }>;
export type TFileKind = keyof typeof FILE_KINDS;

/** `.pdf,.png,…` for a file picker's `accept` attribute. */
export const UPLOAD_ACCEPT = Object.values(FILE_KINDS)
  .flatMap((k) => k.extensions.map((e) => `.${e}`))
  .join(',');

/** R-FLOW-2, R-ORG-6: every document of the archive has one of these types. */
export const DOCUMENT_TYPES = {
  original_contract: { zh: '合同原件', en: 'Original contract' },
  masked_contract: { zh: '合同副本（去价格）', en: 'Contract copy (prices masked)' },
  solution_design: { zh: '方案设计', en: 'Solution design' },
  bid_technical: { zh: '投标技术部分', en: 'Bid — technical part' },
  installation_report: { zh: '安装报告', en: 'Installation report' },
  acceptance_report: { zh: '验收报告', en: 'Acceptance report' },
  service_report: { zh: '客户服务报告', en: 'Customer service report' },
  delivery_note: { zh: '送货单', en: 'Delivery note' },
  equipment_receipt: { zh: '设备签收单', en: 'Equipment receipt' },
  license_record: { zh: '许可证记录', en: 'License record' },
  media_backup_record: { zh: '介质备份记录', en: 'Media backup record' },
  training_feedback: { zh: '培训反馈表', en: 'Training feedback form' },
  training_sign_in: { zh: '培训签到表', en: 'Training sign-in sheet' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type TDocumentType = keyof typeof DOCUMENT_TYPES;
export const ZDocumentType = z.enum(Object.keys(DOCUMENT_TYPES) as [TDocumentType, ...TDocumentType[]]);

/**
 * R-ORG-5: the original contract carries prices; only `contracts.prices` roles may list or
 * download it (and any document flagged price-sensitive). Everyone else gets the masked copy.
 */
export const PRICE_SENSITIVE_TYPES: readonly TDocumentType[] = ['original_contract'];

/** R-ORG-7: the archive usually holds a copy of these; which department holds the original is recorded. */
export const COPY_TYPES: readonly TDocumentType[] = ['acceptance_report', 'equipment_receipt', 'delivery_note'];

/** R-ORG-7: who holds the original of a copied document. */
export const ORIGINAL_HOLDERS = {
  sales: { zh: '销售部', en: 'Sales' },
  tech: { zh: '技术部', en: 'Technical department' },
  commerce: { zh: '商务部', en: 'Commerce' },
  finance: { zh: '财务部', en: 'Finance' },
  customer: { zh: '客户', en: 'Customer' },
} as const;
export type TOriginalHolder = keyof typeof ORIGINAL_HOLDERS;
export const ZOriginalHolder = z.enum(Object.keys(ORIGINAL_HOLDERS) as [TOriginalHolder, ...TOriginalHolder[]]);

export const DOCUMENT_STATUSES = ['active', 'withdrawn'] as const;
export const ZDocumentStatus = z.enum(DOCUMENT_STATUSES);

export const ZDocumentVersion = z.object({
  /** 1, 2, 3… per document; the highest is the current one. */
  number: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  /** The media type sniffed from the content (never the one the browser declared). */
  mimeType: z.string(),
  sha256: z.string(),
  note: z.string().nullable(),
  uploadedAt: ZTimestamp,
  uploadedById: z.number().int().nullable(),
  uploadedByName: z.string().nullable(),
});
export type TDocumentVersion = z.infer<typeof ZDocumentVersion>;

export const ZDocument = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  /** Null for a document of the customer as a whole (R-GOODS-6 license data, media backups). */
  contractId: z.number().int().nullable(),
  contractNumber: z.string().nullable(),
  type: ZDocumentType,
  title: z.string(),
  notes: z.string().nullable(),
  isCopy: z.boolean(),
  originalHolder: ZOriginalHolder.nullable(),
  originalHolderNote: z.string().nullable(),
  priceSensitive: z.boolean(),
  status: ZDocumentStatus,
  withdrawnAt: ZTimestamp.nullable(),
  withdrawReason: z.string().nullable(),
  latestVersion: ZDocumentVersion,
  versionCount: z.number().int(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TDocument = z.infer<typeof ZDocument>;

/** Multipart form fields arrive as text: booleans as `true`/`false`, ids as digits. */
const ZFormBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const documentFields = {
  title: singleLineText().min(1).max(200),
  notes: optionalText(2000),
  /** Defaults to true for the types of COPY_TYPES. */
  isCopy: ZFormBoolean.optional(),
  originalHolder: z
    .union([ZOriginalHolder, z.literal('').transform(() => null)])
    .nullable()
    .optional(),
  originalHolderNote: optionalText(200),
  /** Always true for the original contract. */
  priceSensitive: ZFormBoolean.optional(),
};

/**
 * `POST /api/documents`: multipart form with these fields and one `file` part. The document
 * belongs to a contract (its customer is taken from it) or, without one, to a customer.
 */
export const ZCreateDocument = z
  .strictObject({
    contractId: ZId.optional(),
    customerId: ZId.optional(),
    type: ZDocumentType,
    ...documentFields,
    /** Note on the first version. */
    versionNote: optionalText(500),
  })
  .refine(
    (d) => d.contractId !== undefined || d.customerId !== undefined,
    bilingual({ zh: '文档须属于一个合同或客户', en: 'a document belongs to a contract or a customer' }, ['contractId']),
  );
export type TCreateDocument = z.infer<typeof ZCreateDocument>;

export const ZUpdateDocument = z.strictObject({
  version: z.number().int(),
  type: ZDocumentType.optional(),
  title: documentFields.title.optional(),
  notes: documentFields.notes,
  isCopy: z.boolean().optional(),
  originalHolder: ZOriginalHolder.nullable().optional(),
  originalHolderNote: documentFields.originalHolderNote,
  priceSensitive: z.boolean().optional(),
});
export type TUpdateDocument = z.infer<typeof ZUpdateDocument>;

/** `POST /api/documents/:id/versions`: multipart with one `file` part and these fields. */
export const ZAddDocumentVersion = z.strictObject({ note: optionalText(500) });

export const ZWithdrawDocumentQuery = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const ZDocumentQuery = ZPageQuery.extend({
  /** A contract's documents; `none`: only documents of no contract (the customer's own, R-GOODS-6), usually with `customer`. */
  contract: z.union([z.literal('none'), ZId]).optional(),
  customer: ZId.optional(),
  type: ZDocumentType.optional(),
  q: z.string().trim().max(100).optional(),
  status: ZDocumentStatus.default('active'),
  sort: z.enum(['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'title', '-title', 'type', '-type']).default('-updatedAt'),
}).strict();

export const ZDownloadQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

/**
 * One node of the archive tree (R-ORG-6): industry → customer → contract. `customer_documents`
 * is the pseudo-node under a customer holding the documents of no particular contract.
 */
export const ZArchiveNode = z.object({
  kind: z.enum(['industry', 'customer', 'contract', 'customer_documents']),
  /** Null only for the industry node of customers without an industry (`?industry=none`). */
  id: z.number().int().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** Customers of an industry, contracts of a customer; null for leaves. */
  childCount: z.number().int().nullable(),
  /** Active documents the caller may see, in this node and below. */
  documentCount: z.number().int(),
});
export type TArchiveNode = z.infer<typeof ZArchiveNode>;

export const ZArchiveTreeQuery = ZPageQuery.extend({
  /** An industry id, or `none` for customers without one: returns its customers. */
  industry: z.union([z.literal('none'), ZId]).optional(),
  /** Returns the customer's contracts (and its customer-level documents node). */
  customer: ZId.optional(),
  /** Filters customers by name (with `industry`). */
  q: z.string().trim().max(100).optional(),
}).strict();

export const ZArchiveLevel = z.object({
  level: z.enum(['industries', 'customers', 'contracts']),
  items: z.array(ZArchiveNode),
  /** At the contracts level: the customer's own documents (of no contract), shown first. */
  customerDocuments: ZArchiveNode.nullable(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TArchiveLevel = z.infer<typeof ZArchiveLevel>;

// ── R-FLOW-2: which documents a contract's service kinds call for ──

/**
 * When a requirement applies only to some contracts: `licensed` — its installed base carries
 * license data (key, hostid or software serial) or software; `training` — its commitments
 * include training days.
 */
export const REQUIREMENT_CONDITIONS = ['licensed', 'training'] as const;
export type TRequirementCondition = (typeof REQUIREMENT_CONDITIONS)[number];

export interface TDocumentRequirement {
  type: TDocumentType;
  when?: TRequirementCondition;
}

/** Required of every contract: R-ORG-5's original and masked copy, and training feedback where training is owed. */
export const REQUIRED_FOR_EVERY_CONTRACT: readonly TDocumentRequirement[] = [
  { type: 'original_contract' },
  { type: 'masked_contract' },
  { type: 'training_feedback', when: 'training' },
];

/** What the work of each service kind (R-SCOPE-1) leaves in the archive. */
export const REQUIRED_BY_SERVICE_KIND: Record<TServiceKind, readonly TDocumentRequirement[]> = {
  distribution_standard: [{ type: 'delivery_note' }, { type: 'equipment_receipt' }, { type: 'license_record', when: 'licensed' }],
  onsite_maintenance: [{ type: 'installation_report' }, { type: 'acceptance_report' }, { type: 'service_report' }],
  routine_inspection: [{ type: 'service_report' }],
  consulting: [{ type: 'solution_design' }],
  outsourcing: [{ type: 'service_report' }],
  spare_parts: [{ type: 'delivery_note' }],
};

export const ZRequiredDocument = z.object({
  type: ZDocumentType,
  /** `contract`: every contract; otherwise the service kinds that call for it. */
  requiredBy: z.array(z.union([z.literal('contract'), ZServiceKind])),
  condition: z.enum(REQUIREMENT_CONDITIONS).nullable(),
  /** Whether the archive holds an active document of this type for the contract. */
  present: z.boolean(),
});

export const ZDocumentCompleteness = z.object({
  contractId: z.number().int(),
  complete: z.boolean(),
  required: z.array(ZRequiredDocument),
  missing: z.array(ZDocumentType),
});
export type TDocumentCompleteness = z.infer<typeof ZDocumentCompleteness>;
