import type { TLocale } from './common';

/*
 * Texts in both languages, without zod: the web's first page loads this, and zod only with the
 * pages that validate.
 */

/** A text (or anything else: a date-picker locale, a separator) in both languages. */
export interface TBilingual<T = string> {
  zh: T;
  en: T;
}

/** The one place a two-language choice is made: `label` in `locale`. */
export function pick<T>(label: TBilingual<T>, locale: TLocale): T {
  return locale === 'en' ? label.en : label.zh;
}
