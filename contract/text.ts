import { z } from 'zod';
import { bilingual, VALIDATION_MESSAGES } from './validation-messages';

/**
 * Characters no text accepts: control characters (C0, DEL, C1) other than tab, line feed and
 * carriage return, and lone UTF-16 surrogates (half of a broken pair: not a character, and
 * replaced or refused by the database). Checked for every request, whatever its form
 * (server/src/http/text-hygiene.ts).
 */
const FORBIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** The path of the first string in `value` (an object, array or string) holding a forbidden character, or null. */
export function findForbiddenText(value: unknown, path: readonly (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return hasForbiddenCharacter(value) ? [...path] : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (hasForbiddenCharacter(key)) return [...path, key];
      const found = findForbiddenText(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Tab and line breaks: allowed in multi-line texts (descriptions, notes), not in a single-line one. */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** A single-line text field (a name, a number, a phone), trimmed; chain its length checks after it. */
export function singleLineText() {
  return z
    .string()
    .trim()
    .refine((text) => !LINE_BREAK_OR_TAB.test(text), bilingual(VALIDATION_MESSAGES.singleLine));
}
