import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { ACTIONS, isAllowed, PERMISSIONS, type TAction } from '@contract/permissions';
import { ROLES, type TRole } from '@contract/roles';
import { type Client, type TestApp, startTestApp, USER_PASSWORD } from '../testing/test-app';
import { engines } from '../testing/test-db';
import { installAuth } from './auth-hooks';

describe('permission table', () => {
  it('R-ORG-1 every action names only roles of the rulebook, and every role can act', () => {
    for (const action of ACTIONS) {
      assert.ok(PERMISSIONS[action].length > 0, action);
      for (const r of PERMISSIONS[action]) assert.ok((ROLES as readonly string[]).includes(r), `${action}: ${r}`);
    }
    for (const role of ROLES)
      assert.ok(
        ACTIONS.some((a) => isAllowed([role], a)),
        role,
      );
  });

  it('R-ORG-1 a route without a declared permission stops the app from starting', async () => {
    const app = Fastify();
    await app.register(import('@fastify/cookie'));
    installAuth(app as never, []);
    assert.throws(() => app.get('/api/forgotten', async () => ({ leaked: true })), /declares no permission/);
    app.get('/api/declared', { config: { permission: 'users.read' } }, async () => ({}));
    await app.close();
  });
});

for (const engine of engines()) {
  describe(`route × role (${engine})`, () => {
    let t: TestApp;
    const clients = new Map<TRole, { client: Client; email: string }>();
    before(async () => {
      t = await startTestApp(engine);
      for (const role of ROLES) {
        const { client, user } = await t.userWith([role]);
        clients.set(role, { client, email: user.email });
      }
    });
    after(() => t.close());

    it('R-ORG-1 every route, with every role, answers as the permission table says', async () => {
      assert.ok(t.app.declaredRoutes.length >= 10);
      const mismatches: string[] = [];
      for (const route of t.app.declaredRoutes) {
        const url = route.url.replace(/:[a-zA-Z]+/g, '999999');
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
        // Anonymous: only public routes get past authentication.
        const anon = await t.client().request(route.method, url, body);
        const open = route.permission === 'public' || route.permission === 'session-optional';
        if (!open && anon.status !== 401) mismatches.push(`anonymous ${route.method} ${route.url} → ${anon.status}`);
        if (open) continue;
        for (const role of ROLES) {
          const entry = clients.get(role)!;
          const r = await entry.client.request(route.method, url, body);
          const allowed = route.permission === 'authenticated' || isAllowed([role], route.permission as TAction);
          if (allowed === (r.status === 403))
            mismatches.push(`${role} ${route.method} ${route.url} → ${r.status} (${allowed ? 'allowed' : 'denied'})`);
          if (r.status === 401) mismatches.push(`${role} ${route.method} ${route.url} → 401: session lost`);
          if (route.url === '/api/auth/logout') await entry.client.login(entry.email, USER_PASSWORD);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  });
}
