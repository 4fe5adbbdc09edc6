/** A cell as read from .xlsx or .csv: text, a number, a boolean, a date (xlsx), or nothing. */
export type CellValue = string | number | boolean | Date | null;

/** One non-empty data row; `row` is the row number as the spreadsheet shows it (1-based). */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

/** The first sheet of an uploaded file: its header row and the data rows under it. */
export interface SheetTable {
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
}

export function isEmptyCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** The letters of a column (1-based): 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
