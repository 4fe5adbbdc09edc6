import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { type App, buildApp } from '../../app';
import { parseConfig, testEnv } from '../../config';
import { type DbHandle, openPostgres } from '../../db/database';
import { noticeBoardOf } from '../../db/notices';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Client, type TestApp, startTestApp, USER_PASSWORD } from '../../testing/test-app';
import { createTestDatabase, engines } from '../../testing/test-db';
import { ensureFirstAdmin } from '../users/users.service';
import { hashToken } from './auth.service';

/** A second client on the same session (the same cookie and CSRF token), possibly on another app instance. */
function sameSession(c: Client, app: App): Client {
  const twin = new Client(app);
  twin.cookie = c.cookie;
  twin.csrf = c.csrf;
  return twin;
}

/** Delete a session row behind every cache's back (no notice): only a cache can still accept it. */
async function deleteSessionSilently(db: DbHandle['db'], c: Client): Promise<void> {
  const token = decodeURIComponent(String(c.cookie).replace(/^fuwu_session=/, ''));
  await sql`delete from session where token_hash = ${hashToken(token)}`.execute(db);
}

/** Wait for the database's notice board to be live (PostgreSQL: the listening connection opens at the first lookup). */
async function untilLive(db: DbHandle['db']): Promise<void> {
  for (let i = 0; i < 500 && !noticeBoardOf(db)?.live; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(noticeBoardOf(db)?.live, 'the listening connection is up');
}

for (const engine of engines()) {
  describe(`session cache (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('serves a known session from the cache, and refuses it at once after sign-out', async () => {
      const { client } = await t.userWith(['engineer']);
      const other = sameSession(client, t.app);
      assert.equal((await client.get('/api/me')).status, 200);
      // The row is gone, yet the cached session still answers: the cache is in play.
      const second = await t.userWith(['engineer']);
      const twin = sameSession(second.client, t.app);
      assert.equal((await second.client.get('/api/me')).status, 200);
      await untilLive(t.app.deps.database.db);
      assert.equal((await second.client.get('/api/me')).status, 200);
      await deleteSessionSilently(t.app.deps.database.db, second.client);
      assert.equal((await twin.get('/api/me')).status, 200, 'the cache answered for the silently deleted row');

      assert.equal((await client.post('/api/auth/logout')).status, 200);
      assert.equal((await other.get('/api/me')).status, 401, 'the signed-out session is refused on the next request');
    });

    it('a disabled user is refused at once, and a role change acts at once', async () => {
      const admin = await t.admin();
      const { client, user } = await t.userWith(['engineer']);
      const me = await client.get('/api/me');
      assert.deepEqual(me.body.roles, ['engineer']);
      assert.equal((await client.get('/api/users')).status, 403);

      const promoted = await admin.patch(`/api/users/${user.id}`, { version: user.version, roles: ['admin'] });
      assert.equal(promoted.status, 200);
      assert.deepEqual((await client.get('/api/me')).body.roles, ['admin'], 'the new roles show on the next request');
      assert.equal((await client.get('/api/users')).status, 200, 'and the new permissions apply');

      const demoted = await admin.patch(`/api/users/${user.id}`, { version: promoted.body.version, roles: ['engineer'] });
      assert.equal((await client.get('/api/users')).status, 403, 'a role taken away is refused on the next request');

      assert.equal((await admin.patch(`/api/users/${user.id}`, { version: demoted.body.version, active: false })).status, 200);
      assert.equal((await client.get('/api/me')).status, 401, 'a disabled user is refused on the next request');
    });

    it('a password change signs the other sessions out at once and keeps the current one', async () => {
      const { client, user } = await t.userWith(['engineer']);
      const elsewhere = new Client(t.app);
      assert.equal((await elsewhere.login(user.email, USER_PASSWORD)).status, 200);
      assert.equal((await elsewhere.get('/api/me')).status, 200);
      const r = await client.post('/api/me/password', { currentPassword: USER_PASSWORD, newPassword: 'another-password-2' });
      assert.equal(r.status, 200);
      assert.equal((await elsewhere.get('/api/me')).status, 401);
      assert.equal((await client.get('/api/me')).status, 200);
    });

    it('an administrator’s password reset revokes the user’s sessions at once', async () => {
      const admin = await t.admin();
      const { client, user } = await t.userWith(['engineer']);
      assert.equal((await client.get('/api/me')).status, 200);
      assert.equal((await admin.post(`/api/users/${user.id}/password`, { password: 'reset-password-3' })).status, 200);
      assert.equal((await client.get('/api/me')).status, 401);
    });

    it('does not serve a cached session past its expiry', async (ctx) => {
      const { client } = await t.userWith(['engineer']);
      assert.equal((await client.get('/api/me')).status, 200);
      assert.equal((await client.get('/api/me')).status, 200);
      const hours = t.app.deps.config.FUWU_SESSION_HOURS;
      ctx.mock.timers.enable({ apis: ['Date'], now: Date.now() + hours * 3_600_000 + 1000 });
      try {
        assert.equal((await client.get('/api/me')).status, 401);
      } finally {
        ctx.mock.timers.reset();
      }
    });
  });
}

describe('session cache (sqlite, another process writes the file)', () => {
  let dir: string;
  let database: DbHandle;
  let app: App;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-session-cache-'));
    database = await createTestDatabase('sqlite', path.join(dir, 'fuwu.sqlite'));
    await ensureFirstAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD);
    app = await buildApp({ config: parseConfig({ FUWU_DATA_DIR: dir, LOG_LEVEL: 'silent' }), database, logger: false });
  });
  after(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a session deleted by another connection (the admin CLI, a sqlite3 shell) is refused at once', async () => {
    const c = new Client(app);
    assert.equal((await c.login(ADMIN_EMAIL, ADMIN_PASSWORD)).status, 200);
    assert.equal((await c.get('/api/me')).status, 200);
    const outside = new SQLite(path.join(dir, 'fuwu.sqlite'));
    try {
      outside.prepare('delete from session').run();
    } finally {
      outside.close();
    }
    assert.equal((await c.get('/api/me')).status, 401);
  });
});

const pgUrl = testEnv().TEST_DATABASE_URL;
describe('session cache (postgres, two instances on one database)', { skip: !pgUrl }, () => {
  let first: DbHandle;
  let second: DbHandle;
  let appA: App;
  let appB: App;
  before(async () => {
    first = await createTestDatabase('postgres');
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(first.db)).rows[0].s;
    second = openPostgres(pgUrl as string, { schema, max: 4 });
    await ensureFirstAdmin(first.db, ADMIN_EMAIL, ADMIN_PASSWORD);
    const config = parseConfig({ LOG_LEVEL: 'silent', FUWU_LOGIN_RATE_PER_MINUTE: '100000' });
    appA = await buildApp({ config, database: first, logger: false });
    appB = await buildApp({ config, database: second, logger: false });
  });
  after(async () => {
    await appA?.close();
    await appB?.close();
    await second?.close();
    await first?.close();
  });

  /** Ask instance B until it refuses (at most `ms`): the notice travels through PostgreSQL, a round trip. */
  async function refusedWithin(c: Client, ms: number): Promise<number> {
    const start = performance.now();
    for (;;) {
      const status = (await c.get('/api/me')).status;
      const elapsed = performance.now() - start;
      if (status === 401) return elapsed;
      assert.equal(status, 200);
      assert.ok(elapsed < ms, `instance B still accepted the revoked session after ${elapsed.toFixed(0)} ms`);
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  it('a session signed out on instance A is refused by instance B, whose cache held it, as soon as the notice arrives', async () => {
    const onA = new Client(appA);
    assert.equal((await onA.login(ADMIN_EMAIL, ADMIN_PASSWORD)).status, 200);
    const onB = sameSession(onA, appB);
    // A second session of the same user, cached by B, whose row then goes without a notice.
    const witnessA = new Client(appA);
    assert.equal((await witnessA.login(ADMIN_EMAIL, ADMIN_PASSWORD)).status, 200);
    const witnessB = sameSession(witnessA, appB);
    assert.equal((await onB.get('/api/me')).status, 200);
    await untilLive(second.db);
    assert.equal((await onB.get('/api/me')).status, 200);
    assert.equal((await witnessB.get('/api/me')).status, 200);
    await deleteSessionSilently(first.db, witnessA);
    assert.equal((await witnessB.get('/api/me')).status, 200, 'B serves the witness from its cache');

    assert.equal((await onA.post('/api/auth/logout')).status, 200);
    assert.equal((await sameSession(onB, appA).get('/api/me')).status, 401, 'instance A refuses at once');
    const ms = await refusedWithin(onB, 2000);
    // The witness's row was already gone: only the notice can have made B drop it.
    assert.equal((await witnessB.get('/api/me')).status, 401, 'B dropped the user’s cached sessions on the notice');
    assert.ok(ms < 2000);
  });

  it('a user disabled on instance A is refused by instance B as soon as the notice arrives', async () => {
    const admin = new Client(appA);
    assert.equal((await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)).status, 200);
    const created = await admin.post('/api/users', {
      email: 'twin@test.local',
      name: '双实例',
      roles: ['engineer'],
      password: USER_PASSWORD,
    });
    assert.equal(created.status, 201);
    const onB = new Client(appB);
    assert.equal((await onB.login('twin@test.local', USER_PASSWORD)).status, 200);
    await untilLive(second.db);
    assert.equal((await onB.get('/api/me')).status, 200);
    assert.equal((await onB.get('/api/me')).status, 200);
    const promoted = await admin.patch(`/api/users/${created.body.id}`, { version: created.body.version, roles: ['admin'] });
    assert.equal(promoted.status, 200);
    for (let i = 0; i < 200 && (await onB.get('/api/me')).body.roles[0] !== 'admin'; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual((await onB.get('/api/me')).body.roles, ['admin'], 'B shows the new role');
    assert.equal((await admin.patch(`/api/users/${created.body.id}`, { version: promoted.body.version, active: false })).status, 200);
    await refusedWithin(onB, 2000);
  });

  it('B drops its cache and serves nothing from it while its listening connection is down', async () => {
    const onA = new Client(appA);
    assert.equal((await onA.login(ADMIN_EMAIL, ADMIN_PASSWORD)).status, 200);
    const onB = sameSession(onA, appB);
    await untilLive(second.db);
    assert.equal((await onB.get('/api/me')).status, 200);
    // End the listening connections of this schema (A's and B's) from the server side, as a restart or failover would.
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(first.db)).rows[0].s;
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`fuwu listen fuwu_notice_${schema}`}`.execute(
      first.db,
    );
    for (let i = 0; i < 200 && noticeBoardOf(second.db)?.live; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(noticeBoardOf(second.db)?.live, false, 'B noticed the lost connection');
    await deleteSessionSilently(first.db, onA);
    assert.equal((await onB.get('/api/me')).status, 401, 'nothing is served from the cache meanwhile');
    await untilLive(second.db);
  });
});
