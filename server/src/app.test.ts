import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildApp } from './app';
import { parseConfig } from './config';
import { ensureFirstAdmin } from './modules/users/users.service';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Client, type TestApp, startTestApp } from './testing/test-app';
import { createTestDatabase, engines } from './testing/test-db';

for (const engine of engines()) {
  describe(`operations and errors (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('R-ORG-1 /healthz and /readyz answer 200 while the database is reachable', async () => {
      assert.deepEqual((await t.client().get('/healthz')).body, { status: 'ok' });
      assert.deepEqual((await t.client().get('/readyz')).body, { status: 'ok' });
    });

    it('R-ORG-1 every response carries CSP with frame-ancestors, nosniff, Referrer-Policy and a request id, and no obsolete header', async () => {
      for (const url of ['/api/me', '/healthz', '/api/nope']) {
        const r = await t.client().get(url);
        assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
        assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
        assert.equal(r.headers['x-content-type-options'], 'nosniff');
        assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
        assert.equal(r.headers['referrer-policy'], 'no-referrer');
        for (const obsolete of ['x-xss-protection', 'x-download-options', 'x-dns-prefetch-control'])
          assert.equal(r.headers[obsolete], undefined, obsolete);
      }
    });

    it('R-ORG-1 OpenAPI 3 is generated from the zod schemas, with a docs UI', async () => {
      const spec = await t.client().get('/api/openapi.json');
      assert.equal(spec.status, 200);
      assert.match(spec.body.openapi, /^3\./);
      const create = spec.body.paths['/api/users'].post;
      assert.ok(create.requestBody.content['application/json'].schema.properties.roles);
      assert.equal(create.requestBody.content['application/json'].schema.additionalProperties, false);
      const docs = await t.client().get('/api/docs/');
      assert.equal(docs.status, 200);
      assert.match(docs.text, /swagger/i);
    });

    it('R-ORG-1 errors share one JSON shape: unknown route, malformed JSON, wrong type', async () => {
      const admin = await t.admin();
      const missing = await t.client().get('/api/no-such-thing');
      assert.equal(missing.status, 404);
      assert.deepEqual(Object.keys(missing.body).sort(), ['code', 'message', 'requestId']);
      const broken = await admin.request('POST', '/api/users', '{"email": ', { 'content-type': 'application/json' });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.code, 'VALIDATION_FAILED');
      const typed = await admin.post('/api/users', { email: 'a@b.cn', name: 1, roles: ['sales'], password: 'long-enough-1' });
      assert.equal(typed.status, 400);
      assert.equal(typed.body.issues[0].path, 'name');
    });

    it('R-ORG-1 messages follow the language: Chinese by default, English on request', async () => {
      assert.equal((await t.client().get('/api/me')).body.message, '请先登录');
      assert.equal((await t.client().get('/api/me', { 'accept-language': 'en-US,en;q=0.9' })).body.message, 'Please sign in');
    });
  });
}

describe('unexpected errors', () => {
  it('R-ORG-1 answer 500 with no internals and are logged with the request id', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const database = await createTestDatabase('sqlite');
    await ensureFirstAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD);
    const app = await buildApp({ config: parseConfig({ LOG_LEVEL: 'error' }), database, logger: { level: 'error', stream } });
    const c = new Client(app);
    await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    database.sqlite!.exec('drop table audit_event'); // the next write fails deep inside a transaction
    const r = await c.post('/api/users', { email: 'x@test.local', name: 'x', roles: ['sales'], password: 'long-enough-1' });
    assert.equal(r.status, 500);
    assert.equal(r.body.code, 'INTERNAL');
    assert.equal(r.text.includes('audit_event'), false, 'no SQL or stack leaks');
    assert.equal(r.text.includes('at '), false);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === r.body.requestId);
    assert.ok(logged, 'the error is logged with the request id');
    assert.match(JSON.stringify(logged), /audit_event/);
    const users = database.sqlite!.prepare("select count(*) n from app_user where email = 'x@test.local'").get() as { n: number };
    assert.equal(users.n, 0, 'the failed request changed nothing');
    await app.close();
    await database.close();
  });
});
