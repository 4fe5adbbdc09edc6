import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { timeSlices } from '../time-slices';
import { loadExcelJs } from './exceljs';
import type { SheetError } from './sheet-records';
import type { SheetTable } from './sheet-table';
import { DATE_FORMAT, ERROR_FILL, ERROR_FONT, HEADER_FILL, HEADER_FONT } from './xlsx-styles';

/** What exceljs' streaming WorksheetWriter keeps of its rows not yet written (exceljs 4.4, lib/stream/xlsx/worksheet-writer.js). */
interface PendingRows {
  _rows?: unknown[];
  _rowZero?: number;
}

/**
 * Row `number` of a sheet being streamed whose rows before it are all committed. The writer keeps
 * pending rows in an array indexed from the first row not yet written, and writes a committed row
 * by shifting that array one slot at a time: after row 2, row 15,000 made 14,998 empty slots,
 * each shift moving all of them — seconds, and hours for row 99,999,999. Nothing is pending, so
 * the array may start at this row.
 */
function rowAfterCommitted(ws: ExcelJS.Worksheet, number: number): ExcelJS.Row {
  const pending = ws as unknown as PendingRows;
  if (pending._rows?.length === 0 && typeof pending._rowZero === 'number' && pending._rowZero < number) pending._rowZero = number;
  return ws.getRow(number);
}

/** The header of the column added beside the rows. */
export const ERRORS_HEADER = '错误 / Errors';

/**
 * The uploaded rows as they were, each at its own row number, with an added 错误 / Errors
 * column saying what is wrong and the wrong cells highlighted: the user fixes the cells and
 * uploads this very file again (the errors column is ignored on import). Streamed.
 */
export async function writeErrorReport(table: SheetTable, errors: readonly SheetError[]): Promise<Readable> {
  const { stream } = await loadExcelJs();
  const out = new PassThrough();
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误报告 Errors', { views: [{ state: 'frozen', ySplit: table.headerRow }] });
  const width = Math.max(table.headers.length, ...table.rows.map((r) => r.cells.length));
  const errorCol = width + 1;
  ws.columns = [...Array.from({ length: width }, (_v, i) => ({ key: `c${i}`, width: 16 })), { key: 'errors', width: 60 }];

  const byRow = new Map<number, SheetError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const describe = (list: readonly SheetError[]) => list.map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join('\n');
  const mark = (row: ExcelJS.Row, list: readonly SheetError[]) => {
    for (const e of list) {
      if (e.col === null) continue;
      const cell = row.getCell(e.col + 1);
      cell.fill = ERROR_FILL;
      cell.font = ERROR_FONT;
    }
    const cell = row.getCell(errorCol);
    cell.value = describe(list);
    cell.font = ERROR_FONT;
    cell.alignment = { wrapText: true, vertical: 'top' };
  };

  (async () => {
    const header = rowAfterCommitted(ws, table.headerRow);
    table.headers.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = HEADER_FONT;
      cell.fill = HEADER_FILL;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    const title = header.getCell(errorCol);
    title.value = ERRORS_HEADER;
    title.font = { ...HEADER_FONT, ...ERROR_FONT };
    title.fill = HEADER_FILL;
    const headerErrors = byRow.get(table.headerRow);
    if (headerErrors) mark(header, headerErrors);
    header.commit();
    const pause = timeSlices();
    for (const r of table.rows) {
      await pause();
      const row = rowAfterCommitted(ws, r.row);
      r.cells.forEach((v, i) => {
        if (v === null) return;
        const cell = row.getCell(i + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = DATE_FORMAT;
      });
      const list = byRow.get(r.row);
      if (list) mark(row, list);
      row.commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
