import type ExcelJS from 'exceljs';
import { timeSlices } from '../time-slices';
import { readCsvRecords, type TTextEncoding } from './csv';
import { firstWorksheet } from './first-worksheet';
import {
  cellTextTooLarge,
  cellTooLong,
  columnBeyondLimit,
  IMPORT_SHEET_LIMITS,
  rowBeyondLimit,
  type SheetLimits,
  tooManyRows,
} from './sheet-limits';
import { type CellValue, isEmptyCell, type SheetRow, type SheetTable } from './sheet-table';

/** An .xlsx, or a .csv with the encoding of its text when known (else found from its bytes). */
export type SheetFormat = 'xlsx' | 'csv' | { csv: TTextEncoding };

/** A cell of exceljs as plain data: formulas give their result, rich text its text, errors nothing. */
export function plainCell(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
  }
  if ('hyperlink' in v) return v.text;
  return null;
}

/**
 * Header row = the first non-empty row; data rows = the non-empty rows below it, trailing empty
 * cells left out. Counts the rows and the text read against the limits.
 */
class TableBuilder {
  private header: SheetRow | null = null;
  private readonly rows: SheetRow[] = [];
  private textChars = 0;
  private lastRow = 0;
  constructor(private readonly limits: SheetLimits) {}

  push(line: SheetRow): void {
    // Excel writes rows in order, once each; the error report can only write them so.
    if (line.row <= this.lastRow) throw new Error(`row ${line.row} out of order`);
    this.lastRow = line.row;
    let width = line.cells.length;
    while (width > 0 && isEmptyCell(line.cells[width - 1])) width--;
    if (width === 0) return;
    line.cells.length = width;
    for (let c = 0; c < width; c++) {
      const v = line.cells[c];
      if (typeof v !== 'string') continue;
      if (v.length > this.limits.maxCellChars) throw cellTooLong(line.row, c + 1, this.limits.maxCellChars);
      this.textChars += v.length;
    }
    if (this.textChars > this.limits.maxTextChars) throw cellTextTooLarge(this.limits.maxTextChars);
    if (!this.header) {
      this.header = line;
      return;
    }
    if (this.rows.length >= this.limits.maxRows) throw tooManyRows(this.limits.maxRows);
    this.rows.push(line);
  }

  finish(): SheetTable {
    const headers = (this.header?.cells ?? []).map((c) =>
      c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim(),
    );
    return { headerRow: this.header?.row ?? 1, headers, rows: this.rows };
  }
}

/**
 * The first worksheet, streamed (shared strings cached, nothing else kept but the rows). A row
 * past the last row read, or reaching past the last column (any cell, empty or styled: what a
 * row costs exceljs grows with its last column), stops the reading.
 */
async function* xlsxLines(path: string, limits: SheetLimits): AsyncGenerator<SheetRow> {
  const { sheet, close } = await firstWorksheet(path, limits);
  try {
    if (!sheet) return;
    for await (const row of sheet) {
      if (row.number > limits.maxRowNumber) throw rowBeyondLimit(row.number, limits.maxRowNumber);
      if (row.cellCount > limits.maxColumns) throw columnBeyondLimit(row.number, row.cellCount, limits.maxColumns);
      // row.values is 1-based and sparse.
      const values = row.values as ExcelJS.CellValue[];
      const cells: CellValue[] = [];
      for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
      yield { row: row.number, cells };
    }
  } finally {
    close();
  }
}

async function* csvLines(path: string, limits: SheetLimits, encoding?: TTextEncoding): AsyncGenerator<SheetRow> {
  let row = 0;
  for await (const cells of readCsvRecords(path, limits, encoding)) yield { row: ++row, cells };
}

/**
 * Read the first sheet of an .xlsx or the rows of a .csv file at `path`, as a stream: a file
 * past one of the `limits` is refused (SheetLimitError) as soon as the excess is met. Hands the
 * event loop back as it goes.
 */
export async function readTable(path: string, format: SheetFormat, limits: SheetLimits = IMPORT_SHEET_LIMITS): Promise<SheetTable> {
  const table = new TableBuilder(limits);
  const pause = timeSlices();
  const lines = format === 'xlsx' ? xlsxLines(path, limits) : csvLines(path, limits, format === 'csv' ? undefined : format.csv);
  for await (const line of lines) {
    table.push(line);
    await pause();
  }
  return table.finish();
}
