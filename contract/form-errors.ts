/*
 * Errors onto a form's fields, as pure data: the web's one form kit (web/src/ui/zod-form.ts)
 * hands the result to antd's `form.setFields`. Server issues carry dotted paths
 * (`items.2.unitPrice`); a form's field names are paths of strings and list indexes.
 */

export type TFieldPath = (string | number)[];
export interface TFieldErrors {
  name: TFieldPath;
  errors: string[];
}
/** From an issue's path to the form field that shows it; `null` when the form has none. */
export type TPathMap = (path: TFieldPath) => TFieldPath | null;

/** The default: a form of top-level fields shows an issue on the field its path begins with. */
export const topLevelField: TPathMap = (path) => (path.length > 0 ? [path[0]] : null);

/** `items.2.unitPrice` → `['items', 2, 'unitPrice']`; `''` (the whole body) → `[]`. */
export function issuePathOf(dotted: string): TFieldPath {
  return dotted === '' ? [] : dotted.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * A failed request's issues per field. `ruleText` is the wording of a rule error's code
 * (USER_EMAIL_TAKEN…): it replaces the issues' own messages, and lands on `ruleField` too
 * (for codes the server sends without issues). Schema issues (no `ruleText`) keep every
 * message of a field.
 */
export function serverFieldErrors(
  issues: readonly { path: string; message: string }[],
  options: { mapPath?: TPathMap; ruleText?: string | null; ruleField?: TFieldPath | null } = {},
): TFieldErrors[] {
  const { mapPath = topLevelField, ruleText = null, ruleField = null } = options;
  const byField = new Map<string, TFieldErrors>();
  const add = (name: TFieldPath, message: string) => {
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (ruleText) entry.errors = [ruleText];
    else entry.errors.push(message);
    byField.set(key, entry);
  };
  for (const issue of issues) {
    const name = mapPath(issuePathOf(issue.path));
    if (name && name.length > 0) add(name, issue.message);
  }
  if (ruleField && ruleText) add(ruleField, ruleText);
  return [...byField.values()];
}

/** A whole-form check's issues (zod's, with array paths): the first issue of each field, worded by `text`. */
export function firstIssuePerField<I extends { path: readonly PropertyKey[] }>(
  issues: readonly I[],
  text: (issue: I) => string,
  mapPath: TPathMap = topLevelField,
): TFieldErrors[] {
  const byField = new Map<string, TFieldErrors>();
  for (const issue of issues) {
    const name = mapPath(issue.path.map((p) => (typeof p === 'number' ? p : String(p))));
    if (!name || name.length === 0) continue;
    const key = JSON.stringify(name);
    if (!byField.has(key)) byField.set(key, { name, errors: [text(issue)] });
  }
  return [...byField.values()];
}
