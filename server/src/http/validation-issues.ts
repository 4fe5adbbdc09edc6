import type { FastifyError, FastifyRequest } from 'fastify';
import type { TLocale } from '@contract/common';
import type { TIssue } from '@contract/errors';
import { type TIssueFacts, validationMessage } from '@contract/validation-messages';

/** The value at `path` of `data`, or undefined when any step is missing. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Zod issues → the issues of a 400 VALIDATION_FAILED: one per field (an unknown field is named
 * as its own path), `code` kept, the message in `locale` (contract/validation-messages.ts).
 * `input` is what was validated, so a field left out reads as "required".
 */
export function localisedIssues(
  issues: readonly (TIssueFacts & { path: readonly PropertyKey[] })[],
  input: unknown,
  locale: TLocale,
): TIssue[] {
  return issues.flatMap((i): TIssue[] => {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys) {
      return i.keys.map((k) => ({
        path: base ? `${base}.${k}` : k,
        message: validationMessage({ code: i.code, keys: [k] }, locale),
        code: i.code,
      }));
    }
    const facts = 'input' in i ? i : { ...i, input: valueAt(input, i.path) };
    return [{ path: base, message: validationMessage(facts, locale), code: i.code }];
  });
}

const CONTEXTS = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' } as const;

/** A route schema's validation failure (fastify-type-provider-zod) as localised issues. */
export function routeValidationIssues(err: FastifyError, req: FastifyRequest, locale: TLocale): TIssue[] {
  const where = (err as { validationContext?: keyof typeof CONTEXTS }).validationContext;
  const input = where && where in CONTEXTS ? req[CONTEXTS[where]] : undefined;
  const issues = (err.validation ?? []).map((v) => ({
    ...(v.params as Omit<TIssueFacts, 'code'>),
    code: v.keyword,
    message: v.message,
    path: v.instancePath
      .split('/')
      .slice(1)
      .filter((p) => p !== ''),
  }));
  return localisedIssues(issues, input, locale).map((i) => (i.path === '' && where ? { ...i, path: where } : i));
}
