import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';

const ROLES = {
  tm: ['tech_manager'],
  pm: ['project_manager'],
  pm2: ['project_manager'],
  eng1: ['engineer'],
  eng2: ['engineer'],
  sales: ['sales'],
} satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`project members and contracts (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contracts: number[];
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      const first = await makeContract(db(), { status: 'active' });
      const second = await makeContract(db(), { status: 'active', customerId: first.customer.id });
      contracts = [first.id, second.id];
    });
    after(() => t.close());

    it('R-ORG-4 the technical manager and the project’s own manager change its members and linked contracts; others may not', async () => {
      const created = await u.tm.client.post('/api/projects', {
        code: `PT-${engine}`,
        name: '多产品集成项目',
        projectManagerId: u.pm.user.id,
      });
      assert.equal(created.status, 201, created.text);
      const p = created.body;
      assert.deepEqual([p.members, p.contracts], [[], []]);

      // The technical manager through the full edit.
      const byTm = await u.tm.client.patch(`/api/projects/${p.id}`, {
        version: p.version,
        memberIds: [u.eng1.user.id],
        contractIds: [contracts[0]],
      });
      assert.equal(byTm.status, 200, byTm.text);
      assert.deepEqual(
        byTm.body.members.map((m: any) => m.id),
        [u.eng1.user.id],
      );

      // The project's own manager through the team edit.
      const byPm = await u.pm.client.patch(`/api/projects/${p.id}/team`, {
        version: byTm.body.version,
        memberIds: [u.eng1.user.id, u.eng2.user.id],
        contractIds: contracts,
      });
      assert.equal(byPm.status, 200, byPm.text);
      assert.deepEqual(byPm.body.members.map((m: any) => m.id).sort(), [u.eng1.user.id, u.eng2.user.id].sort());
      assert.deepEqual(byPm.body.contracts.map((c: any) => c.id).sort(), [...contracts].sort());
      assert.equal(byPm.body.version, byTm.body.version + 1);
      const fullByPm = await u.pm.client.patch(`/api/projects/${p.id}`, { version: byPm.body.version, name: 'x' });
      assert.equal(fullByPm.status, 403, 'name, manager and status stay the technical manager’s');

      // Another project manager, sales, an engineer: refused, nothing changes.
      const other = await u.pm2.client.patch(`/api/projects/${p.id}/team`, { version: byPm.body.version, memberIds: [] });
      assert.equal(other.status, 403);
      assert.equal(other.body.code, 'PROJECT_NOT_YOURS');
      assert.equal((await u.sales.client.patch(`/api/projects/${p.id}/team`, { version: byPm.body.version, memberIds: [] })).status, 403);
      assert.equal((await u.eng1.client.patch(`/api/projects/${p.id}/team`, { version: byPm.body.version, memberIds: [] })).status, 403);
      const stale = await u.tm.client.patch(`/api/projects/${p.id}/team`, { version: byTm.body.version, memberIds: [] });
      assert.equal(stale.status, 409);
      const unknown = await u.tm.client.patch(`/api/projects/${p.id}/team`, { version: byPm.body.version, contractIds: [99999999] });
      assert.equal(unknown.status, 400);
      const now = (await u.tm.client.get(`/api/projects/${p.id}`)).body;
      assert.equal(now.members.length, 2);
      assert.equal(now.contracts.length, 2);
      assert.equal(now.version, byPm.body.version);

      // The technical manager clears the contracts; each change is audited.
      const cleared = await u.tm.client.patch(`/api/projects/${p.id}/team`, { version: now.version, contractIds: [] });
      assert.equal(cleared.status, 200, cleared.text);
      assert.deepEqual(cleared.body.contracts, []);
      assert.equal(cleared.body.members.length, 2, 'members untouched when not sent');
      const trail = (await (await t.admin()).get(`/api/audit?entity=project&entityId=${p.id}&action=update_team`)).body.items;
      assert.deepEqual(
        trail.map((e: any) => e.actorId),
        [u.tm.user.id, u.pm.user.id],
      );
      const mine = (await u.eng2.client.get('/api/projects?mine=true')).body.items.map((i: any) => i.id);
      assert.deepEqual(mine, [p.id], 'a member finds the project as his');
    });
  });
}
