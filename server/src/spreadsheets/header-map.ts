import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import type { TSheetColumn } from '../modules/imports/import-sheets';

/** A header or a name as compared: full-width made half-width, no case, no spaces, no `*` marks. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')');
}

/**
 * The names a header cell may be read as: the whole text; each line or `/`-separated part
 * (a template header is `中文\nEnglish`); each without its parenthesised remark, and the remark.
 */
function headerNames(header: string): string[] {
  const parts = [header, ...header.split(/\r?\n|\s\/\s|｜|\|/)];
  const names = new Set<string>();
  for (const part of parts) {
    const n = normalise(part);
    if (!n) continue;
    names.add(n);
    const remark = n.match(/^(.*?)\((.+)\)$/);
    if (remark) {
      if (remark[1]) names.add(remark[1]);
      names.add(remark[2]);
    }
  }
  return [...names];
}

function columnNames(c: TSheetColumn): string[] {
  return [c.zh, c.en, ...(c.aliases ?? [])].map((n) => normalise(n).replace(/\(.*\)$/, '')).concat(normalise(c.zh), normalise(c.en));
}

/** The label of a column in the user's language. */
export function columnLabel(c: TSheetColumn, locale: TLocale): string {
  return pick(c, locale);
}

export interface HeaderMap {
  /** Column of the sheet (0-based) holding each field. */
  indexOf: ReadonlyMap<string, number>;
  /** Required columns the sheet lacks. */
  missing: readonly TSheetColumn[];
  /** How the sheet heads the field's column (or the spec's name when it has none). */
  labelOf(field: string, locale: TLocale): string;
}

/**
 * Which sheet column holds which field. A header matches a column by its zh or en name or an
 * alias, in any case and width, with or without `*` and a remark in parentheses; a header
 * naming the whole column exactly wins over one matching by a part. Unknown headers (an old
 * report's 错误 column, the user's own notes) are ignored.
 */
export function mapHeaders(headers: readonly string[], columns: readonly TSheetColumn[]): HeaderMap {
  const indexOf = new Map<string, number>();
  const exact = headers.map((h) => normalise(h));
  const loose = headers.map(headerNames);
  for (const pass of ['exact', 'loose'] as const) {
    for (const c of columns) {
      if (indexOf.has(c.key)) continue;
      const names = columnNames(c);
      const taken = new Set(indexOf.values());
      const i = headers.findIndex(
        (_h, j) => !taken.has(j) && (pass === 'exact' ? names.includes(exact[j]) : loose[j].some((n) => names.includes(n))),
      );
      if (i >= 0) indexOf.set(c.key, i);
    }
  }
  const byKey = new Map(columns.map((c) => [c.key, c]));
  return {
    indexOf,
    missing: columns.filter((c) => c.required && !indexOf.has(c.key)),
    labelOf(field, locale) {
      const i = indexOf.get(field);
      if (i !== undefined && headers[i]) return headers[i].replace(/\s*\r?\n\s*/g, ' ');
      const c = byKey.get(field);
      return c ? columnLabel(c, locale) : field;
    },
  };
}
