import type { z } from 'zod';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import { IMPORT_MESSAGES, type TImportMessage, type TImportRowError, type TSheetColumn } from '../modules/imports/import-sheets';
import { validationMessage } from '@contract/validation-messages';
import { timeSlices } from '../time-slices';
import { readCell } from './cell-values';
import { type HeaderMap, mapHeaders } from './header-map';
import { isEmptyCell, type SheetTable } from './sheet-table';

/** An error with the sheet column it points at (0-based; null: the row as a whole), for the report. */
export interface SheetError extends TImportRowError {
  col: number | null;
}

/** An import message in the user's language, `{name}` placeholders filled. */
export function importMessage(key: TImportMessage, locale: TLocale, params: Record<string, string | number> = {}): string {
  const text: string = pick(IMPORT_MESSAGES[key], locale);
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** Validate with a contract schema, its messages in the user's language (contract/validation-messages.ts). */
export function parseInLocale<T extends z.ZodType>(schema: T, input: unknown, locale: TLocale) {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) for (const issue of result.error.issues) (issue as { message: string }).message = validationMessage(issue, locale);
  return result;
}

/** The errors of one import, each naming the row, the column as the sheet heads it, and the field. */
export class RowErrors {
  private readonly items: SheetError[] = [];
  constructor(
    private readonly headers: HeaderMap,
    readonly locale: TLocale,
  ) {}

  /** `field` '' is the row as a whole. */
  add(row: number, field: string, message: string): void {
    const col = this.headers.indexOf.get(field) ?? null;
    this.items.push({ row, column: field ? this.headers.labelOf(field, this.locale) : '', field, message, col });
  }

  addMessage(row: number, field: string, key: TImportMessage, params?: Record<string, string | number>): void {
    this.add(row, field, importMessage(key, this.locale, params));
  }

  /** Zod issues of one input; `locate` tells the row and field a path points at. */
  addIssues(
    issues: readonly { path: readonly PropertyKey[]; message: string }[],
    locate: (path: readonly PropertyKey[]) => { row: number; field: string },
  ): void {
    for (const issue of issues) {
      const { row, field } = locate(issue.path);
      this.add(row, field, issue.message);
    }
  }

  get count(): number {
    return this.items.length;
  }

  /**
   * Sorted by row, then column; one entry per row and field (the first message wins). Grouped by
   * row first, so only the rows are sorted (every cell of 20,000 rows may be wrong), not the errors.
   */
  list(): SheetError[] {
    const byRow = new Map<number, SheetError[]>();
    for (const e of this.items) {
      const list = byRow.get(e.row);
      if (list) list.push(e);
      else byRow.set(e.row, [e]);
    }
    const out: SheetError[] = [];
    for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
      const fields = new Set<string>();
      for (const e of (byRow.get(row) ?? []).sort((a, b) => (a.col ?? -1) - (b.col ?? -1))) {
        if (fields.has(e.field)) continue;
        fields.add(e.field);
        out.push(e);
      }
    }
    return out;
  }
}

/** One data row as field values (empty cells left out), with its row number. */
export interface SheetRecord {
  row: number;
  values: Record<string, unknown>;
}

export interface SheetReading {
  records: SheetRecord[];
  headers: HeaderMap;
  errors: RowErrors;
}

/**
 * Every data row of the table read against the columns: cells converted by their format,
 * options resolved, required cells present. Wrong cells become errors; the rest of the row
 * is still read, so one pass reports every wrong cell. Hands the event loop back as it goes.
 */
export async function readRecords(table: SheetTable, columns: readonly TSheetColumn[], locale: TLocale): Promise<SheetReading> {
  const headers = mapHeaders(table.headers, columns);
  const errors = new RowErrors(headers, locale);
  for (const c of headers.missing) errors.addMessage(table.headerRow, c.key, 'missingColumn');
  const lang = pick({ zh: 'zh' as const, en: 'en' as const }, locale);
  const pause = timeSlices();
  const records: SheetRecord[] = [];
  for (const r of table.rows) {
    await pause();
    const values: Record<string, unknown> = {};
    for (const c of columns) {
      const i = headers.indexOf.get(c.key);
      if (i === undefined) continue;
      const reading = readCell(r.cells[i], c, lang);
      if (!reading.ok) errors.addMessage(r.row, c.key, reading.message, reading.params);
      else if (reading.value !== undefined) values[c.key] = reading.value;
    }
    for (const c of columns) {
      const i = headers.indexOf.get(c.key);
      if (c.required && i !== undefined && isEmptyCell(r.cells[i] ?? null)) errors.addMessage(r.row, c.key, 'required');
    }
    records.push({ row: r.row, values });
  }
  return { records, headers, errors };
}
