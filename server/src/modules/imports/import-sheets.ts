import { z } from 'zod';
import {
  CONTRACT_STAGES,
  CONTRACT_STATUS_LABELS,
  CONTRACT_STATUSES,
  COVERAGE_KINDS,
  type TCoverageInput,
  SERVICE_KIND_LABELS,
  SERVICE_KINDS,
  ZContractQuery,
} from '@contract/contracts';
import { PRODUCT_TYPE_SUGGESTIONS, ZEquipmentQuery } from '@contract/equipment';
import { ZDocumentQuery } from '@contract/documents';

/*
 * Excel / CSV import (customers with contacts, contracts, equipment) and export (contract
 * and equipment lists, the archive index). An import is all-or-nothing: every row is checked
 * first; one wrong row and nothing is written, and the answer lists each wrong cell.
 */

export const IMPORT_KINDS = ['customers', 'contracts', 'equipment'] as const;
export const ZImportKind = z.enum(IMPORT_KINDS);
export type TImportKind = z.infer<typeof ZImportKind>;

/**
 * More data rows than this in one file are refused (split the file): one import is one
 * transaction, and its lookups stay under SQLite's 32,766 bound parameters per statement.
 */
export const IMPORT_MAX_ROWS = 20_000;
/** An answer lists at most this many errors; the downloadable report has them all. */
export const IMPORT_MAX_LISTED_ERRORS = 1000;

// ── Columns of a sheet ──

/** How a cell is read: dates accept Excel dates, `2026-01-31`, `2026/1/31`, `2026.1.31`, `2026年1月31日`. */
export type TCellFormat = 'text' | 'date' | 'integer' | 'number' | 'yuan' | 'boolean';

export interface TSheetOption {
  /** The stored code; a cell may hold the code or either label. */
  value: string;
  zh: string;
  en: string;
}

/** One column of an import sheet (and of its template): matched by its zh or en name, or an alias. */
export interface TSheetColumn {
  /** The field the column fills. */
  key: string;
  zh: string;
  en: string;
  aliases?: readonly string[];
  format: TCellFormat;
  required?: boolean;
  /** The allowed values: a dropdown in the template, anything else is an error. */
  options?: readonly TSheetOption[];
  /** Suggested values: a dropdown in the template, other text is accepted. */
  suggestions?: readonly string[];
  /** Several values in one cell, separated by `;` `；` `／` `、` `,` `，` or a line break. */
  multiple?: boolean;
  example: string;
  hintZh?: string;
  hintEn?: string;
  width?: number;
}

/** Separators between several values in one cell (not `/` or `-`, which occur inside phone numbers). */
export const MULTI_VALUE_SEPARATORS = /[;；／、,，\r\n]+/;

const SERVICE_KIND_OPTIONS: TSheetOption[] = SERVICE_KINDS.map((k) => ({
  value: k,
  zh: SERVICE_KIND_LABELS[k].zh,
  en: SERVICE_KIND_LABELS[k].en,
}));
const STATUS_OPTIONS: TSheetOption[] = CONTRACT_STATUSES.map((s) => ({ value: s, ...CONTRACT_STATUS_LABELS[s] }));
const STAGE_OPTIONS: TSheetOption[] = CONTRACT_STAGES.map((s) => ({ value: s.code, zh: s.zh, en: s.en }));
const COVERAGE_LABELS: Record<TCoverageInput['kind'], { zh: string; en: string }> = {
  '5x8': { zh: '5×8', en: '5×8' },
  '7x24': { zh: '7×24', en: '7×24' },
  custom: { zh: '自定义', en: 'Custom' },
};
const COVERAGE_OPTIONS: TSheetOption[] = COVERAGE_KINDS.map((k) => ({ value: k, ...COVERAGE_LABELS[k] }));
/** ISO weekdays, 1 = Monday. */
const WEEKDAY_OPTIONS: TSheetOption[] = [
  ['周一', 'Mon'],
  ['周二', 'Tue'],
  ['周三', 'Wed'],
  ['周四', 'Thu'],
  ['周五', 'Fri'],
  ['周六', 'Sat'],
  ['周日', 'Sun'],
].map(([zh, en], i) => ({ value: String(i + 1), zh, en }));

/**
 * The columns of a contract's service commitments (R-EMER-3, R-SCOPE-1, R-SCOPE-2, R-PM-1),
 * one per field of ZServiceCommitmentsInput; the coverage window takes four (kind, and the
 * days and hours of a custom window). Each is validated by that schema, row by row.
 */
export const CONTRACT_COMMITMENT_COLUMNS: readonly TSheetColumn[] = [
  {
    key: 'coverageKind',
    zh: '服务时间',
    en: 'Coverage',
    aliases: ['服务时段', '覆盖时间'],
    format: 'text',
    options: COVERAGE_OPTIONS,
    example: COVERAGE_LABELS['7x24'].zh,
    hintZh: '5×8：工作日 9–17 点（默认）；7×24：全天；自定义：另填服务日与起止时',
    hintEn: '5×8: working days 9–17 (default); 7×24: always; Custom: fill in the days and hours',
    width: 12,
  },
  {
    key: 'coverageDays',
    zh: '服务日（自定义）',
    en: 'Coverage days (custom)',
    format: 'text',
    options: WEEKDAY_OPTIONS,
    multiple: true,
    example: '',
    hintZh: '仅自定义服务时间：如 周一；周三；周六',
    hintEn: 'Custom coverage only: e.g. Mon; Wed; Sat',
    width: 20,
  },
  {
    key: 'coverageStartHour',
    zh: '服务开始时（自定义）',
    en: 'Coverage from hour (custom)',
    format: 'integer',
    example: '',
    hintZh: '仅自定义服务时间：0–23',
    hintEn: 'Custom coverage only: 0–23',
    width: 12,
  },
  {
    key: 'coverageEndHour',
    zh: '服务结束时（自定义）',
    en: 'Coverage to hour (custom)',
    format: 'integer',
    example: '',
    hintZh: '仅自定义服务时间：1–24，晚于开始时',
    hintEn: 'Custom coverage only: 1–24, after the start',
    width: 12,
  },
  { key: 'responseHours', zh: '响应时限（小时）', en: 'Response hours', format: 'number', example: '2', width: 12 },
  { key: 'arrivalHours', zh: '到场时限（小时）', en: 'Arrival hours', format: 'number', example: '4', width: 12 },
  { key: 'resolutionHours', zh: '解决时限（小时）', en: 'Resolution hours', format: 'number', example: '24', width: 12 },
  { key: 'pmVisitsPerYear', zh: '年巡检次数', en: 'PM visits per year', format: 'integer', example: '4', width: 12 },
  {
    key: 'onsiteVisitsIncluded',
    zh: '含现场服务次数',
    en: 'On-site visits included',
    format: 'integer',
    example: '6',
    hintZh: '留空：按需',
    hintEn: 'Empty: as needed',
    width: 12,
  },
  { key: 'trainingDays', zh: '培训天数', en: 'Training days', format: 'number', example: '2', width: 10 },
  { key: 'trainingAttendees', zh: '培训人数', en: 'Training attendees', format: 'integer', example: '10', width: 10 },
  { key: 'warrantyMonths', zh: '保修月数', en: 'Warranty months', format: 'integer', example: '36', width: 10 },
  {
    key: 'warrantyStart',
    zh: '保修开始日期',
    en: 'Warranty start',
    aliases: ['保修开始'],
    format: 'date',
    example: '2026-04-01',
    width: 12,
  },
  {
    key: 'warrantyEnd',
    zh: '保修结束日期',
    en: 'Warranty end',
    aliases: ['保修结束'],
    format: 'date',
    example: '',
    hintZh: '留空则按保修开始日期与月数计算',
    hintEn: 'Empty: from the start and the months',
    width: 12,
  },
  { key: 'vendorExtraYears', zh: '原厂延保年数', en: 'Vendor extra warranty years', format: 'integer', example: '2', width: 12 },
  {
    key: 'vendorScope',
    zh: '原厂增值服务内容',
    en: 'Vendor value-added service',
    format: 'text',
    example: '原厂二线支持、备件先行',
    width: 24,
  },
  { key: 'vendorRegion', zh: '原厂服务地区', en: 'Vendor service region', format: 'text', example: '华东', width: 12 },
  {
    key: 'remoteOnly',
    zh: '仅远程支持',
    en: 'Remote only',
    format: 'boolean',
    example: '否',
    hintZh: '是 / 否；留空则仅分销合同为“是”',
    hintEn: 'Yes / no; empty: yes only for pure distribution',
    width: 10,
  },
];

/**
 * Customers with contacts: one row per contact. Rows with the same customer name make one
 * customer; its own fields may be given on any of them (differing values are an error).
 */
export const CUSTOMER_IMPORT_COLUMNS: readonly TSheetColumn[] = [
  {
    key: 'name',
    zh: '客户名称',
    en: 'Customer name',
    aliases: ['客户'],
    format: 'text',
    required: true,
    example: '华东电力设计院',
    width: 28,
  },
  {
    key: 'industry',
    zh: '行业',
    en: 'Industry',
    format: 'text',
    example: '电力',
    hintZh: '行业代码或名称',
    hintEn: 'Industry code or name',
    width: 14,
  },
  { key: 'region', zh: '地区', en: 'Region', format: 'text', example: '上海', width: 12 },
  { key: 'address', zh: '地址', en: 'Address', format: 'text', example: '上海市徐汇区漕溪北路 100 号', width: 32 },
  { key: 'notes', zh: '客户备注', en: 'Customer notes', format: 'text', example: '', width: 20 },
  { key: 'contactName', zh: '联系人', en: 'Contact', aliases: ['联系人姓名', 'Contact name'], format: 'text', example: '王工', width: 12 },
  { key: 'contactTitle', zh: '职务', en: 'Title', format: 'text', example: '信息中心主任', width: 14 },
  {
    key: 'phones',
    zh: '电话',
    en: 'Phones',
    aliases: ['联系电话', '手机', 'Phone'],
    format: 'text',
    multiple: true,
    example: '13800138000；021-6488 1234 转 8001',
    hintZh: '多个号码用 ; 或 ／ 分隔',
    hintEn: 'Several numbers separated by ; or ／',
    width: 30,
  },
  { key: 'email', zh: '邮箱', en: 'E-mail', aliases: ['电子邮件', 'Email'], format: 'text', example: 'wang@example.cn', width: 22 },
  {
    key: 'primary',
    zh: '主联系人',
    en: 'Primary contact',
    format: 'boolean',
    example: '是',
    hintZh: '是 / 否',
    hintEn: 'yes / no',
    width: 10,
  },
];

/** Contracts of customers already in the system, referred to by name. */
export const CONTRACT_IMPORT_COLUMNS: readonly TSheetColumn[] = [
  {
    key: 'number',
    zh: '合同编号',
    en: 'Contract number',
    aliases: ['合同号'],
    format: 'text',
    example: 'HT-2026-0815',
    hintZh: '留空则自动编号',
    hintEn: 'Left empty: allocated',
    width: 18,
  },
  {
    key: 'customer',
    zh: '客户名称',
    en: 'Customer name',
    aliases: ['客户'],
    format: 'text',
    required: true,
    example: '华东电力设计院',
    width: 28,
  },
  {
    key: 'serviceKinds',
    zh: '服务类型',
    en: 'Service kinds',
    format: 'text',
    required: true,
    options: SERVICE_KIND_OPTIONS,
    multiple: true,
    example: `${SERVICE_KIND_LABELS.onsite_maintenance.zh}；${SERVICE_KIND_LABELS.routine_inspection.zh}`,
    hintZh: '可填多个，用 ; 分隔',
    hintEn: 'Several allowed, separated by ;',
    width: 30,
  },
  {
    key: 'status',
    zh: '状态',
    en: 'Status',
    format: 'text',
    options: STATUS_OPTIONS,
    example: CONTRACT_STATUS_LABELS.active.zh,
    width: 10,
  },
  { key: 'stage', zh: '阶段', en: 'Stage', format: 'text', options: STAGE_OPTIONS, example: CONTRACT_STAGES[5].zh, width: 12 },
  { key: 'signedAt', zh: '签订日期', en: 'Signed on', format: 'date', example: '2026-03-01', width: 12 },
  { key: 'startDate', zh: '开始日期', en: 'Start date', format: 'date', example: '2026-04-01', width: 12 },
  { key: 'endDate', zh: '结束日期', en: 'End date', format: 'date', example: '2029-03-31', width: 12 },
  {
    key: 'totalAmount',
    zh: '合同金额（元）',
    en: 'Amount (CNY)',
    aliases: ['合同金额', '金额', 'Amount'],
    format: 'yuan',
    example: '1280000.00',
    hintZh: '仅销售、商务、管理员可导入金额',
    hintEn: 'Only sales, commerce and administrators may import amounts',
    width: 16,
  },
  ...CONTRACT_COMMITMENT_COLUMNS,
  { key: 'notes', zh: '备注', en: 'Notes', format: 'text', example: '', width: 24 },
];

/** The installed base, unit by unit, of contracts already in the system (R-GOODS-6). */
export const EQUIPMENT_IMPORT_COLUMNS: readonly TSheetColumn[] = [
  {
    key: 'contractNumber',
    zh: '合同编号',
    en: 'Contract number',
    aliases: ['合同号'],
    format: 'text',
    required: true,
    example: 'HT-2026-0815',
    width: 18,
  },
  {
    key: 'productType',
    zh: '产品类型',
    en: 'Product type',
    format: 'text',
    required: true,
    suggestions: PRODUCT_TYPE_SUGGESTIONS,
    example: PRODUCT_TYPE_SUGGESTIONS[0],
    width: 12,
  },
  { key: 'brand', zh: '品牌', en: 'Brand', aliases: ['厂商'], format: 'text', required: true, example: '华为', width: 12 },
  { key: 'model', zh: '型号', en: 'Model', format: 'text', required: true, example: 'FusionServer 2288H V6', width: 22 },
  { key: 'pn', zh: 'PN', en: 'Part number', aliases: ['部件号', '料号', 'P/N'], format: 'text', example: '02312QMV', width: 14 },
  {
    key: 'sn',
    zh: '序列号',
    en: 'Serial number',
    aliases: ['SN', 'S/N'],
    format: 'text',
    example: '2102313QMV10M8000123',
    hintZh: '同一品牌下序列号唯一',
    hintEn: 'Unique per brand',
    width: 24,
  },
  {
    key: 'quantity',
    zh: '数量',
    en: 'Quantity',
    format: 'integer',
    example: '1',
    hintZh: '有序列号时为 1',
    hintEn: '1 for a unit with an SN',
    width: 8,
  },
  { key: 'site', zh: '安装地点', en: 'Site', format: 'text', example: '上海数据中心 3F-A12', width: 22 },
  { key: 'warrantyStart', zh: '保修开始', en: 'Warranty start', format: 'date', example: '2026-04-01', width: 12 },
  { key: 'warrantyEnd', zh: '保修结束', en: 'Warranty end', format: 'date', example: '2029-03-31', width: 12 },
  { key: 'vendorWarrantyEnd', zh: '原厂保修结束', en: 'Vendor warranty end', format: 'date', example: '2029-03-31', width: 14 },
  { key: 'licenseKey', zh: '许可证', en: 'License key', aliases: ['License'], format: 'text', example: '', width: 20 },
  { key: 'hostid', zh: 'HostID', en: 'Host ID', format: 'text', example: '', width: 14 },
  { key: 'softwareSerial', zh: '软件序列号', en: 'Software serial', format: 'text', example: '', width: 18 },
  { key: 'notes', zh: '备注', en: 'Notes', format: 'text', example: '', width: 24 },
];

export const IMPORT_COLUMNS: Record<TImportKind, readonly TSheetColumn[]> = {
  customers: CUSTOMER_IMPORT_COLUMNS,
  contracts: CONTRACT_IMPORT_COLUMNS,
  equipment: EQUIPMENT_IMPORT_COLUMNS,
};

export const IMPORT_KIND_LABELS: Record<TImportKind, { zh: string; en: string }> = {
  customers: { zh: '客户及联系人', en: 'Customers and contacts' },
  contracts: { zh: '合同', en: 'Contracts' },
  equipment: { zh: '设备', en: 'Equipment' },
};

/**
 * What can be wrong with a cell or a row, in both languages. `{…}` placeholders are filled in
 * by the server (`{values}`: the allowed values; `{row}`: another row's number).
 */
export const IMPORT_MESSAGES = {
  missingColumn: { zh: '缺少必填列', en: 'Required column missing' },
  required: { zh: '必填', en: 'Required' },
  date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Expected a date, YYYY-MM-DD' },
  integer: { zh: '应为整数', en: 'Expected a whole number' },
  number: { zh: '应为数字', en: 'Expected a number' },
  yuan: { zh: '应为金额（元），最多两位小数', en: 'Expected an amount in CNY with at most two decimals' },
  boolean: { zh: '应为“是”或“否”', en: 'Expected yes or no' },
  option: { zh: '可选值：{values}', en: 'Allowed values: {values}' },
  duplicateInSheet: { zh: '与第 {row} 行重复', en: 'Same as row {row}' },
  snDuplicateInSheet: { zh: '同一品牌的序列号与第 {row} 行重复', en: 'Same brand and SN as row {row}' },
  snTaken: { zh: '该品牌下已登记此序列号', en: 'This SN is already registered for this brand' },
  contractMissing: { zh: '合同编号不存在', en: 'No contract with this number' },
  contractNumberTaken: { zh: '合同编号已存在', en: 'This contract number already exists' },
  customerMissing: { zh: '客户不存在（请先导入客户）', en: 'No such customer (import customers first)' },
  customerAmbiguous: { zh: '有多个同名客户，无法确定', en: 'Several customers have this name' },
  customerExists: { zh: '已有同名客户', en: 'A customer with this name already exists' },
  industryMissing: { zh: '行业不存在或已停用', en: 'No such industry, or it is no longer in use' },
  inconsistent: { zh: '与第 {row} 行的值不同', en: 'Differs from row {row}' },
  phone: { zh: '不是有效的电话号码', en: 'Not a phone number' },
  pricesHidden: { zh: '您无权导入合同金额', en: 'You may not import contract amounts' },
  coverageCustomOnly: { zh: '仅自定义服务时间时填写', en: 'Only for a custom coverage' },
} as const;
export type TImportMessage = keyof typeof IMPORT_MESSAGES;

// ── Requests and answers ──

export const ZImportParams = z.strictObject({ kind: ZImportKind });
export const ZImportQuery = z.strictObject({
  /** Check every row and answer as for a real import, but write nothing. */
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** One wrong cell (or row): the sheet's row number as Excel shows it, the column's header, the field. */
export const ZImportRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  field: z.string(),
  message: z.string(),
});
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const ZImportResult = z.object({
  kind: ZImportKind,
  dryRun: z.boolean(),
  /** Data rows read from the file. */
  rows: z.number().int(),
  /** Rows written (0 on a dry run or when any row is wrong). */
  imported: z.number().int(),
  /** Records created (or, on a dry run, that would be): `{ customers: 3, contacts: 5 }`. */
  counts: z.record(z.string(), z.number().int()),
  /** All errors counted; `errors` lists the first IMPORT_MAX_LISTED_ERRORS. */
  errorCount: z.number().int(),
  errors: z.array(ZImportRowError),
  /** When there are errors: `GET /api/imports/reports/:id` downloads the sheet with the errors beside the rows. */
  reportId: z.string().optional(),
});
export type TImportResult = z.infer<typeof ZImportResult>;

/** 422: the import result with the usual error fields (code IMPORT_ROWS_INVALID). */
export const ZImportRejected = ZImportResult.extend({ code: z.string(), message: z.string(), requestId: z.string() });

export const ZImportReportParams = z.strictObject({ id: z.string().regex(/^[0-9a-f-]{36}$/) });

// ── Exports: the list filters, without paging (every matching row is exported) ──

export const ZContractExportQuery = ZContractQuery.omit({ page: true, pageSize: true, sort: true });
export type TContractExportQuery = z.infer<typeof ZContractExportQuery>;
export const ZEquipmentExportQuery = ZEquipmentQuery.omit({ page: true, pageSize: true, sort: true });
export type TEquipmentExportQuery = z.infer<typeof ZEquipmentExportQuery>;
export const ZArchiveIndexExportQuery = ZDocumentQuery.omit({ page: true, pageSize: true, sort: true });
export type TArchiveIndexExportQuery = z.infer<typeof ZArchiveIndexExportQuery>;
