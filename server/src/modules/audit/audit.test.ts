import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';

for (const engine of engines()) {
  describe(`audit trail (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('R-ORG-1 every write appends actor, time, entity, id, action, before, after and request id', async () => {
      const admin = await t.admin();
      const created = await admin.post('/api/users', {
        email: 'audited@test.local',
        name: '审计',
        roles: ['engineer'],
        password: 'audited-pass-1',
      });
      const id = created.body.id;
      const edited = await admin.patch(`/api/users/${id}`, { version: 1, department: '技术部' });
      const trail = await admin.get(`/api/audit?entity=user&entityId=${id}`);
      assert.equal(trail.status, 200);
      const [update, create] = trail.body.items;
      assert.equal(create.action, 'create');
      assert.equal(create.before, null);
      assert.equal(create.after.email, 'audited@test.local');
      assert.equal(create.actorName, '管理员');
      assert.equal(create.requestId, created.headers['x-request-id']);
      assert.equal(update.action, 'update');
      assert.equal(update.before.department, null);
      assert.equal(update.after.department, '技术部');
      assert.equal(update.requestId, edited.headers['x-request-id']);
      assert.ok(Date.parse(update.at) >= Date.parse(create.at));
      assert.equal(JSON.stringify(trail.body).includes('audited-pass-1'), false, 'no secret enters the trail');
    });

    it('R-ORG-1 a failed write leaves no audit entry (same transaction)', async () => {
      const admin = await t.admin();
      const before = (await admin.get('/api/audit?entity=user')).body.total;
      const dup = await admin.post('/api/users', { email: 'audited@test.local', name: 'x', roles: ['sales'], password: 'audited-pass-1' });
      assert.equal(dup.status, 409);
      const me = (await admin.get('/api/me')).body;
      const self = (await admin.get(`/api/users/${me.id}`)).body;
      assert.equal((await admin.patch(`/api/users/${me.id}`, { version: self.version, roles: ['sales'] })).status, 422);
      assert.equal((await admin.get('/api/audit?entity=user')).body.total, before);
    });

    it('R-ORG-1 admins filter the trail by entity, action, actor and time; others may not read it', async () => {
      const admin = await t.admin();
      const { client, user } = await t.userWith(['tech_manager']);
      await client.patch('/api/me/preferences', { locale: 'en' });
      const byActor = await admin.get(`/api/audit?actorId=${user.id}`);
      assert.ok(byActor.body.items.length >= 2);
      assert.ok(byActor.body.items.every((e: { actorId: number }) => e.actorId === user.id));
      const byAction = await admin.get('/api/audit?action=set_locale');
      assert.ok(byAction.body.items.every((e: { action: string }) => e.action === 'set_locale'));
      const future = await admin.get(`/api/audit?from=${encodeURIComponent('2999-01-01T00:00:00.000Z')}`);
      assert.equal(future.body.total, 0);
      assert.equal((await client.get('/api/audit')).status, 403);
    });

    it('R-ORG-1 no API edits or deletes the trail', async () => {
      const admin = await t.admin();
      const auditRoutes = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/audit'));
      assert.deepEqual(
        auditRoutes.map((r) => r.method),
        ['GET'],
      );
      const first = (await admin.get('/api/audit?pageSize=1')).body.items[0];
      for (const method of ['PATCH', 'PUT', 'DELETE']) {
        const r = await admin.request(method, `/api/audit/${first.id}`, method === 'DELETE' ? undefined : { action: 'x' });
        assert.equal(r.status, 404);
      }
      assert.equal((await admin.get('/api/audit?pageSize=1')).body.items[0].action, first.action);
    });

    it('R-ORG-1 sign-in, failed sign-in and sign-out are recorded', async () => {
      const admin = await t.admin();
      await t.client().login('audit-ghost@test.local', 'wrong-password');
      const failed = await admin.get(`/api/audit?entity=auth&entityId=${encodeURIComponent('audit-ghost@test.local')}`);
      assert.equal(failed.body.items[0].action, 'login_failed');
      const { client, user } = await t.userWith(['sales']);
      await client.post('/api/auth/logout');
      const actions = (await admin.get(`/api/audit?entity=auth&actorId=${user.id}`)).body.items.map((e: { action: string }) => e.action);
      assert.deepEqual(actions, ['logout', 'login']);
    });
  });
}
