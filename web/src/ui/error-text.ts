import { useCallback } from 'react';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import { ERRORS, type TErrorCode } from '@contract/errors';
import { isApiError, NETWORK_ERROR } from '../api/api-error';
import { type TTranslate, useLocale } from '../app/locale-context';

export function isKnownErrorCode(code: string): code is TErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/**
 * The user-facing text of an error in the user's language: the contract's message
 * for a known code, else the server's own message.
 */
export function errorText(err: unknown, locale: TLocale, t: TTranslate): string {
  if (isApiError(err)) {
    if (err.code === NETWORK_ERROR) return t('error.network');
    if (isKnownErrorCode(err.code)) return pick(ERRORS[err.code], locale);
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export function useErrorText(): (err: unknown) => string {
  const { locale, t } = useLocale();
  return useCallback((err: unknown) => errorText(err, locale, t), [locale, t]);
}
