import { MULTI_VALUE_SEPARATORS, type TImportMessage, type TSheetColumn, type TSheetOption } from '../modules/imports/import-sheets';
import { type CellValue, isEmptyCell } from './sheet-table';

/** A cell read for its column: the value, nothing (empty), or what is wrong with it. */
export type CellReading = { ok: true; value: unknown } | { ok: false; message: TImportMessage; params?: Record<string, string> };

const EMPTY: CellReading = { ok: true, value: undefined };

/** Days between Excel's day 0 (1899-12-30, counting its phantom 1900-02-29) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 1900 || year > 2200) return null;
  return d.toISOString().slice(0, 10);
}

/** `2026-01-31`, `2026/1/31`, `2026.1.31`, `2026年1月31日`, `20260131`, an Excel date or its serial number. */
export function readDate(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 150_000) return null;
    return new Date((Math.floor(v) - EXCEL_EPOCH_OFFSET) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(v).normalize('NFKC').trim();
  const m =
    text.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/) ??
    text.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Digits as typed: `1,234.5`, `¥1234`, full-width digits. */
function numericText(v: CellValue): string {
  return String(v)
    .normalize('NFKC')
    .trim()
    .replace(/^[¥￥]|元$/g, '')
    .replace(/,/g, '')
    .trim();
}

export function readNumber(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = numericText(v);
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** Yuan with at most two decimals → fen; typed text is converted on its digits (no float rounding). */
export function readYuanAsFen(v: CellValue): number | null {
  if (typeof v === 'number') {
    const fen = Math.round(v * 100);
    // An Excel number carries binary noise (1234.56 → 123455.99999…); more than two decimals is an error.
    return v >= 0 && Math.abs(v * 100 - fen) < 1e-6 && Number.isSafeInteger(fen) ? fen : null;
  }
  const m = numericText(v).match(/^(\d+)(?:\.(\d{1,2}))?$/);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', 'x', '对', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '无', '不']);

export function readBoolean(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = String(v).normalize('NFKC').trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** Text of a cell as the user sees it: whole numbers without exponent, dates as YYYY-MM-DD. */
export function readText(v: CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v).toString();
  return String(v).trim();
}

function optionKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** The option a value names, by its code or either label. */
export function findOption(options: readonly TSheetOption[], text: string): TSheetOption | undefined {
  const key = optionKey(text);
  return options.find((o) => optionKey(o.value) === key || optionKey(o.zh) === key || optionKey(o.en) === key);
}

function readScalar(v: CellValue, column: TSheetColumn): CellReading {
  switch (column.format) {
    case 'date': {
      const d = readDate(v);
      return d === null ? { ok: false, message: 'date' } : { ok: true, value: d };
    }
    case 'integer': {
      const n = readNumber(v);
      return n === null || !Number.isInteger(n) ? { ok: false, message: 'integer' } : { ok: true, value: n };
    }
    case 'number': {
      const n = readNumber(v);
      return n === null ? { ok: false, message: 'number' } : { ok: true, value: n };
    }
    case 'yuan': {
      const fen = readYuanAsFen(v);
      return fen === null ? { ok: false, message: 'yuan' } : { ok: true, value: fen };
    }
    case 'boolean': {
      const b = readBoolean(v);
      return b === null ? { ok: false, message: 'boolean' } : { ok: true, value: b };
    }
    case 'text':
      return { ok: true, value: readText(v) };
  }
}

function readOption(text: string, options: readonly TSheetOption[], locale: 'zh' | 'en'): CellReading {
  const option = findOption(options, text);
  return option
    ? { ok: true, value: option.value }
    : { ok: false, message: 'option', params: { values: options.map((o) => o[locale]).join(' / ') } };
}

/**
 * A cell read for its column: converted to its format, split into several values where the
 * column allows, options resolved to their codes. An empty cell reads as `undefined`.
 */
export function readCell(v: CellValue | undefined, column: TSheetColumn, locale: 'zh' | 'en'): CellReading {
  if (v === undefined || isEmptyCell(v)) return EMPTY;
  const options = column.options;
  if (column.multiple) {
    const parts = readText(v)
      .split(MULTI_VALUE_SEPARATORS)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (!options) return { ok: true, value: parts };
    const values: string[] = [];
    for (const p of parts) {
      const r = readOption(p, options, locale);
      if (!r.ok) return r;
      values.push(r.value as string);
    }
    return { ok: true, value: values };
  }
  if (options) return readOption(readText(v), options, locale);
  return readScalar(v, column);
}
