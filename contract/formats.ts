import type { TLocale } from './common';
import { pick } from './bilingual';

/* Numbers as people read them. Money is integer fen on the wire and in the database; forms show yuan with two decimals. */

export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

/** Rounded to the fen: a typed `0.1 + 0.2` yuan is 30 fen, not 30.000000000000004. */
export function yuanToFen(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined || Number.isNaN(yuan) ? null : Math.round(yuan * 100);
}

const moneyFormats = new Map<TLocale, Intl.NumberFormat>();

/** `¥1,234,500.00` */
export function formatFen(fen: number, locale: TLocale): string {
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(pick({ zh: 'zh-CN', en: 'en-US' }, locale), { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });
    moneyFormats.set(locale, f);
  }
  return f.format(fen / 100);
}

/** A file's size: `512 B`, `1.5 KB`, `2.0 MB`. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
