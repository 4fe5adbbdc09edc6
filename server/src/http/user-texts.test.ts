import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { ERRORS } from '@contract/errors';
import { SERVICE_REQUEST_WARNINGS } from '@contract/service-requests';
import { RULE_ISSUES, VALIDATION_MESSAGES } from '@contract/validation-messages';
import { IMPORT_COLUMNS, IMPORT_MESSAGES } from '../modules/imports/import-sheets';

const RULE_CODE = /R-(SCOPE|ORG|FLOW|CALL|GOODS|INST|EMER|PM|TRAIN|FORM)-\d/;

/** Every string somewhere inside a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('what users read', () => {
  it('no message, hint or help text carries a rulebook code; a refused guard names its rule in `rule`', () => {
    const texts = [
      ...Object.values(ERRORS).flatMap((d) => [d.zh, d.en]),
      ...strings(VALIDATION_MESSAGES),
      ...strings(RULE_ISSUES),
      ...strings(IMPORT_MESSAGES),
      ...strings(IMPORT_COLUMNS),
      ...strings(SERVICE_REQUEST_WARNINGS).filter((s) => !/^[A-Z_]+$/.test(s)),
    ];
    assert.ok(texts.length > 200, `${texts.length} texts`);
    assert.deepEqual(
      texts.filter((s) => RULE_CODE.test(s)),
      [],
    );
    const guards = Object.entries(ERRORS).filter(([, d]) => 'rule' in d);
    assert.ok(guards.length >= 10);
    for (const [code, d] of guards) assert.match(String((d as { rule: string }).rule), RULE_CODE, code);
  });

  it('the web dictionary carries no rulebook code in either language', () => {
    const source = fs.readFileSync(new URL('../../../web/src/app/i18n.ts', import.meta.url), 'utf8');
    const dictionary = source.replace(/^\s*(\/\/|\/?\*).*$/gm, '');
    const quoted = [...dictionary.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2]);
    assert.ok(quoted.length > 1000);
    assert.deepEqual(
      quoted.filter((s) => RULE_CODE.test(s)),
      [],
    );
  });
});
