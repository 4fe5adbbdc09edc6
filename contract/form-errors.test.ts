import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstIssuePerField, issuePathOf, serverFieldErrors, type TFieldPath } from './form-errors';

describe('errors onto form fields', () => {
  it('reads a dotted issue path as a form name path, list indexes as numbers', () => {
    assert.deepEqual(issuePathOf('items.2.unitPrice'), ['items', 2, 'unitPrice']);
    assert.deepEqual(issuePathOf('email'), ['email']);
    assert.deepEqual(issuePathOf(''), []);
  });

  it("puts a schema failure's messages on the top-level field, every message kept", () => {
    const issues = [
      { path: 'email', message: 'Required' },
      { path: 'email', message: 'Too long' },
      { path: 'contacts.0.phone', message: 'Bad phone' },
      { path: '', message: 'whole body' },
    ];
    assert.deepEqual(serverFieldErrors(issues), [
      { name: ['email'], errors: ['Required', 'Too long'] },
      { name: ['contacts'], errors: ['Bad phone'] },
    ]);
  });

  it('maps paths where the form differs from the API, and drops what the form has no field for', () => {
    const mapPath = (p: TFieldPath) => (p[0] === 'items' ? ['lines', ...p.slice(1)] : p[0] === 'version' ? null : p);
    const issues = [
      { path: 'items.1.unitPrice', message: 'Too small' },
      { path: 'version', message: 'stale' },
    ];
    assert.deepEqual(serverFieldErrors(issues, { mapPath }), [{ name: ['lines', 1, 'unitPrice'], errors: ['Too small'] }]);
  });

  it("a rule error is worded by its code, on its issues' fields and on the field it names", () => {
    const issues = [{ path: 'email', message: 'server text' }];
    assert.deepEqual(serverFieldErrors(issues, { ruleText: 'E-mail taken', ruleField: ['email'] }), [
      { name: ['email'], errors: ['E-mail taken'] },
    ]);
    assert.deepEqual(serverFieldErrors([], { ruleText: 'Wrong password', ruleField: ['currentPassword'] }), [
      { name: ['currentPassword'], errors: ['Wrong password'] },
    ]);
    assert.deepEqual(serverFieldErrors([], { ruleField: ['currentPassword'] }), [], 'no wording, nothing placed');
  });

  it("a whole-form check shows each field's first issue", () => {
    const issues = [
      { path: ['name'], code: 'a' },
      { path: ['name'], code: 'b' },
      { path: ['memberIds', 0], code: 'c' },
      { path: ['commitments', 'coverage', 'days'], code: 'd' },
    ];
    assert.deepEqual(
      firstIssuePerField(issues, (i) => i.code),
      [
        { name: ['name'], errors: ['a'] },
        { name: ['memberIds'], errors: ['c'] },
        { name: ['commitments'], errors: ['d'] },
      ],
    );
    assert.deepEqual(
      firstIssuePerField(
        issues,
        (i) => i.code,
        (p) => p,
      ).map((f) => f.name),
      [['name'], ['memberIds', 0], ['commitments', 'coverage', 'days']],
    );
  });
});
