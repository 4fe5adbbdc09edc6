import { CONTRACT_STATUS_LABELS, SERVICE_KIND_LABELS, stageDef, type TContractSummaryView } from '@contract/contracts';
import type { TLocale } from '@contract/common';
import { pick, type TBilingual } from '@contract/bilingual';
import { DOCUMENT_TYPES, ORIGINAL_HOLDERS } from '@contract/documents';
import { type TEquipment, WARRANTY_STATE_LABELS } from '@contract/equipment';
import {
  CONTRACT_IMPORT_COLUMNS,
  EQUIPMENT_IMPORT_COLUMNS,
  type TArchiveIndexExportQuery,
  type TContractExportQuery,
  type TEquipmentExportQuery,
  type TSheetColumn,
} from '../imports/import-sheets';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { columnLabel } from '../../spreadsheets/header-map';
import { type ExportColumn, exportColumn as column, keysetBatches } from '../../spreadsheets/stream-export';
import { listContractsAfter } from '../contracts/contracts.service';
import { canSeePrices } from '../contracts/contracts.view';
import { type ArchiveIndexEntry, listArchiveIndexAfter } from '../documents/documents.service';
import { listEquipmentAfter } from '../equipment/equipment.service';

/** Rows read per query while streaming an export. */
export const EXPORT_BATCH_SIZE = 1000;

/** What a route streams: the sheet, its columns for this reader, and the rows batch by batch. */
export interface ExportPlan<T> {
  fileName: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  batches: AsyncGenerator<T[]>;
}

const yesNo = (v: boolean, locale: TLocale) => (v ? pick({ zh: '是', en: 'yes' }, locale) : pick({ zh: '否', en: 'no' }, locale));

/** A column headed as the import sheet heads it, so an exported list can be edited and imported again. */
function sheetColumn<T>(
  spec: readonly TSheetColumn[],
  key: string,
  locale: TLocale,
  value: ExportColumn<T>['value'],
  format?: ExportColumn<T>['format'],
): ExportColumn<T> {
  const c = spec.find((s) => s.key === key);
  if (!c) throw new Error(`no import column ${key}`);
  return {
    header: columnLabel(c, locale),
    width: c.width ?? 14,
    format: format ?? (c.format === 'date' ? 'date' : c.format === 'yuan' ? 'yuan' : 'text'),
    value,
  };
}

function fileName(label: TBilingual, locale: TLocale, timeZone: string): string {
  return `${pick(label, locale)}-${todayIn(timeZone)}.xlsx`;
}

/**
 * The contract list as filtered in the UI, every row. R-ORG-5: the amount column exists only
 * for readers holding `contracts.prices`; for others the owner's summaries carry no amount
 * at all (the masked shape), so none can leak through a cell either.
 */
export function contractExport(
  db: Db,
  actor: Actor,
  q: TContractExportQuery,
  locale: TLocale,
  timeZone: string,
): ExportPlan<TContractSummaryView> {
  const s = CONTRACT_IMPORT_COLUMNS;
  const columns: ExportColumn<TContractSummaryView>[] = [
    sheetColumn(s, 'number', locale, (c) => c.number),
    sheetColumn(s, 'customer', locale, (c) => c.customer.name),
    sheetColumn(s, 'serviceKinds', locale, (c) => c.serviceKinds.map((k) => pick(SERVICE_KIND_LABELS[k], locale)).join('；')),
    sheetColumn(s, 'status', locale, (c) => pick(CONTRACT_STATUS_LABELS[c.status], locale)),
    sheetColumn(s, 'stage', locale, (c) => pick(stageDef(c.stage), locale)),
    sheetColumn(s, 'signedAt', locale, (c) => c.signedAt),
    sheetColumn(s, 'startDate', locale, (c) => c.startDate),
    sheetColumn(s, 'endDate', locale, (c) => c.endDate),
    column({ zh: '销售负责人', en: 'Sales owner' }, locale, 12, (c) => c.salesOwner?.name ?? null),
    column({ zh: '商务联系人', en: 'Commerce contact' }, locale, 12, (c) => c.commerceContact?.name ?? null),
  ];
  if (canSeePrices(actor)) columns.push(sheetColumn(s, 'totalAmount', locale, (c) => (c.pricesVisible ? c.totalAmount : null)));
  return {
    fileName: fileName({ zh: '合同列表', en: 'contracts' }, locale, timeZone),
    sheetName: pick({ zh: '合同', en: 'Contracts' }, locale),
    columns,
    batches: keysetBatches((afterId, limit) => listContractsAfter(db, actor, q, afterId, limit), EXPORT_BATCH_SIZE),
  };
}

/** The installed base as filtered in the UI, every unit (R-GOODS-6). Units carry no prices. */
export function equipmentExport(db: Db, q: TEquipmentExportQuery, locale: TLocale, timeZone: string): ExportPlan<TEquipment> {
  const s = EQUIPMENT_IMPORT_COLUMNS;
  const today = todayIn(timeZone);
  const columns: ExportColumn<TEquipment>[] = [
    sheetColumn(s, 'contractNumber', locale, (e) => e.contractNumber),
    column({ zh: '客户名称', en: 'Customer name' }, locale, 28, (e) => e.customer.name),
    sheetColumn(s, 'productType', locale, (e) => e.productType),
    sheetColumn(s, 'brand', locale, (e) => e.brand),
    sheetColumn(s, 'model', locale, (e) => e.model),
    sheetColumn(s, 'pn', locale, (e) => e.pn),
    sheetColumn(s, 'sn', locale, (e) => e.sn),
    sheetColumn(s, 'quantity', locale, (e) => e.quantity, 'integer'),
    sheetColumn(s, 'site', locale, (e) => e.site),
    sheetColumn(s, 'warrantyStart', locale, (e) => e.warrantyStart),
    sheetColumn(s, 'warrantyEnd', locale, (e) => e.warrantyEnd),
    sheetColumn(s, 'vendorWarrantyEnd', locale, (e) => e.vendorWarrantyEnd),
    column({ zh: '保修状态', en: 'Warranty' }, locale, 12, (e) => pick(WARRANTY_STATE_LABELS[e.warrantyState], locale)),
    sheetColumn(s, 'licenseKey', locale, (e) => e.licenseKey),
    sheetColumn(s, 'hostid', locale, (e) => e.hostid),
    sheetColumn(s, 'softwareSerial', locale, (e) => e.softwareSerial),
    sheetColumn(s, 'notes', locale, (e) => e.notes),
  ];
  return {
    fileName: fileName({ zh: '设备列表', en: 'equipment' }, locale, timeZone),
    sheetName: pick({ zh: '设备', en: 'Equipment' }, locale),
    columns,
    batches: keysetBatches((afterId, limit) => listEquipmentAfter(db, q, today, afterId, limit), EXPORT_BATCH_SIZE),
  };
}

/**
 * R-ORG-6, R-FLOW-2: the archive index — every document with where it is filed (industry →
 * customer → contract), its type and current file. R-ORG-5: documents the reader may not see
 * (the original contract) are not in it; the owner leaves them out of the rows.
 */
export function archiveIndexExport(
  db: Db,
  actor: Actor,
  q: TArchiveIndexExportQuery,
  locale: TLocale,
  timeZone: string,
): ExportPlan<ArchiveIndexEntry> {
  const columns: ExportColumn<ArchiveIndexEntry>[] = [
    column({ zh: '行业', en: 'Industry' }, locale, 12, (d) => (d.industry ? pick(d.industry, locale) : null)),
    column({ zh: '客户名称', en: 'Customer name' }, locale, 28, (d) => d.customerName),
    column({ zh: '合同编号', en: 'Contract number' }, locale, 18, (d) => d.contractNumber),
    column({ zh: '文档类型', en: 'Document type' }, locale, 18, (d) => pick(DOCUMENT_TYPES[d.type], locale)),
    column({ zh: '标题', en: 'Title' }, locale, 30, (d) => d.title),
    column({ zh: '复印件', en: 'Copy' }, locale, 8, (d) => yesNo(d.isCopy, locale)),
    column({ zh: '原件保管', en: 'Original held by' }, locale, 12, (d) =>
      d.originalHolder ? pick(ORIGINAL_HOLDERS[d.originalHolder], locale) : null,
    ),
    column({ zh: '状态', en: 'Status' }, locale, 8, (d) =>
      pick(d.status === 'active' ? { zh: '有效', en: 'active' } : { zh: '已撤回', en: 'withdrawn' }, locale),
    ),
    column({ zh: '版本', en: 'Version' }, locale, 8, (d) => d.versionCount, 'integer'),
    column({ zh: '文件名', en: 'File name' }, locale, 30, (d) => d.latestVersion.fileName),
    column({ zh: '大小（字节）', en: 'Size (bytes)' }, locale, 12, (d) => d.latestVersion.size, 'integer'),
    column({ zh: '上传时间', en: 'Uploaded at' }, locale, 16, (d) => d.latestVersion.uploadedAt, 'datetime'),
    column({ zh: '上传人', en: 'Uploaded by' }, locale, 12, (d) => d.latestVersion.uploadedByName),
    column({ zh: '备注', en: 'Notes' }, locale, 24, (d) => d.notes),
  ];
  return {
    fileName: fileName({ zh: '档案索引', en: 'archive-index' }, locale, timeZone),
    sheetName: pick({ zh: '档案索引', en: 'Archive index' }, locale),
    columns,
    batches: keysetBatches((afterId, limit) => listArchiveIndexAfter(db, actor, q, afterId, limit), EXPORT_BATCH_SIZE),
  };
}
