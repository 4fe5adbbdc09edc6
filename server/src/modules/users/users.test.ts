import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { ensureFirstAdmin } from './users.service';

for (const engine of engines()) {
  describe(`users (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const newUser = (over: Record<string, unknown> = {}) => ({
      email: `Person.${Math.random().toString(36).slice(2, 8)}@Test.Local`,
      name: '王工',
      phone: '+86 138 0000 0000',
      department: '技术部',
      roles: ['engineer', 'project_manager'],
      password: 'initial-pass-1',
      ...over,
    });

    it('R-ORG-1 an admin creates a user holding several roles; the user signs in with them', async () => {
      const admin = await t.admin();
      const input = newUser();
      const r = await admin.post('/api/users', input);
      assert.equal(r.status, 201);
      assert.equal(r.body.email, input.email.toLowerCase());
      assert.deepEqual(r.body.roles, ['engineer', 'project_manager']);
      assert.equal(r.body.active, true);
      assert.equal(r.body.version, 1);
      assert.equal('passwordHash' in r.body || 'password_hash' in r.body || 'password' in r.body, false);
      const c = t.client();
      const l = await c.login(input.email, input.password);
      assert.equal(l.status, 200);
      assert.deepEqual(l.body.user.roles, ['engineer', 'project_manager']);
      assert.deepEqual(l.body.user.permissions.includes('users.manage'), false);
    });

    it('R-ORG-1 every role of the rulebook can be held, and an unknown role is refused naming the field', async () => {
      const admin = await t.admin();
      const all = ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'];
      const ok = await admin.post('/api/users', newUser({ roles: all }));
      assert.equal(ok.status, 201);
      assert.deepEqual(ok.body.roles, [...all].sort());
      const bad = await admin.post('/api/users', newUser({ roles: ['janitor'] }));
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'VALIDATION_FAILED');
      assert.match(bad.body.issues[0].path, /^roles/);
    });

    it('R-ORG-1 a body with an unknown field gets 400 naming it, and nothing is created', async () => {
      const admin = await t.admin();
      const before = (await admin.get('/api/users?pageSize=200')).body.total;
      const input = newUser({ salary: 1000 });
      const r = await admin.post('/api/users', input);
      assert.equal(r.status, 400);
      assert.deepEqual(
        r.body.issues.map((i: { path: string }) => i.path),
        ['salary'],
      );
      assert.match(r.body.issues[0].message, /salary/);
      assert.equal((await admin.get('/api/users?pageSize=200')).body.total, before);
    });

    it('R-ORG-1 validation errors list each field', async () => {
      const admin = await t.admin();
      const r = await admin.post('/api/users', { email: 'not-an-email', name: '', roles: [], password: 'short' });
      assert.equal(r.status, 400);
      const paths = r.body.issues.map((i: { path: string }) => i.path).sort();
      assert.deepEqual(paths, ['email', 'name', 'password', 'roles']);
    });

    it('R-ORG-1 a duplicate e-mail is a conflict', async () => {
      const admin = await t.admin();
      const input = newUser();
      assert.equal((await admin.post('/api/users', input)).status, 201);
      const again = await admin.post('/api/users', { ...input, email: input.email.toUpperCase() });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'USER_EMAIL_TAKEN');
    });

    it('R-ORG-1 an admin edits roles with the record version; a stale version gets 409 and changes nothing', async () => {
      const admin = await t.admin();
      const u = (await admin.post('/api/users', newUser())).body;
      const e = await admin.patch(`/api/users/${u.id}`, { version: u.version, roles: ['sales'], department: '销售部' });
      assert.equal(e.status, 200);
      assert.deepEqual(e.body.roles, ['sales']);
      assert.equal(e.body.version, u.version + 1);
      const stale = await admin.patch(`/api/users/${u.id}`, { version: u.version, roles: ['commerce'] });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'VERSION_CONFLICT');
      assert.deepEqual((await admin.get(`/api/users/${u.id}`)).body.roles, ['sales']);
    });

    it('R-ORG-1 deactivating a user refuses their sign-in and ends their sessions', async () => {
      const { client, user } = await t.userWith(['engineer']);
      const admin = await t.admin();
      const r = await admin.patch(`/api/users/${user.id}`, { version: user.version, active: false });
      assert.equal(r.status, 200);
      assert.equal(r.body.active, false);
      assert.equal((await client.get('/api/me')).status, 401);
      assert.equal((await t.client().login(user.email, 'user-password-1')).status, 401);
    });

    it('R-ORG-1 the last administrator cannot be removed, by role change or deactivation', async () => {
      const admin = await t.admin();
      const list = await admin.get('/api/users?role=admin&active=true&pageSize=200');
      // Leave exactly one active admin: the first one.
      for (const u of list.body.items.filter((x: { email: string }) => x.email !== ADMIN_EMAIL)) {
        await admin.patch(`/api/users/${u.id}`, { version: u.version, active: false });
      }
      const me = (await admin.get('/api/me')).body;
      const self = (await admin.get(`/api/users/${me.id}`)).body;
      const demote = await admin.patch(`/api/users/${me.id}`, { version: self.version, roles: ['engineer'] });
      assert.equal(demote.status, 422);
      assert.equal(demote.body.code, 'USER_LAST_ADMIN');
      const deactivate = await admin.patch(`/api/users/${me.id}`, { version: self.version, active: false });
      assert.equal(deactivate.body.code, 'USER_LAST_ADMIN');
      const after = (await admin.get(`/api/users/${me.id}`)).body;
      assert.deepEqual(after.roles, ['admin']);
      assert.deepEqual((await admin.get('/api/me')).body.roles, ['admin'], 'the refused demotion left the session’s roles as they were');
      assert.equal(after.active, true);
      // With a second admin, the first may step down.
      const second = (await admin.post('/api/users', newUser({ roles: ['admin'] }))).body;
      assert.ok(second.id);
      const ok = await admin.patch(`/api/users/${me.id}`, { version: after.version, roles: ['admin', 'tech_manager'] });
      assert.equal(ok.status, 200);
    });

    it('R-ORG-1 an admin resets a password: the old one stops working and the user is signed out', async () => {
      const { client, user } = await t.userWith(['commerce']);
      const admin = await t.admin();
      assert.equal((await admin.post(`/api/users/${user.id}/password`, { password: 'reset-by-admin-1' })).status, 200);
      assert.equal((await client.get('/api/me')).status, 401);
      assert.equal((await t.client().login(user.email, 'user-password-1')).status, 401);
      assert.equal((await t.client().login(user.email, 'reset-by-admin-1')).status, 200);
    });

    it('R-ORG-1 lists users with search, role and active filters and paging', async () => {
      const admin = await t.admin();
      await admin.post('/api/users', newUser({ name: '欧阳接线', roles: ['receiver'] }));
      const byName = await admin.get(`/api/users?q=${encodeURIComponent('欧阳')}`);
      assert.equal(byName.status, 200);
      assert.ok(byName.body.items.every((u: { name: string }) => u.name.includes('欧阳')));
      assert.ok(byName.body.total >= 1);
      const receivers = await admin.get('/api/users?role=receiver');
      assert.ok(receivers.body.items.every((u: { roles: string[] }) => u.roles.includes('receiver')));
      const page = await admin.get('/api/users?page=1&pageSize=2&sort=-createdAt');
      assert.equal(page.body.items.length, 2);
      assert.equal(page.body.pageSize, 2);
      assert.ok(page.body.total > 2);
      assert.ok(page.body.items[0].createdAt >= page.body.items[1].createdAt);
    });

    it('R-ORG-1 every signed-in role may pick active colleagues by role, without their contact details', async () => {
      const admin = await t.admin();
      const eng = (await admin.post('/api/users', newUser({ name: '甲工程师', roles: ['engineer'] }))).body;
      const gone = (await admin.post('/api/users', newUser({ name: '乙工程师', roles: ['engineer'] }))).body;
      await admin.patch(`/api/users/${gone.id}`, { version: gone.version, active: false });
      const { client } = await t.userWith(['sales']);
      const r = await client.get('/api/users/options?role=engineer');
      assert.equal(r.status, 200);
      const ids = r.body.items.map((o: { id: number }) => o.id);
      assert.ok(ids.includes(eng.id));
      assert.equal(ids.includes(gone.id), false, 'inactive users are not offered');
      assert.ok(r.body.items.every((o: { roles: string[] }) => o.roles.includes('engineer')));
      assert.deepEqual(Object.keys(r.body.items[0]).sort(), ['id', 'name', 'roles']);
      assert.equal(r.text.includes('@'), false, 'no e-mail addresses');
      assert.equal((await client.get('/api/users/options?role=wizard')).status, 400);
    });

    it('R-ORG-1 a role change reaches the user’s open session at once; the roles a session reads match user_role', async () => {
      const { client, user } = await t.userWith(['engineer']);
      assert.deepEqual((await client.get('/api/me')).body.roles, ['engineer']);
      assert.equal((await client.get('/api/users')).status, 403);
      const admin = await t.admin();
      const changed = await admin.patch(`/api/users/${user.id}`, { version: user.version, roles: ['tech_manager', 'commerce'] });
      assert.equal(changed.status, 200);
      const me = (await client.get('/api/me')).body;
      assert.deepEqual(me.roles, ['commerce', 'tech_manager'], 'the same session, no new sign-in');
      assert.equal((await client.get('/api/users')).status, 200, 'the new role’s permission applies at once');
      await admin.patch(`/api/users/${user.id}`, { version: changed.body.version, roles: ['receiver'] });
      assert.deepEqual((await client.get('/api/me')).body.roles, ['receiver']);
      assert.equal((await client.get('/api/users')).status, 403, 'a removed role’s permission goes at once');
      // The user row's copy (read by the session lookup) equals the user_role rows, for every user.
      const db = t.app.deps.database.db;
      const rows = await db.selectFrom('user_role').select(['user_id', 'role']).execute();
      const expected = new Map<number, string[]>();
      for (const r of rows) expected.set(Number(r.user_id), [...(expected.get(Number(r.user_id)) ?? []), r.role]);
      const users = await db.selectFrom('app_user').select(['id', 'roles']).execute();
      for (const u of users) assert.equal(u.roles, (expected.get(Number(u.id)) ?? []).sort().join(','), `user ${u.id}`);
    });

    it('R-ORG-1 a technical manager may read users but not change them; the 403 changes nothing', async () => {
      const { client } = await t.userWith(['tech_manager']);
      assert.equal((await client.get('/api/users')).status, 200);
      const admin = await t.admin();
      const total = (await admin.get('/api/users')).body.total;
      const r = await client.post('/api/users', newUser());
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'PERMISSION_DENIED');
      assert.equal((await admin.get('/api/users')).body.total, total);
    });

    it('R-ORG-1 start-up makes an administrator whenever no active one exists, even with users present, and only then', async () => {
      // An app of its own: this test takes the shared one's administrator away.
      const own = await startTestApp(engine);
      try {
        const db = own.app.deps.database.db;
        const engineer = await own.userWith(['engineer']);
        assert.equal(await ensureFirstAdmin(db, 'boss@corp.cn', 'boss-password-1'), null, 'an active administrator exists');
        // Users, but no active administrator (as after `npm run demo` on a fresh folder).
        await db.updateTable('app_user').set({ active: 0 }).where('email', '=', ADMIN_EMAIL).execute();
        const made = await ensureFirstAdmin(db, 'boss@corp.cn', undefined);
        assert.equal(made?.outcome, 'created');
        assert.equal(made?.hadUsers, true);
        assert.ok(made?.generatedPassword);
        const boss = own.client();
        assert.equal((await boss.login('boss@corp.cn', made.generatedPassword)).status, 200);
        assert.deepEqual((await boss.get('/api/me')).body.roles, ['admin']);
        assert.equal(await ensureFirstAdmin(db, 'boss@corp.cn', undefined), null, 'done once');
        // The configured e-mail taken by a deactivated non-administrator: activated, made administrator, password set.
        await db.updateTable('app_user').set({ active: 0 }).where('email', '=', 'boss@corp.cn').execute();
        await db.updateTable('app_user').set({ active: 0 }).where('email', '=', engineer.user.email).execute();
        const restored = await ensureFirstAdmin(db, engineer.user.email, 'restored-pass-1');
        assert.deepEqual(restored, { email: engineer.user.email, generatedPassword: null, outcome: 'restored', hadUsers: true });
        const back = own.client();
        assert.equal((await back.login(engineer.user.email, 'restored-pass-1')).status, 200);
        assert.deepEqual((await back.get('/api/me')).body.roles, ['admin', 'engineer']);
        const audit = await db
          .selectFrom('audit_event')
          .select(['action'])
          .where('entity', '=', 'user')
          .where('entity_id', '=', String(engineer.user.id))
          .execute();
        assert.ok(
          audit.some((a) => a.action === 'update'),
          'the change is in the audit trail',
        );
      } finally {
        await own.close();
      }
    });
  });
}
