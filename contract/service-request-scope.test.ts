import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVICE_KINDS } from './contracts';
import { SERVICE_REQUEST_KINDS } from './service-request-workflow';
import { kindWithinContract, REQUEST_KIND_SERVICE_KINDS } from './service-requests';

// The one rule the server applies on save and issue and the request form applies while the kind and contract are chosen.
describe('a request kind against its contract’s service kinds', () => {
  it('R-SCOPE-1 every request kind is within a contract holding any one of its service kinds, and outside one holding all the others', () => {
    for (const kind of SERVICE_REQUEST_KINDS) {
      const needed = REQUEST_KIND_SERVICE_KINDS[kind];
      assert.ok(needed.length > 0, `${kind} is delivered under some service kind`);
      for (const k of needed) assert.equal(kindWithinContract(kind, [k]), true, `${kind} under ${k}`);
      const others = SERVICE_KINDS.filter((k) => !needed.includes(k));
      assert.equal(kindWithinContract(kind, others), false, `${kind} under ${others.join(', ')}`);
      assert.equal(kindWithinContract(kind, [...others, needed[0]]), true, `${kind} once one of its kinds is added`);
    }
  });

  it('R-SCOPE-1 an emergency repair needs on-site maintenance; a consulting-only contract covers consulting and training, not repairs', () => {
    assert.equal(kindWithinContract('emergency_repair', ['consulting']), false);
    assert.equal(kindWithinContract('emergency_repair', ['onsite_maintenance']), true);
    assert.equal(kindWithinContract('consulting', ['consulting']), true);
    assert.equal(kindWithinContract('training', ['consulting']), true);
    assert.equal(kindWithinContract('preventive_maintenance', ['onsite_maintenance', 'consulting']), false);
  });
});
