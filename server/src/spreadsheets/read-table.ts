import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { decodeCsvText, parseCsv } from './csv';
import { firstWorksheet } from './first-worksheet';
import { type CellValue, isEmptyCell, type SheetRow, type SheetTable } from './sheet-table';

export type SheetFormat = 'xlsx' | 'csv';

/** Thrown when the file holds more data rows than allowed; the caller turns it into its error. */
export class TooManyRowsError extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} rows`);
  }
}

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

/** Header row = the first non-empty row; data rows = the non-empty rows below it. */
class TableBuilder {
  private header: SheetRow | null = null;
  private readonly rows: SheetRow[] = [];
  constructor(private readonly maxRows: number) {}

  push(line: SheetRow): void {
    if (line.cells.every((c) => isEmptyCell(c))) return;
    if (!this.header) {
      this.header = line;
      return;
    }
    if (this.rows.length >= this.maxRows) throw new TooManyRowsError(this.maxRows);
    this.rows.push(line);
  }

  finish(): SheetTable {
    const headers = (this.header?.cells ?? []).map((c) =>
      c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim(),
    );
    return { headerRow: this.header?.row ?? 1, headers, rows: this.rows };
  }
}

/** The first worksheet, streamed (shared strings cached, nothing else kept but the rows). */
async function* xlsxLines(path: string): AsyncGenerator<SheetRow> {
  const sheet = await firstWorksheet(path);
  if (!sheet) return;
  for await (const row of sheet) {
    // row.values is 1-based and sparse.
    const values = row.values as ExcelJS.CellValue[];
    const cells: CellValue[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
    yield { row: row.number, cells };
  }
}

/** Read the first sheet of an .xlsx or the rows of a .csv file at `path`. */
export async function readTable(path: string, format: SheetFormat, maxRows: number): Promise<SheetTable> {
  const table = new TableBuilder(maxRows);
  if (format === 'csv') {
    for (const [i, cells] of parseCsv(decodeCsvText(await readFile(path))).entries()) table.push({ row: i + 1, cells });
  } else {
    for await (const line of xlsxLines(path)) table.push(line);
  }
  return table.finish();
}
