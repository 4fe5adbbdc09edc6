import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest, serviceRequestForm } from './service-requests.fixtures';

for (const engine of engines()) {
  describe(`a request's kind within its contract (${engine})`, () => {
    let t: TestApp;
    let tm: TSignedIn;
    let sales: TSignedIn;
    let eng: TSignedIn;
    let party: { customerId: number; contractId: number };
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      tm = await t.userWith(['tech_manager']);
      sales = await t.userWith(['sales']);
      eng = await t.userWith(['engineer']);
      // A maintenance contract: emergency repair and installation are within it, training is not.
      const c = await makeContract(db(), { status: 'active', serviceKinds: ['onsite_maintenance'] });
      party = { customerId: c.customer.id, contractId: c.id };
    });
    after(() => t.close());

    it('R-SCOPE-1 the form warns when the kind is outside the contract; a kind within it is not warned', async () => {
      const outside = await makeServiceRequest(tm.client, party, { kind: 'training', responsibleEngineerId: eng.user.id });
      assert.deepEqual(
        outside.warnings.map((w: { code: string }) => w.code),
        ['SR_KIND_OUTSIDE_CONTRACT'],
      );
      assert.doesNotMatch(outside.warnings[0].message, /R-/);
      const within = await makeServiceRequest(tm.client, party, { kind: 'emergency_repair', responsibleEngineerId: eng.user.id });
      assert.deepEqual(within.warnings, []);
      const edited = await tm.client.patch(`/api/service-requests/${within.id}`, { version: within.version, kind: 'goods_inspection' });
      assert.equal(edited.status, 200, edited.text);
      assert.deepEqual(
        edited.body.warnings.map((w: { code: string }) => w.code),
        ['SR_KIND_OUTSIDE_CONTRACT'],
      );
    });

    it('R-SCOPE-1 issuing a kind outside the contract is refused, naming the rule; a technical manager overrides with a reason, recorded', async () => {
      const draft = await makeServiceRequest(sales.client, party, { kind: 'training', responsibleEngineerId: eng.user.id });
      const refused = await sales.client.post(`/api/service-requests/${draft.id}/issue`, {});
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.code, 'SERVICE_REQUEST_KIND_OUTSIDE_CONTRACT');
      assert.equal(refused.body.rule, 'R-SCOPE-1');
      const salesOverride = await sales.client.post(`/api/service-requests/${draft.id}/issue`, { override: { reason: '客户临时加培训' } });
      assert.equal(salesOverride.status, 403, 'only a technical manager may override');
      const issued = await tm.client.post(`/api/service-requests/${draft.id}/issue`, {
        override: { reason: '客户临时加培训，另签补充协议' },
      });
      assert.equal(issued.status, 200, issued.text);
      assert.equal(issued.body.state, 'issued');
      const rows = await db().selectFrom('guard_override').selectAll().where('rule', '=', 'R-SCOPE-1').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].entity, 'service_request');
      assert.equal(String(rows[0].entity_id), String(draft.id));
      assert.equal(rows[0].reason, '客户临时加培训，另签补充协议');
    });

    it('R-SCOPE-1 creating and issuing at once is guarded the same way; a kind within the contract issues freely', async () => {
      const refused = await tm.client.post(
        '/api/service-requests',
        serviceRequestForm(party, { kind: 'outsourcing', responsibleEngineerId: eng.user.id, issue: true }),
      );
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.rule, 'R-SCOPE-1');
      const overridden = await tm.client.post(
        '/api/service-requests',
        serviceRequestForm(party, {
          kind: 'outsourcing',
          responsibleEngineerId: eng.user.id,
          issue: true,
          override: { reason: '驻场外包试运行一周' },
        }),
      );
      assert.equal(overridden.status, 201, overridden.text);
      assert.equal(overridden.body.state, 'issued');
      const within = await tm.client.post(
        '/api/service-requests',
        serviceRequestForm(party, { kind: 'installation', responsibleEngineerId: eng.user.id, issue: true }),
      );
      assert.equal(within.status, 201, within.text);
    });
  });
}
