import type ExcelJS from 'exceljs';
import { offsetAt } from '@contract/zoned-time';

/** The look shared by every workbook Fuwu writes. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
export const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };
export const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
export const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const YUAN_FORMAT = '#,##0.00';

/** `YYYY-MM-DD` as an Excel date (midnight UTC, which Excel shows as that day). */
export function excelDate(isoDate: string): Date {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/**
 * An instant as an Excel date-time showing the wall clock in `timeZone`. Excel cells carry no
 * zone and exceljs writes a Date's UTC fields, so the Date is the zone's wall clock read as UTC.
 */
export function excelDateTime(isoInstant: string, timeZone: string): Date {
  return new Date(offsetAt(Date.parse(isoInstant), timeZone) + Date.parse(isoInstant));
}
