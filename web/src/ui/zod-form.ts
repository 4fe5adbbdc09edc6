import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import { ERRORS, type TErrorCode } from '@contract/errors';
import { firstIssuePerField, serverFieldErrors, type TFieldPath, type TPathMap } from '@contract/form-errors';
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

function checkWith(schema: z.ZodType, value: unknown, t: TTranslate): void {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(issueText(result.error.issues[0], t));
}

/**
 * An antd Form rule that validates one field with a contract schema
 * (e.g. `ZCreateUser.shape.email`), so the form checks exactly what the server checks.
 */
export function zodRule(schema: z.ZodType, t: TTranslate): Rule {
  return { validator: async (_rule, value: unknown) => checkWith(schema, value, t) };
}

/**
 * `zodRule` for an optional field whose blank input means "no value" (sent as null):
 * a blank passes, anything else is checked with the contract's schema.
 */
export function blankOrRule(schema: z.ZodType, t: TTranslate): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return;
      checkWith(schema, value, t);
    },
  };
}

/** Empty inputs of optional text fields are sent as `null` ("no value"), not as "". */
export function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/** Where a form puts a failed submit's errors; without `mapPath`, on the top-level field an issue's path begins with. */
export interface TErrorPlacement {
  /** Only these top-level fields (a flat form's own), others are left to the caller. */
  fields?: readonly string[];
  /** Where a path lands when the form's shape differs from the API's (nested and list fields); `null` drops it. */
  mapPath?: TPathMap;
  /** The field a rule error names when the server sends it without issues (USER_EMAIL_TAKEN → email). */
  codeToField?: Partial<Record<TErrorCode, string | TFieldPath>>;
}

/**
 * Put a failed submit's errors onto the form's fields: the server's issues (contract/form-errors.ts),
 * a rule error (USER_EMAIL_TAKEN, AUTH_WRONG_PASSWORD…) worded by its code in the user's language,
 * schema issues (VALIDATION_FAILED) with the server's text. Returns whether anything shows on a
 * field of the form; if not, the caller shows the error otherwise.
 */
export function showErrorsOnFields(form: FormInstance, err: unknown, locale: TLocale, placement: TErrorPlacement = {}): boolean {
  if (!isApiError(err)) return false;
  const code = isKnownErrorCode(err.code) ? err.code : null;
  const ruleText = code && code !== 'VALIDATION_FAILED' ? pick(ERRORS[code], locale) : null;
  const mapped = code ? placement.codeToField?.[code] : undefined;
  const known = placement.fields && new Set(placement.fields);
  const entries = serverFieldErrors(err.issues, {
    mapPath: placement.mapPath ?? (known ? (p) => (known.has(String(p[0])) ? [p[0]] : null) : undefined),
    ruleText,
    ruleField: typeof mapped === 'string' ? [mapped] : mapped,
  });
  if (entries.length === 0) return false;
  form.setFields(entries);
  // A path the form has no field for is set silently; report only what shows.
  return entries.some((e) => form.getFieldError(e.name).length > 0);
}

/** Put a whole-form zod failure onto the fields: the first issue of each field, in the user's language. */
export function showZodIssuesOnFields(form: FormInstance, issues: readonly TZodIssue[], t: TTranslate, mapPath?: TPathMap): void {
  form.setFields(firstIssuePerField(issues, (issue) => issueText(issue, t), mapPath));
}
