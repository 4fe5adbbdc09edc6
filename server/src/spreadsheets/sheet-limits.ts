import type { TErrorCode } from '@contract/errors';
import { IMPORT_MAX_ROWS } from '../modules/imports/import-sheets';
import type { TBilingual } from '@contract/bilingual';
import { filled, RULE_ISSUES } from '@contract/validation-messages';
import { columnLetter } from './sheet-table';

/**
 * How much of an uploaded sheet is read. A sheet past any of these is refused as a whole,
 * as soon as the reader meets the excess: each bounds what the rest of an import costs
 * (rows checked, errors listed, the error report written), whatever the file claims.
 */
export interface SheetLimits {
  /** Data rows (non-empty rows under the header). */
  maxRows: number;
  /** The last row number with content (.xlsx), or the last record of a .csv. */
  maxRowNumber: number;
  /** The last column with content. */
  maxColumns: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /** Characters in all the cells read (an .xlsx cell may repeat one shared string many times). */
  maxTextChars: number;
  /** Bytes of one .xlsx part once inflated. */
  maxPartBytes: number;
  /** Bytes of all the .xlsx parts read, once inflated. */
  maxUnzippedBytes: number;
}

const MB = 1024 * 1024;

/**
 * The limits of an import. The row number allows blank lines between the rows; a stray cell far
 * below the data is refused, naming its row. 256 columns is Excel 2003's width, far more than any
 * import sheet has; 32,767 characters is Excel's own limit of a cell. The byte caps hold a
 * 20,000-row sheet of 40 distinct Chinese texts a row (measured: shared strings 54 MB, sheet 30 MB).
 */
export const IMPORT_SHEET_LIMITS: SheetLimits = Object.freeze({
  maxRows: IMPORT_MAX_ROWS,
  maxRowNumber: 2 * IMPORT_MAX_ROWS,
  maxColumns: 256,
  maxCellChars: 32_767,
  maxTextChars: 50_000_000,
  maxPartBytes: 100 * MB,
  maxUnzippedBytes: 200 * MB,
});

/**
 * A sheet past one of its limits: the error code to answer with and what was found, in both
 * languages. Thrown by the readers; the import turns it into its AppError.
 */
export class SheetLimitError extends Error {
  constructor(
    readonly code: TErrorCode,
    readonly detail: TBilingual,
  ) {
    super(detail.en);
  }
}

/** `A1`-style name of a cell (1-based row and column). */
function cellName(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export const tooManyRows = (max: number) => new SheetLimitError('IMPORT_TOO_MANY_ROWS', filled(RULE_ISSUES.tooManyRows, { max }));
export const rowBeyondLimit = (row: number, max: number) =>
  new SheetLimitError('IMPORT_ROW_BEYOND_LIMIT', filled(RULE_ISSUES.rowBeyondLimit, { row, max }));
export const columnBeyondLimit = (row: number, column: number, max: number) =>
  new SheetLimitError('IMPORT_COLUMN_BEYOND_LIMIT', filled(RULE_ISSUES.columnBeyondLimit, { cell: cellName(row, column), max }));
export const cellTooLong = (row: number, column: number, max: number) =>
  new SheetLimitError('IMPORT_CELL_TOO_LONG', filled(RULE_ISSUES.cellTooLong, { cell: cellName(row, column), max }));
export const textTooLong = (max: number) => new SheetLimitError('IMPORT_CELL_TOO_LONG', filled(RULE_ISSUES.textTooLong, { max }));
export const partTooLarge = (part: string, maxBytes: number) =>
  new SheetLimitError('IMPORT_CONTENT_TOO_LARGE', filled(RULE_ISSUES.partTooLarge, { part, max: Math.round(maxBytes / MB) }));
export const unzippedTooLarge = (maxBytes: number) =>
  new SheetLimitError('IMPORT_CONTENT_TOO_LARGE', filled(RULE_ISSUES.unzippedTooLarge, { max: Math.round(maxBytes / MB) }));
export const cellTextTooLarge = (max: number) =>
  new SheetLimitError('IMPORT_CONTENT_TOO_LARGE', filled(RULE_ISSUES.cellTextTooLarge, { max }));
