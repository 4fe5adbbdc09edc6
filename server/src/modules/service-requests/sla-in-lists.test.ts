import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest } from './service-requests.fixtures';

for (const engine of engines()) {
  describe(`SLA where people work (${engine})`, () => {
    let t: TestApp;
    let tm: TSignedIn;
    let eng: TSignedIn;
    let party: { customerId: number; contractId: number };
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      tm = await t.userWith(['tech_manager']);
      eng = await t.userWith(['engineer']);
      const c = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, arrivalHours: 4, resolutionHours: 24 },
      });
      party = { customerId: c.customer.id, contractId: c.id };
    });
    after(() => t.close());

    it('R-EMER-2 the list sorts most urgent first: breached, at risk, within, no clock; then priority; then the oldest', async () => {
      const make = (priority: string) => makeServiceRequest(tm.client, party, { responsibleEngineerId: eng.user.id, priority });
      const plainOld = await make('normal');
      const urgentOk = await make('urgent');
      const breached = await make('normal');
      const atRisk = await make('low');
      const none = await make('urgent');
      const set = (id: number, sla: 'ok' | 'at_risk' | 'breached' | null) =>
        db().updateTable('service_request').set({ sla_status: sla }).where('id', '=', id).execute();
      await set(plainOld.id, 'ok');
      await set(urgentOk.id, 'ok');
      await set(breached.id, 'breached');
      await set(atRisk.id, 'at_risk');
      await set(none.id, null);
      for (const extra of ['', `&engineerId=${eng.user.id}`]) {
        const r = await tm.client.get(`/api/service-requests?sort=urgency&pageSize=10${extra}`);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(
          r.body.items.map((i: { id: number }) => i.id),
          [breached.id, atRisk.id, urgentOk.id, plainOld.id, none.id],
          `sorted by urgency${extra}`,
        );
      }
    });

    it("R-EMER-2 the engineer's work shows each request's nearest deadline, the clock it belongs to, and how it stands", async () => {
      const sr = await makeServiceRequest(tm.client, party, { responsibleEngineerId: eng.user.id, issue: true });
      const r = await eng.client.get('/api/my-work');
      assert.equal(r.status, 200, r.text);
      const item = [...r.body.todayItems, ...r.body.upcoming].find((i: { id: number }) => i.id === sr.id);
      assert.equal(item.deadline.kind, 'response');
      assert.equal(item.deadline.state, 'running');
      const detail = await tm.client.get(`/api/service-requests/${sr.id}`);
      assert.equal(item.deadline.dueAt, detail.body.sla.response.dueAt, 'the same due time as the detail');
    });
  });
}
