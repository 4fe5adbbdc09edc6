import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest } from './service-requests.fixtures';

for (const engine of engines()) {
  describe(`resolve and close say what happened (${engine})`, () => {
    let t: TestApp;
    let tm: TSignedIn;
    let eng: TSignedIn;
    let party: { customerId: number; contractId: number };

    before(async () => {
      t = await startTestApp(engine);
      tm = await t.userWith(['tech_manager']);
      eng = await t.userWith(['engineer']);
      const c = await makeContract(t.app.deps.database.db, { status: 'active' });
      party = { customerId: c.customer.id, contractId: c.id };
    });
    after(() => t.close());

    it('resolving asks for the resolution text, closing for the outcome; both are kept in the history', async () => {
      const sr = await makeServiceRequest(tm.client, party, { responsibleEngineerId: eng.user.id, issue: true });
      assert.equal((await eng.client.post(`/api/service-requests/${sr.id}/accept`, {})).status, 200);
      const bare = await eng.client.post(`/api/service-requests/${sr.id}/resolve`, {});
      assert.equal(bare.status, 400, bare.text);
      assert.equal(bare.body.issues[0].path, 'reason');
      const blank = await eng.client.post(`/api/service-requests/${sr.id}/resolve`, { reason: '   ' });
      assert.equal(blank.status, 400);
      const resolved = await eng.client.post(`/api/service-requests/${sr.id}/resolve`, { reason: '更换 3 号盘位硬盘并重建阵列，告警消除' });
      assert.equal(resolved.status, 200, resolved.text);
      assert.equal(resolved.body.state, 'resolved');
      const followed = await tm.client.post(`/api/service-requests/${sr.id}/follow_up`, {});
      const closeFrom = followed.status === 200 ? followed.body : resolved.body;
      const noOutcome = await tm.client.post(`/api/service-requests/${sr.id}/close`, { version: closeFrom.version });
      assert.equal(noOutcome.status, 400, noOutcome.text);
      const closed = await tm.client.post(`/api/service-requests/${sr.id}/close`, {
        version: closeFrom.version,
        reason: '客户确认恢复，无遗留问题',
      });
      assert.equal(closed.status, 200, closed.text);
      const history = await tm.client.get(`/api/service-requests/${sr.id}/history`);
      assert.equal(history.status, 200, history.text);
      assert.match(history.text, /更换 3 号盘位硬盘并重建阵列/);
      assert.match(history.text, /客户确认恢复，无遗留问题/);
    });
  });
}
