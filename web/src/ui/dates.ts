import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';

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
  dayjs.locale(pick({ zh: 'zh-cn', en: 'en' }, locale));
}
