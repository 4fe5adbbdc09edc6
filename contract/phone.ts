/**
 * Chinese phone numbers, normalised so that a caller can be matched by number
 * (R-CALL-1): however a number was typed — `+86 138-0013-8000`, `(010) 1234 5678 转 8`,
 * `０７５５－８８８８９９９９` — the same line gives the same digits.
 *
 * - spaces, dashes, dots, slashes and parentheses are dropped; full-width characters
 *   become half-width;
 * - `+86`, `0086` and a bare `86` in front of a mobile number are dropped;
 *   `+86`/`0086` in front of a landline become the trunk `0` (`+86 10 …` → `010…`);
 * - landlines keep their area code (`010-12345678` → `01012345678`);
 * - an extension (`转 123`, `分机 123`, `ext 123`, `x123`, `#123`, or `-123` after a
 *   complete landline) is kept apart.
 */
export type TPhoneKind = 'mobile' | 'landline' | 'local' | 'service' | 'other';

export interface TNormalisedPhone {
  /** Digits only (a leading `+` for numbers outside China): what is stored, indexed and matched. */
  number: string;
  extension: string | null;
  kind: TPhoneKind;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Trunk 0, area code of 2–3 digits, local number of 7–8 digits. */
const LANDLINE = /^0\d{9,11}$/;
const LOCAL = /^[2-9]\d{6,7}$/;
const SERVICE = /^(400|800)\d{7}$|^95\d{3,6}$|^1[0-2]\d{3}$/;
const EXTENSION_WORD = /(?:转|轉|分机|分機|ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i;
const SEPARATORS = /[\s\-.·/()（）[\]]+/;

export function normalisePhone(raw: string): TNormalisedPhone | null {
  let text = raw.normalize('NFKC').trim();
  let extension: string | null = null;
  const word = text.match(EXTENSION_WORD);
  if (word && word.index !== undefined && word.index > 0) {
    extension = word[1];
    text = text.slice(0, word.index);
  }
  const international = /^\s*(\+|00)/.test(text);
  const groups = text
    .split(SEPARATORS)
    .map((g) => g.replace(/\D/g, ''))
    .filter((g) => g.length > 0);
  if (groups.length === 0) return null;

  let digits = stripCountryCode(groups.join(''), international);
  // `010-12345678-123`: a short last group after a complete landline is an extension.
  if (extension === null && groups.length >= 2) {
    const last = groups[groups.length - 1];
    const head = stripCountryCode(groups.slice(0, -1).join(''), international);
    if (last.length <= 5 && LANDLINE.test(head) && !LANDLINE.test(digits) && !MOBILE.test(digits)) {
      extension = last;
      digits = head;
    }
  }
  if (digits === '') return null;
  return { number: digits, extension, kind: kindOf(digits) };
}

function stripCountryCode(digits: string, international: boolean): string {
  if (international) {
    const rest = digits.replace(/^(00)?86/, '');
    if (rest === digits) return `+${digits.replace(/^00/, '')}`;
    if (MOBILE.test(rest) || rest.startsWith('0')) return rest;
    return `0${rest}`;
  }
  if (/^86/.test(digits) && MOBILE.test(digits.slice(2))) return digits.slice(2);
  return digits;
}

function kindOf(n: string): TPhoneKind {
  if (MOBILE.test(n)) return 'mobile';
  if (LANDLINE.test(n)) return 'landline';
  if (SERVICE.test(n)) return 'service';
  if (LOCAL.test(n)) return 'local';
  return 'other';
}

/**
 * The part of a number a caller is matched on, stored and indexed beside the number:
 * a landline's local part (callers' numbers arrive with or without the area code),
 * any other number as it is.
 */
export function phoneMatchKey(p: TNormalisedPhone): string {
  if (p.kind !== 'landline') return p.number;
  // Area codes: 010 and 02x are three digits with the trunk 0, the others four.
  return p.number.slice(/^0(10|2\d)/.test(p.number) ? 3 : 4);
}

/**
 * Whether a stored number answers a caller's number with the same match key: exactly,
 * or one of them lacks the area code (a local number matches that line in any city).
 */
export function phonesMatch(caller: TNormalisedPhone, stored: TNormalisedPhone): boolean {
  if (caller.number === stored.number) return true;
  if (phoneMatchKey(caller) !== phoneMatchKey(stored)) return false;
  return caller.kind !== 'landline' || stored.kind !== 'landline';
}
