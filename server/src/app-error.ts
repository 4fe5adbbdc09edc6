import { ERRORS, type TErrorCategory, type TErrorCode, type TIssue } from '@contract/errors';
import type { TBilingual } from '@contract/bilingual';

/** An issue as a service raises it: worded in both languages, the error handler sends the user's. */
export interface TAppIssue extends TIssue {
  i18n?: TBilingual;
}

/**
 * The one error class. Services throw it with a stable code from contract/errors.ts;
 * the HTTP error handler maps its category to a status and writes the one JSON shape.
 */
export class AppError extends Error {
  readonly category: TErrorCategory;
  constructor(
    readonly code: TErrorCode,
    readonly issues?: TAppIssue[],
    message?: string,
  ) {
    super(message ?? ERRORS[code].en);
    this.category = ERRORS[code].category;
  }
}

/** An issue on one field, in both languages (wordings: RULE_ISSUES, VALIDATION_MESSAGES). */
export function issue(path: string, text: TBilingual, code?: string): TAppIssue {
  return { path, message: text.en, i18n: text, ...(code && { code }) };
}

/** A validation error on one field, in both languages. */
export function fieldError(path: string, text: TBilingual, code = 'custom'): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, message: text.en, code, i18n: text }], `${path}: ${text.en}`);
}
