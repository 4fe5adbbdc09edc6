import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import type { TSearchResult } from '@contract/search';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeCustomer } from '../customers/customers.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';

const ROLES = { tm: ['tech_manager'], eng1: ['engineer'], eng2: ['engineer'], receiver: ['receiver'] } satisfies Record<string, TRole[]>;

async function requestHits(c: Client, q: string): Promise<string[]> {
  const r = await c.get(`/api/search?q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, r.text);
  const group = (r.body as TSearchResult).groups.find((g) => g.kind === 'service_request');
  return (group?.items ?? []).map((h) => h.title.split(' ')[0]);
}

for (const engine of engines()) {
  describe(`global search of service requests (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let a: { id: number; number: string };
    let b: { id: number; number: string };

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      const customer = await makeCustomer(t.app.deps.database.db, { name: '北京中金汇通银行股份有限公司' });
      const c = await makeContract(t.app.deps.database.db, { status: 'active', customerId: customer.id });
      const party = { customerId: c.customer.id, contractId: c.id };
      a = await makeServiceRequest(u.tm.client, party, {
        responsibleEngineerId: u.eng1.user.id,
        description: '硬盘故障灯亮，需要更换',
        contactName: '赵立新',
        contactPhone: '139-1001-2001',
      });
      b = await makeServiceRequest(u.tm.client, party, {
        responsibleEngineerId: u.eng2.user.id,
        description: '更换硬盘后重建阵列',
        contactName: '钱多多',
        contactPhone: '(010) 6655 7788',
      });
    });
    after(() => t.close());

    it('finds a request by its number, by words of its description, by its customer and by its contact', async () => {
      assert.deepEqual(await requestHits(u.tm.client, a.number), [a.number]);
      assert.deepEqual((await requestHits(u.tm.client, '硬盘')).sort(), [a.number, b.number].sort());
      assert.equal((await requestHits(u.tm.client, '中金汇通')).length, 2);
      assert.deepEqual(await requestHits(u.tm.client, '钱多多'), [b.number]);
    });

    it('matches a contact phone typed with +86 and separators', async () => {
      assert.deepEqual(await requestHits(u.tm.client, '+86 139 1001 2001'), [a.number]);
      assert.deepEqual(await requestHits(u.tm.client, '13910012001'), [a.number]);
      assert.deepEqual(await requestHits(u.tm.client, '010-66557788'), [b.number]);
    });

    it("keeps to the reader's scope: an engineer finds only his own requests; the receiver finds all", async () => {
      assert.deepEqual(await requestHits(u.eng1.client, '硬盘'), [a.number]);
      assert.deepEqual(await requestHits(u.eng2.client, '硬盘'), [b.number]);
      assert.deepEqual(await requestHits(u.eng1.client, '010 6655 7788'), []);
      assert.equal((await requestHits(u.receiver.client, '硬盘')).length, 2);
    });

    it('kinds=service_request narrows to requests; a result links the request by id', async () => {
      const r = await u.tm.client.get(`/api/search?q=${encodeURIComponent('硬盘')}&kinds=service_request`);
      assert.deepEqual(
        (r.body as TSearchResult).groups.map((g) => g.kind),
        ['service_request'],
      );
      assert.ok((r.body as TSearchResult).groups[0].items.some((h) => h.id === a.id));
    });
  });
}
