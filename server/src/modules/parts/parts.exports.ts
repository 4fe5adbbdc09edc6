import { pick, type TBilingual } from '@contract/bilingual';
import type { TLocale } from '@contract/common';
import {
  LOAN_PURPOSE_LABELS,
  LOAN_STATE_LABELS,
  PART_TRACKING_LABELS,
  RETURN_CONDITION_LABELS,
  STOCK_LOCATION_KIND_LABELS,
  TAG_CONDITION_LABELS,
  TAG_DISPOSITION_LABELS,
  type TFaultyPartTag,
  type TFaultyPartTagQuery,
  type TPartLoan,
  type TPartLoanQuery,
  type TStockLine,
  type TStockQuery,
} from '@contract/parts';
import { todayIn } from '@contract/zoned-time';
import type { Db } from '../../db/database';
import { type ExportColumn, exportColumn as column } from '../../spreadsheets/stream-export';
import { loanBatches, stockBatches, tagBatches } from './parts.service';

/** Rows read per query while streaming an export. */
const BATCH = 1000;

export interface PartsExportPlan<T> {
  fileName: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  batches: AsyncGenerator<T[]>;
}

const fileName = (label: TBilingual, locale: TLocale, timeZone: string) => `${pick(label, locale)}-${todayIn(timeZone)}.xlsx`;
const yesNo = (v: boolean, locale: TLocale) => pick(v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' }, locale);

/** Stock by part and place (R-EMER-4), as filtered in the UI. */
export function stockExport(
  db: Db,
  q: Omit<TStockQuery, 'page' | 'pageSize'>,
  locale: TLocale,
  timeZone: string,
): PartsExportPlan<TStockLine> {
  return {
    fileName: fileName({ zh: '备件库存', en: 'spare-part-stock' }, locale, timeZone),
    sheetName: pick({ zh: '库存', en: 'Stock' }, locale),
    columns: [
      column({ zh: '备件号', en: 'PN' }, locale, 18, (s) => s.part.pn),
      column({ zh: '描述', en: 'Description' }, locale, 30, (s) => s.part.description),
      column({ zh: '管理方式', en: 'Tracking' }, locale, 12, (s) => pick(PART_TRACKING_LABELS[s.part.tracking], locale)),
      column({ zh: '库位类型', en: 'Place kind' }, locale, 14, (s) => pick(STOCK_LOCATION_KIND_LABELS[s.location.kind], locale)),
      column({ zh: '库位', en: 'Place' }, locale, 20, (s) => s.location.name),
      column({ zh: '数量', en: 'Quantity' }, locale, 10, (s) => s.quantity, 'integer'),
      column({ zh: '序列号', en: 'SNs' }, locale, 40, (s) => s.serials.join('；') || null),
    ],
    batches: stockBatches(db, q, BATCH),
  };
}

/** Loans: open, overdue, paperwork pending — as filtered in the UI. */
export function loanExport(
  db: Db,
  q: Omit<TPartLoanQuery, 'page' | 'pageSize'>,
  locale: TLocale,
  timeZone: string,
): PartsExportPlan<TPartLoan> {
  return {
    fileName: fileName({ zh: '备件借用', en: 'spare-part-loans' }, locale, timeZone),
    sheetName: pick({ zh: '借用', en: 'Loans' }, locale),
    columns: [
      column({ zh: '借用单号', en: 'Loan number' }, locale, 16, (l) => l.number),
      column({ zh: '备件号', en: 'PN' }, locale, 18, (l) => l.part.pn),
      column({ zh: '序列号', en: 'SN' }, locale, 18, (l) => l.sn),
      column({ zh: '数量', en: 'Quantity' }, locale, 8, (l) => l.quantity, 'integer'),
      column({ zh: '用途', en: 'Purpose' }, locale, 10, (l) => pick(LOAN_PURPOSE_LABELS[l.purpose], locale)),
      column({ zh: '状态', en: 'State' }, locale, 12, (l) => pick(LOAN_STATE_LABELS[l.state], locale)),
      column({ zh: '紧急', en: 'Emergency' }, locale, 8, (l) => yesNo(l.emergency, locale)),
      column({ zh: '待补手续', en: 'Paperwork pending' }, locale, 10, (l) => yesNo(l.paperworkPending, locale)),
      column({ zh: '借用人', en: 'Borrower' }, locale, 12, (l) => l.borrower.name),
      column({ zh: '客户', en: 'Customer' }, locale, 24, (l) => l.customer.name),
      column({ zh: '服务要求单', en: 'Service request' }, locale, 16, (l) => l.serviceRequest?.number ?? null),
      column({ zh: '审批人', en: 'Approved by' }, locale, 12, (l) => l.approvedBy?.name ?? null),
      column({ zh: '借出时间', en: 'Borrowed' }, locale, 18, (l) => l.borrowedAt, 'datetime'),
      column({ zh: '应还日期', en: 'Due date' }, locale, 12, (l) => l.dueDate, 'date'),
      column({ zh: '逾期', en: 'Overdue' }, locale, 8, (l) => yesNo(l.overdue, locale)),
      column({ zh: '归还时间', en: 'Returned' }, locale, 18, (l) => l.returnedAt, 'datetime'),
      column({ zh: '归还状况', en: 'Condition on return' }, locale, 12, (l) =>
        l.returnCondition ? pick(RETURN_CONDITION_LABELS[l.returnCondition], locale) : null,
      ),
    ],
    batches: loanBatches(db, q, timeZone, BATCH),
  };
}

/** Faulty part tags by disposition (returns to commerce with the vendor's case number). */
export function tagExport(
  db: Db,
  q: Omit<TFaultyPartTagQuery, 'page' | 'pageSize'>,
  locale: TLocale,
  timeZone: string,
): PartsExportPlan<TFaultyPartTag> {
  return {
    fileName: fileName({ zh: '故障件标签', en: 'faulty-part-tags' }, locale, timeZone),
    sheetName: pick({ zh: '故障件', en: 'Faulty parts' }, locale),
    columns: [
      column({ zh: '标签号', en: 'Tag number' }, locale, 16, (g) => g.number),
      column({ zh: '备件号', en: 'PN' }, locale, 18, (g) => g.pn),
      column({ zh: '序列号', en: 'SN' }, locale, 18, (g) => g.sn),
      column({ zh: '客户', en: 'Customer' }, locale, 24, (g) => g.customer?.name ?? null),
      column({ zh: '设备序列号', en: 'Unit SN' }, locale, 18, (g) => g.unitSn),
      column({ zh: '服务要求单', en: 'Service request' }, locale, 16, (g) => g.serviceRequest?.number ?? null),
      column({ zh: '故障', en: 'Fault' }, locale, 30, (g) => g.fault),
      column({ zh: '拆下日期', en: 'Removed' }, locale, 12, (g) => g.removedDate, 'date'),
      column({ zh: '工程师', en: 'Engineer' }, locale, 12, (g) => g.engineer?.name ?? null),
      column({ zh: '状态', en: 'State' }, locale, 8, (g) => pick(TAG_CONDITION_LABELS[g.condition], locale)),
      column({ zh: '处理方式', en: 'Disposition' }, locale, 12, (g) =>
        g.disposition ? pick(TAG_DISPOSITION_LABELS[g.disposition], locale) : null,
      ),
      column({ zh: '厂商案例号', en: "Vendor's case number" }, locale, 16, (g) => g.rmaCaseNumber),
      column({ zh: '收回时间', en: 'Received' }, locale, 18, (g) => g.receivedAt, 'datetime'),
      column({ zh: '检验结果', en: 'Inspection' }, locale, 10, (g) =>
        g.inspection ? pick(g.inspection.result === 'pass' ? { zh: '合格', en: 'Pass' } : { zh: '不合格', en: 'Fail' }, locale) : null,
      ),
      column({ zh: '重新入库', en: 'Stocked in' }, locale, 18, (g) => g.restockedAt, 'datetime'),
    ],
    batches: tagBatches(db, q, BATCH),
  };
}
