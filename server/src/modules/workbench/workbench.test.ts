import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import type { TWorkbench, TWorkbenchCard } from '@contract/workbench';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';

const ROLES = {
  tm: ['tech_manager'],
  eng: ['engineer'],
  eng2: ['engineer'],
  sales: ['sales'],
  receiver: ['receiver'],
} satisfies Record<string, TRole[]>;

async function cards(c: Client): Promise<Map<string, TWorkbenchCard>> {
  const r = await c.get('/api/workbench');
  assert.equal(r.status, 200, r.text);
  return new Map((r.body as TWorkbench).cards.map((card) => [card.key, card]));
}

for (const engine of engines()) {
  describe(`workbench (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let party: { customerId: number; contractId: number };
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      const c = await makeContract(db(), {
        status: 'active',
        salesOwnerId: u.sales.user.id,
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, arrivalHours: 4, resolutionHours: 24 },
      });
      party = { customerId: c.customer.id, contractId: c.id };
      // Three waiting for dispatch (two drafts, one issued), the issued one on the engineer's plate today.
      await makeServiceRequest(u.tm.client, party, { responsibleEngineerId: undefined });
      await makeServiceRequest(u.tm.client, party, { responsibleEngineerId: undefined });
      await makeServiceRequest(u.tm.client, party, { responsibleEngineerId: u.eng.user.id, issue: true });
    });
    after(() => t.close());

    it('each role is shown its own cards, in order', async () => {
      assert.deepEqual(
        [...(await cards(u.tm.client)).keys()],
        [
          'service_requests.waiting_dispatch',
          'service_requests.sla_at_risk',
          'service_requests.sla_breached',
          'escalations.open',
          'follow_ups.open',
          'part_loans.overdue',
          'part_loans.paperwork',
          'pm_visits.agreeing',
          'calls.open',
        ],
      );
      assert.deepEqual([...(await cards(u.eng.client)).keys()], ['my_work.today', 'my_work.week', 'follow_ups.open', 'pm_visits.agreeing']);
      assert.deepEqual([...(await cards(u.receiver.client)).keys()], ['service_requests.raised_by_me', 'calls.open']);
      assert.deepEqual([...(await cards(u.sales.client)).keys()], ['service_requests.my_customers', 'contracts.mine_by_stage']);
      assert.deepEqual([...(await cards(await t.admin())).keys()], ['users.active', 'calendar.unpublished_years', 'delivery.failed']);
    });

    it("each request number opens the list behind it: the card's filters give the same total", async () => {
      const tm = await cards(u.tm.client);
      const sales = await cards(u.sales.client);
      for (const [client, card] of [
        [u.tm.client, tm.get('service_requests.waiting_dispatch')],
        [u.sales.client, sales.get('service_requests.my_customers')],
      ] as const) {
        assert.ok(card);
        const list = await client.get(`/api/service-requests?${new URLSearchParams(card.query)}&pageSize=1`);
        assert.equal(list.status, 200, list.text);
        assert.equal(list.body.total, card.count, card.key);
      }
      assert.equal(tm.get('service_requests.waiting_dispatch')?.count, 3);
      assert.equal(sales.get('service_requests.my_customers')?.count, 3, "every open request of the salesperson's customer");
      const contracts = sales.get('contracts.mine_by_stage');
      assert.equal(contracts?.count, 1);
      assert.equal(contracts?.breakdown.length, 1);
      const byStage = await u.sales.client.get(`/api/contracts?${new URLSearchParams(contracts?.breakdown[0].query)}`);
      assert.equal(byStage.body.total, 1);
    });

    it("the engineer's today card lists his work with its nearest deadline; another engineer's is empty", async () => {
      const mine = (await cards(u.eng.client)).get('my_work.today');
      assert.equal(mine?.count, 1);
      assert.equal(mine?.items.length, 1);
      const item = mine?.items[0];
      assert.match(item?.title ?? '', /^SR-\d{4}-\d{5} · /);
      assert.ok(item?.dueAt, 'an SLA deadline is shown');
      assert.ok(Date.parse(item?.dueAt ?? '') > Date.now(), 'the response clock is still running');
      assert.match(item?.path ?? '', /^\/service-requests\/\d+$/);
      assert.equal((await cards(u.eng2.client)).get('my_work.today')?.count, 0);
    });

    it('the administrator sees active users, unpublished calendar years and failed deliveries', async () => {
      const admin = await cards(await t.admin());
      const users = await (await t.admin()).get(`/api/users?${new URLSearchParams(admin.get('users.active')?.query)}&pageSize=1`);
      assert.equal(users.body.total, admin.get('users.active')?.count);
      assert.equal(admin.get('delivery.failed')?.count, 0);
      const years = admin.get('calendar.unpublished_years');
      assert.ok(years);
      assert.equal(years.items.length, years.count);
    });

    it('the route needs a session', async () => {
      assert.equal((await t.client().get('/api/workbench')).status, 401);
    });
  });
}
