import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { z } from 'zod';
import type { TLocale } from '@contract/common';
import { ERRORS, type TErrorCode } from '@contract/errors';
import { isApiError } from '../../api/api-error';
import type { TTranslate } from '../../app/locale-context';
import { isKnownErrorCode } from '../../ui/error-text';
import { issueText } from '../../ui/zod-form';

/** Dates travel as `YYYY-MM-DD`; pickers hold dayjs values. Typing `2026-03-01` + Enter works in every picker. */
export const DATE_FORMAT = 'YYYY-MM-DD';

export function toDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

export function fromDay(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value, DATE_FORMAT) : null;
}

/**
 * For a date picker inside a form: Enter commits a typed date (the picker does that first)
 * without also submitting the form.
 */
export function keepEnterInPicker(event: { key: string; preventDefault: () => void }): void {
  if (event.key === 'Enter') event.preventDefault();
}

/** The date pickers' month and weekday names follow the UI language. */
export function useDayjsLocale(locale: TLocale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

// ── Money: integer fen on the wire, yuan with two decimals in the form ──

export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

export function yuanToFen(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined || Number.isNaN(yuan) ? null : Math.round(yuan * 100);
}

const moneyFormats = new Map<TLocale, Intl.NumberFormat>();

/** `¥1,234,500.00` */
export function formatFen(fen: number, locale: TLocale): string {
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });
    moneyFormats.set(locale, f);
  }
  return f.format(fen / 100);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

// ── Server issues onto nested fields ──

export type TFieldPath = (string | number)[];

/**
 * Like `showErrorsOnFields` (ui/zod-form.ts), for forms with nested and list fields: the
 * server's dotted issue paths (`items.2.unitPrice`, `commitments.coverage.days`) become
 * antd name paths (`['items', 2, 'unitPrice']`); `mapPath` renames where the form's shape
 * differs from the API's; `codeToField` places rule errors that come without issues.
 * Returns whether anything landed on a field of the form.
 */
export function showNestedErrors(
  form: FormInstance,
  err: unknown,
  locale: TLocale,
  options: { mapPath?: (path: TFieldPath) => TFieldPath | null; codeToField?: Partial<Record<TErrorCode, TFieldPath>> } = {},
): boolean {
  if (!isApiError(err)) return false;
  const code = isKnownErrorCode(err.code) ? err.code : null;
  const codeText = code && code !== 'VALIDATION_FAILED' ? (locale === 'en' ? ERRORS[code].en : ERRORS[code].zh) : null;
  const byField = new Map<string, { name: TFieldPath; errors: string[] }>();
  const add = (name: TFieldPath, message: string) => {
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (codeText) entry.errors = [codeText];
    else entry.errors.push(message);
    byField.set(key, entry);
  };
  for (const issue of err.issues) {
    const raw: TFieldPath = issue.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const name = options.mapPath ? options.mapPath(raw) : raw;
    if (name) add(name, issue.message);
  }
  const mapped = code ? options.codeToField?.[code] : undefined;
  if (mapped && codeText) add(mapped, codeText);
  if (byField.size === 0) return false;
  const entries = [...byField.values()];
  form.setFields(entries);
  // A path the form has no field for is set silently; report only what shows.
  return entries.some((e) => form.getFieldError(e.name).length > 0);
}

/** A whole-form zod failure onto nested fields: the first issue of each field, in the user's language. */
export function showNestedZodIssues(
  form: FormInstance,
  issues: readonly z.core.$ZodIssue[],
  t: TTranslate,
  mapPath: (path: TFieldPath) => TFieldPath | null = (p) => p,
): void {
  const byField = new Map<string, { name: TFieldPath; errors: string[] }>();
  for (const issue of issues) {
    const name = mapPath(issue.path.map((p) => (typeof p === 'number' ? p : String(p))));
    if (!name || name.length === 0) continue;
    const key = JSON.stringify(name);
    if (!byField.has(key)) byField.set(key, { name, errors: [issueText(issue, t)] });
  }
  form.setFields([...byField.values()]);
}
