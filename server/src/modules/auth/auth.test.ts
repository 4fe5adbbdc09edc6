import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { MAX_FAILURES } from './auth.service';

for (const engine of engines()) {
  describe(`auth (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('R-ORG-1 signs in with e-mail and password, sets an HttpOnly SameSite cookie and returns the user with roles and permissions', async () => {
      const c = t.client();
      const r = await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.user.roles, ['admin']);
      assert.ok(r.body.user.permissions.includes('users.manage'));
      assert.equal(typeof r.body.csrfToken, 'string');
      const cookie = String(r.headers['set-cookie']);
      assert.match(cookie, /fuwu_session=/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      const me = await c.get('/api/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.email, ADMIN_EMAIL);
      assert.equal(me.body.csrfToken, r.body.csrfToken);
    });

    it('the session probe answers 200 with null before sign-in and after sign-out, and the user while signed in', async () => {
      const c = t.client();
      const before = await c.get('/api/session');
      assert.equal(before.status, 200, 'no 401 for a visitor: the sign-in page logs no failed request');
      assert.deepEqual(before.body, { me: null });
      const signedIn = await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const during = await c.get('/api/session');
      assert.equal(during.body.me.email, ADMIN_EMAIL);
      assert.equal(during.body.me.csrfToken, signedIn.body.csrfToken);
      assert.equal((await c.post('/api/auth/logout', {})).status, 200);
      assert.deepEqual((await c.get('/api/session')).body, { me: null });
      assert.equal((await c.get('/api/me')).status, 401, 'the signed-in-only routes still refuse');
    });

    it('R-ORG-1 answers an unknown e-mail exactly as a wrong password', async () => {
      const a = await t.client().login('nobody@test.local', 'whatever-password');
      const b = await t.client().login(ADMIN_EMAIL, 'wrong-password-x');
      assert.equal(a.status, 401);
      assert.equal(b.status, 401);
      assert.equal(a.body.code, 'AUTH_INVALID_CREDENTIALS');
      assert.deepEqual({ ...a.body, requestId: '' }, { ...b.body, requestId: '' });
    });

    it('R-ORG-1 takes comparable time for an unknown e-mail and a wrong password (both run scrypt)', async () => {
      const time = async (email: string) => {
        const s = performance.now();
        await t.client().login(email, 'some-wrong-pass');
        return performance.now() - s;
      };
      const unknown = [await time('ghost1@test.local'), await time('ghost2@test.local'), await time('ghost3@test.local')].sort(
        (x, y) => x - y,
      )[1];
      const known = [await time(ADMIN_EMAIL), await time(ADMIN_EMAIL), await time(ADMIN_EMAIL)].sort((x, y) => x - y)[1];
      // An unknown e-mail that skipped the hash would answer in well under a fifth of the time.
      assert.ok(unknown > known / 5, `unknown ${unknown.toFixed(1)} ms vs known ${known.toFixed(1)} ms`);
      await t.client().login(ADMIN_EMAIL, ADMIN_PASSWORD); // clears the failures for later tests
    });

    it('R-ORG-1 locks an e-mail out temporarily after repeated failures, known or unknown alike', async () => {
      const { user } = await t.userWith(['engineer'], { email: 'lock@test.local' });
      for (let i = 0; i < MAX_FAILURES; i++) assert.equal((await t.client().login('lock@test.local', 'wrong-password')).status, 401);
      const locked = await t.client().login('lock@test.local', 'user-password-1');
      assert.equal(locked.status, 429);
      assert.equal(locked.body.code, 'AUTH_LOCKED');
      for (let i = 0; i < MAX_FAILURES; i++) await t.client().login('ghost-lock@test.local', 'wrong-password');
      assert.equal((await t.client().login('ghost-lock@test.local', 'wrong-password')).body.code, 'AUTH_LOCKED');
      assert.ok(user.id > 0);
    });

    it('R-ORG-1 counts parallel failures atomically: of 50 parallel wrong attempts only the allowed number are checked, and a right one is refused while locked', async () => {
      const { user } = await t.userWith(['engineer'], { email: 'parallel-lock@test.local' });
      const wrong = Array.from({ length: 50 }, () => t.client().login(user.email, 'wrong-password'));
      const right = t.client().login(user.email, 'user-password-1');
      const statuses = (await Promise.all(wrong)).map((r) => r.status);
      const checked = statuses.filter((s) => s === 401).length;
      assert.equal(checked, MAX_FAILURES, `checked before the lock: ${checked} of 50`);
      assert.equal(statuses.filter((s) => s === 429).length, 50 - MAX_FAILURES);
      assert.equal((await right).status, 429, 'the right password sent with them is refused while locked');
      const after = await t.client().login(user.email, 'user-password-1');
      assert.equal(after.status, 429);
      assert.equal(after.body.code, 'AUTH_LOCKED');
      const audit = await (await t.admin()).get(`/api/audit?entity=auth&entityId=${encodeURIComponent(user.email)}&pageSize=100`);
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.body.items.filter((e: { action: string }) => e.action === 'login_failed').length, MAX_FAILURES);
    });

    it('R-ORG-1 counts wrong current passwords on the password change like failed sign-ins, and locks both', async () => {
      const { client, user } = await t.userWith(['engineer']);
      const attempts = await Promise.all(
        Array.from({ length: MAX_FAILURES + 5 }, () =>
          client.post('/api/me/password', { currentPassword: 'not-it-at-all', newPassword: 'brand-new-pass-1' }),
        ),
      );
      assert.equal(attempts.filter((r) => r.status === 400).length, MAX_FAILURES);
      assert.ok(attempts.filter((r) => r.status === 429).every((r) => r.body.code === 'AUTH_LOCKED'));
      const right = await client.post('/api/me/password', { currentPassword: 'user-password-1', newPassword: 'brand-new-pass-1' });
      assert.equal(right.status, 429, 'a right current password is refused while locked');
      assert.equal((await t.client().login(user.email, 'user-password-1')).status, 429, 'sign-in shares the lockout');
      assert.equal((await t.client().login(user.email, 'brand-new-pass-1')).status, 429, 'the password was not changed');
    });

    it('R-ORG-1 refuses a write without the CSRF token and changes nothing', async () => {
      const c = t.client();
      await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const r = await c.request('PATCH', '/api/me/preferences', { locale: 'en' }, { 'x-csrf-token': 'forged' });
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'AUTH_CSRF');
      c.csrf = null;
      const r2 = await c.request('PATCH', '/api/me/preferences', { locale: 'en' });
      assert.equal(r2.status, 403);
      assert.equal((await c.get('/api/me')).body.locale, 'zh-CN');
    });

    it('R-ORG-1 remembers the language per user', async () => {
      const { client } = await t.userWith(['sales']);
      const r = await client.patch('/api/me/preferences', { locale: 'en' });
      assert.equal(r.status, 200);
      assert.equal(r.body.locale, 'en');
      assert.equal((await client.get('/api/me')).body.locale, 'en');
      const err = await client.get('/api/users');
      assert.equal(err.status, 403);
      assert.equal(err.body.message, 'You are not allowed to do this');
    });

    it('R-ORG-1 rotates the session at sign-in and revokes it at sign-out', async () => {
      const c = t.client();
      await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const first = c.cookie;
      await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.notEqual(c.cookie, first);
      const stale = t.client();
      stale.cookie = first;
      assert.equal((await stale.get('/api/me')).status, 401, 'the old session no longer works');
      const kept = c.cookie;
      assert.equal((await c.post('/api/auth/logout')).status, 200);
      const again = t.client();
      again.cookie = kept;
      assert.equal((await again.get('/api/me')).status, 401);
    });

    it('R-ORG-1 changes one’s own password: the old one stops working, other sessions are signed out', async () => {
      const { client, user } = await t.userWith(['engineer']);
      const other = t.client();
      await other.login(user.email, 'user-password-1');
      const wrong = await client.post('/api/me/password', { currentPassword: 'not-it-at-all', newPassword: 'brand-new-pass-1' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.issues[0].path, 'currentPassword');
      const ok = await client.post('/api/me/password', { currentPassword: 'user-password-1', newPassword: 'brand-new-pass-1' });
      assert.equal(ok.status, 200);
      assert.equal((await client.get('/api/me')).status, 200, 'the current session stays');
      assert.equal((await other.get('/api/me')).status, 401, 'other sessions are revoked');
      assert.equal((await t.client().login(user.email, 'user-password-1')).status, 401);
      assert.equal((await t.client().login(user.email, 'brand-new-pass-1')).status, 200);
    });

    it('R-ORG-1 answers 401 on a protected route without a session', async () => {
      const r = await t.client().get('/api/me');
      assert.equal(r.status, 401);
      assert.equal(r.body.code, 'AUTH_REQUIRED');
      assert.equal(typeof r.body.requestId, 'string');
    });
  });
}

describe('auth rate limit', () => {
  it('R-ORG-1 rate-limits sign-in attempts per client address', async () => {
    const t = await startTestApp('sqlite', { FUWU_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await t.client().login(`x${i}@test.local`, 'wrong-password')).status);
      assert.deepEqual(codes, [401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('R-ORG-1 rate-limits password changes per client address like sign-in', async () => {
    const t = await startTestApp('sqlite', { FUWU_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const client = t.client();
      await client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await client.post('/api/me/password', { currentPassword: `wrong-${i}-password`, newPassword: 'brand-new-pass-1' })).status,
        );
      assert.deepEqual(codes, [400, 400, 400, 429]);
    } finally {
      await t.close();
    }
  });
});

for (const engine of engines()) {
  describe(`the company's time zone reaches the web (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine, { FUWU_TIMEZONE: 'Asia/Urumqi' });
    });
    after(() => t.close());

    it('sign-in and /api/me carry the configured zone, which the web formats every time in', async () => {
      const c = t.client();
      const login = await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.equal(login.body.user.timeZone, 'Asia/Urumqi');
      const me = await c.get('/api/me');
      assert.equal(me.body.timeZone, 'Asia/Urumqi');
      const prefs = await c.patch('/api/me/preferences', { locale: 'en' });
      assert.equal(prefs.body.timeZone, 'Asia/Urumqi');
    });

    it("every answer about the signed-in user carries the zone's offsets around today: Urumqi is UTC+6 throughout", async () => {
      const c = t.client();
      const login = await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const session = await c.get('/api/session');
      const me = await c.get('/api/me');
      const prefs = await c.patch('/api/me/preferences', { locale: 'zh-CN' });
      const answers = [login.body.user, session.body.me, me.body, prefs.body];
      const now = Date.now();
      for (const answer of answers) {
        assert.equal(answer.timeZoneOffsets.length, 1);
        assert.equal(answer.timeZoneOffsets[0].offsetMinutes, 360);
        const from = Date.parse(answer.timeZoneOffsets[0].from);
        const until = Date.parse(answer.timeZoneOffsetsUntil);
        assert.ok(from <= now - 399 * 86_400_000 && from > now - 401 * 86_400_000, answer.timeZoneOffsets[0].from);
        assert.ok(until >= now + 399 * 86_400_000 && until < now + 401 * 86_400_000, answer.timeZoneOffsetsUntil);
        assert.deepEqual(
          { offsets: answer.timeZoneOffsets, until: answer.timeZoneOffsetsUntil },
          { offsets: me.body.timeZoneOffsets, until: me.body.timeZoneOffsetsUntil },
        );
      }
    });
  });
}
