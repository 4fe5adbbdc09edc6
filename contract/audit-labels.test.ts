import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from './audit-labels';
import { SERVICE_REQUEST_ACTIONS } from './service-request-workflow';
import { CALL_ACTIONS, CALL_LOG_KINDS } from './calls';

const SERVER = path.join(import.meta.dirname, '../server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.bench.ts') ? [p] : [];
  });
}

describe('the audit trail in words', () => {
  const files = sources(SERVER).map((f) => fs.readFileSync(f, 'utf8'));
  const audited = files.filter((s) => s.includes('recordAudit') || s.includes('auditOfNewRecord') || s.includes('AuditInput'));

  it('every entity the server audits has words in both languages', () => {
    const entities = new Set(audited.flatMap((s) => [...s.matchAll(/entity: '([a-z_]+)'/g)].map((m) => m[1])));
    assert.ok(entities.has('service_request'));
    const missing = [...entities].filter((e) => !AUDIT_ENTITY_LABELS[e]);
    assert.deepEqual(missing, []);
  });

  it('every action the server audits (literal, workflow steps of requests and calls, call logs) has words', () => {
    // `action: 'x'` and `action: a ? 'x' : b ? 'y' : 'z'`: every quoted word of the expression.
    const literal = audited.flatMap((s) =>
      [...s.matchAll(/\baction: ([^,\n}]+)/g)].flatMap((m) => [...m[1].matchAll(/'([a-z_]+)'/g)].map((q) => q[1])),
    );
    const known = new Set(Object.keys(AUDIT_ACTION_LABELS));
    const actions = new Set([
      ...literal.filter((a) => a !== 'x'),
      ...SERVICE_REQUEST_ACTIONS,
      ...CALL_ACTIONS,
      ...CALL_LOG_KINDS.map((k) => `log_${k}`),
      'create_issued',
      'create_urgent',
    ]);
    const missing = [...actions].filter((a) => !known.has(a));
    assert.deepEqual(missing, []);
    for (const l of Object.values(AUDIT_ACTION_LABELS)) assert.ok(l.zh && l.en);
    assert.equal(AUDIT_ACTION_LABELS.create_issued.zh, '创建并下达');
    assert.equal(AUDIT_ENTITY_LABELS.service_request.en, 'Service request');
  });
});
