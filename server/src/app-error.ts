import { ERRORS, type TErrorCategory, type TErrorCode, type TIssue } from '@contract/errors';

/**
 * The one error class. Services throw it with a stable code from contract/errors.ts;
 * the HTTP error handler maps its category to a status and writes the one JSON shape.
 */
export class AppError extends Error {
  readonly category: TErrorCategory;
  constructor(
    readonly code: TErrorCode,
    readonly issues?: TIssue[],
    message?: string,
  ) {
    super(message ?? ERRORS[code].en);
    this.category = ERRORS[code].category;
  }
}

/** A validation error on one field. */
export function fieldError(path: string, message: string, code = 'custom'): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, message, code }], `${path}: ${message}`);
}
