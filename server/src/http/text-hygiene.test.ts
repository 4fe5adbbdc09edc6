import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, startTestApp } from '../testing/test-app';
import { engines } from '../testing/test-db';

for (const engine of engines()) {
  describe(`text hygiene (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const user = (name: string) => ({
      email: `hygiene-${Math.random().toString(36).slice(2)}@test.local`,
      name,
      roles: ['engineer'],
      password: 'user-password-1',
    });

    it('refuses a NUL or another control character in a name with a 400 naming the field, in both languages, and stores nothing', async () => {
      const admin = await t.admin();
      const { client: sales } = await t.userWith(['sales']);
      assert.equal((await sales.patch('/api/me/preferences', { locale: 'en' })).status, 200);
      const before = (await admin.get('/api/users?pageSize=200')).body.total;
      for (const name of ['张\u0000三', 'bell\u0007', 'esc\u001b[31m', 'c1\u0085']) {
        const r = await admin.post('/api/users', user(name));
        assert.equal(r.status, 400, JSON.stringify(name));
        assert.equal(r.body.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          r.body.issues.map((i: { path: string; code: string }) => [i.path, i.code]),
          [['name', 'invalid_characters']],
        );
        assert.match(r.body.issues[0].message, /不允许的字符/);
      }
      const en = await sales.post('/api/customers', { name: 'ok', contacts: [{ name: 'x\u0000', phones: [] }] });
      assert.equal(en.status, 400);
      assert.equal(en.body.issues[0].path, 'contacts.0.name');
      assert.match(en.body.issues[0].message, /not allowed/);
      assert.equal((await admin.get('/api/users?pageSize=200')).body.total, before);
    });

    it('refuses a lone surrogate in a name and in a query', async () => {
      const admin = await t.admin();
      const r = await admin.post('/api/users', user('半个\ud800字'));
      assert.equal(r.status, 400);
      assert.equal(r.body.issues[0].path, 'name');
      const q = await admin.get(`/api/users?q=${encodeURIComponent('a')}%00`);
      assert.equal(q.status, 400);
      assert.equal(q.body.issues[0].path, 'q');
    });

    it('refuses a JSON body that is not valid UTF-8 instead of replacing the bytes', async () => {
      const admin = await t.admin();
      const json = Buffer.from(JSON.stringify(user('坏字节XX')));
      const at = json.indexOf('XX');
      json[at] = 0xff;
      json[at + 1] = 0xfe;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        payload: json,
        headers: { 'content-type': 'application/json', cookie: admin.cookie ?? '', 'x-csrf-token': admin.csrf ?? '' },
      });
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.issues[0].path, 'body');
      assert.equal(body.issues[0].code, 'invalid_utf8');
    });

    it('keeps tab, line feed and carriage return in multi-line text', async () => {
      const admin = await t.admin();
      const notes = '第一行\r\n第二行\n\t缩进';
      const r = await admin.post('/api/customers', { name: '多行备注客户', notes });
      assert.equal(r.status, 201, r.text);
      assert.equal((await admin.get(`/api/customers/${r.body.id}`)).body.notes, notes);
    });

    it('refuses tab and line breaks inside a single-line field (a name, a phone) with a 400 naming it, and stores nothing', async () => {
      const admin = await t.admin();
      const before = (await admin.get('/api/customers?pageSize=1')).body.total;
      for (const [body, path] of [
        [{ name: '北京\n中金' }, 'name'],
        [{ name: '北京中金', contacts: [{ name: '钱\t经理', phones: [] }] }, 'contacts.0.name'],
        [{ name: '北京中金', region: '华北\n华东' }, 'region'],
        [{ name: '北京中金', contacts: [{ name: '钱经理', phones: ['010\t6655 8800'] }] }, 'contacts.0.phones.0'],
      ] as const) {
        const r = await admin.post('/api/customers', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.deepEqual(
          r.body.issues.map((i: { path: string }) => i.path),
          [path],
        );
        assert.match(r.body.issues[0].message, /单行/);
      }
      const tabbed = await admin.post('/api/users', user('张\t三'));
      assert.equal(tabbed.status, 400);
      assert.equal(tabbed.body.issues[0].path, 'name');
      assert.equal((await admin.get('/api/customers?pageSize=1')).body.total, before);
    });
  });
}
