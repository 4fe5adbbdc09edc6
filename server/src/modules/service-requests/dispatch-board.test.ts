import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TDispatchBoard } from '@contract/dispatch';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeServiceRequest } from './service-requests.fixtures';

/** Names in code point order 中 < 北 < 张 < 王 ; in pinyin: 北 běi, 王 wáng, 张 zhāng, 中 zhōng. */
const NAMES = { zhong: '中村工', bei: '北岛工', zhang: '张工', wang: '王工' } as const;

for (const engine of engines()) {
  describe(`dispatch board (${engine})`, () => {
    let t: TestApp;
    let tm: TSignedIn;
    let eng: Record<keyof typeof NAMES, TSignedIn>;
    let party: { customerId: number; contractId: number };

    before(async () => {
      t = await startTestApp(engine);
      tm = await t.userWith(['tech_manager']);
      eng = await t.usersWith({ zhong: ['engineer'], bei: ['engineer'], zhang: ['engineer'], wang: ['engineer'] }, (k) => NAMES[k]);
      const c = await makeContract(t.app.deps.database.db, {
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, arrivalHours: 4, resolutionHours: 24 },
      });
      party = { customerId: c.customer.id, contractId: c.id };
    });
    after(() => t.close());

    const board = async (from: string, to: string) => {
      const r = await tm.client.get(`/api/dispatch/board?from=${from}&to=${to}`);
      assert.equal(r.status, 200, r.text);
      return r.body as TDispatchBoard;
    };

    it('lists the engineers in pinyin order, as users and customers are', async () => {
      const names = (await board('2027-05-03', '2027-05-03')).engineers.map((e) => e.engineer.name).filter((n) => n.endsWith('工'));
      assert.deepEqual(names, ['北岛工', '王工', '张工', '中村工']);
    });

    it('counts backup duties apart from the engineer’s own load', async () => {
      const own = await makeServiceRequest(tm.client, party, { responsibleEngineerId: eng.zhang.user.id, issue: true });
      const backedUp = await makeServiceRequest(tm.client, party, { responsibleEngineerId: eng.wang.user.id, issue: true });
      for (const [id, engineerId, backupEngineerId] of [
        [own.id, eng.zhang.user.id, undefined],
        [backedUp.id, eng.wang.user.id, eng.zhang.user.id],
      ] as const) {
        const r = await tm.client.post(`/api/service-requests/${id}/assign`, { engineerId, backupEngineerId, date: '2027-05-04' });
        assert.equal(r.status, 200, r.text);
      }
      const rows = (await board('2027-05-03', '2027-05-09')).engineers;
      const zhang = rows.find((e) => e.engineer.id === eng.zhang.user.id);
      const wang = rows.find((e) => e.engineer.id === eng.wang.user.id);
      assert.deepEqual([zhang?.totalCount, zhang?.totalHours, zhang?.totalBackupCount, zhang?.totalBackupHours], [1, 8, 1, 8]);
      assert.deepEqual([wang?.totalCount, wang?.totalHours, wang?.totalBackupCount], [1, 8, 0]);
      const day = zhang?.days.find((d) => d.date === '2027-05-04');
      assert.deepEqual([day?.count, day?.hours, day?.backupCount, day?.items.length], [1, 8, 1, 2]);
    });

    it('R-EMER-2 planning work after the arrival or resolution deadline is done, with a warning for each', async () => {
      const sr = await makeServiceRequest(tm.client, party, { responsibleEngineerId: eng.bei.user.id, issue: true });
      const late = await tm.client.post(`/api/service-requests/${sr.id}/assign`, { engineerId: eng.bei.user.id, date: '2027-06-01' });
      assert.equal(late.status, 200, late.text);
      assert.deepEqual(
        late.body.warnings.map((w: { code: string }) => w.code),
        ['SR_PAST_ARRIVAL_DEADLINE', 'SR_PAST_RESOLUTION_DEADLINE'],
      );
      assert.match(late.body.warnings[0].message, /到场期限/);
      // Within the deadlines (starting now, for an hour): no warning.
      const start = new Date(Date.now() + 60_000).toISOString();
      const end = new Date(Date.now() + 3_600_000).toISOString();
      const soon = await tm.client.post(`/api/service-requests/${sr.id}/assign`, {
        engineerId: eng.bei.user.id,
        date: start.slice(0, 10),
        plannedStart: start,
        plannedEnd: end,
        version: late.body.version,
      });
      assert.equal(soon.status, 200, soon.text);
      assert.deepEqual(soon.body.warnings, []);
    });
  });
}
