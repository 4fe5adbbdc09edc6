import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { ERRORS } from '@contract/errors';
import type { TLocale } from '@contract/common';
import { validationMessage } from '@contract/validation-messages';
import { isApiError } from '../api/api-error';
import type { TTranslate } from '../app/locale-context';
import { isKnownErrorCode } from './error-text';

type TZodIssue = z.core.$ZodIssue;

/**
 * A form-friendly message for a zod issue, worded as the server words it (contract/validation-messages.ts).
 * In a form a value of the wrong type is an empty one: it reads "required".
 */
export function issueText(issue: TZodIssue, t: TTranslate): string {
  return validationMessage(issue.code === 'invalid_type' ? { ...issue, input: undefined } : issue, t.locale);
}

/**
 * An antd Form rule that validates one field with a contract schema
 * (e.g. `ZCreateUser.shape.email`), so the form checks exactly what the server checks.
 */
export function zodRule(schema: z.ZodType, t: TTranslate): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(issueText(result.error.issues[0], t));
    },
  };
}

/** Empty inputs of optional text fields are sent as `null` ("no value"), not as "". */
export function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/**
 * A failed submit's errors by field: the server's issues (dotted paths, first segment = field
 * name), and, for codes the server sends without issues, the field named in `codeToField`
 * (e.g. USER_EMAIL_TAKEN → email). Empty when nothing names one of `fields`.
 */
export function fieldErrors(
  err: unknown,
  locale: TLocale,
  fields: readonly string[],
  codeToField: Partial<Record<keyof typeof ERRORS, string>> = {},
): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  if (!isApiError(err)) return byField;
  const known = new Set(fields);
  const code = isKnownErrorCode(err.code) ? err.code : null;
  // A rule error (USER_EMAIL_TAKEN, AUTH_WRONG_PASSWORD…) that names a field is worded by
  // its code, in the user's language; schema issues (VALIDATION_FAILED) keep the server's text.
  const codeText = code && code !== 'VALIDATION_FAILED' ? (locale === 'en' ? ERRORS[code].en : ERRORS[code].zh) : null;
  for (const issue of err.issues) {
    const field = issue.path.split('.')[0];
    if (!known.has(field)) continue;
    if (codeText) byField.set(field, [codeText]);
    else byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  const mapped = code ? codeToField[code] : undefined;
  if (mapped && codeText) byField.set(mapped, [codeText]);
  return byField;
}

/**
 * Put a failed submit's errors onto an antd form's fields (`fieldErrors`).
 * Returns whether anything was placed; if not, the caller shows the error otherwise.
 */
export function showErrorsOnFields(
  form: FormInstance,
  err: unknown,
  locale: TLocale,
  fields: readonly string[],
  codeToField: Partial<Record<keyof typeof ERRORS, string>> = {},
): boolean {
  const byField = fieldErrors(err, locale, fields, codeToField);
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}

/** Put a whole-form zod failure onto the fields: the first issue of each field, in the user's language. */
export function showZodIssuesOnFields(form: FormInstance, issues: readonly TZodIssue[], t: TTranslate): void {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !byField.has(field)) byField.set(field, issueText(issue, t));
  }
  form.setFields([...byField].map(([name, message]) => ({ name, errors: [message] })));
}
