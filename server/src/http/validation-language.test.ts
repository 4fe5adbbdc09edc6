import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeContract } from '../modules/contracts/contracts.fixtures';
import { makeCustomer } from '../modules/customers/customers.fixtures';
import { multipartBody, samplePdf } from '../modules/files/files.fixtures';
import { type Client, type TestApp, startTestApp } from '../testing/test-app';
import { engines } from '../testing/test-db';

interface Issue {
  path: string;
  message: string;
  code: string;
}

const byPath = (issues: Issue[]) => Object.fromEntries(issues.map((i) => [i.path, { message: i.message, code: i.code }]));

/** One body with a missing required field, a bad enum value, a too-long string and an unknown field. */
const BAD_CONTRACT = { serviceKinds: ['repair'], notes: 'x'.repeat(5000), surprise: 1 };

for (const engine of engines()) {
  describe(`validation messages in the user's language (${engine})`, () => {
    let t: TestApp;
    let zh: Client;
    let en: Client;
    before(async () => {
      t = await startTestApp(engine);
      zh = (await t.userWith(['sales'])).client;
      en = (await t.userWith(['sales'])).client;
      assert.equal((await en.patch('/api/me/preferences', { locale: 'en' })).status, 200);
    });
    after(() => t.close());

    it('R-ORG-1 a Chinese-language user gets Chinese messages: missing field, bad enum, too long, unknown field (path and code kept)', async () => {
      const r = await zh.post('/api/contracts', BAD_CONTRACT);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.code, 'VALIDATION_FAILED');
      assert.equal(r.body.message, '提交的数据有误');
      assert.deepEqual(byPath(r.body.issues), {
        customerId: { message: '此项必填', code: 'invalid_type' },
        'serviceKinds.0': {
          message: '可选值：distribution_standard、onsite_maintenance、routine_inspection、consulting、outsourcing、spare_parts',
          code: 'invalid_value',
        },
        notes: { message: '最多 4000 个字符', code: 'too_big' },
        surprise: { message: '未知字段“surprise”', code: 'unrecognized_keys' },
      });
      // Query strings and bilingual custom checks too.
      const q = await zh.get('/api/documents?type=invoice&page=0');
      assert.deepEqual(byPath(q.body.issues), {
        page: { message: '不能小于 1', code: 'too_small' },
        type: { message: q.body.issues.find((i: Issue) => i.path === 'type').message, code: 'invalid_value' },
      });
      assert.match(q.body.issues.find((i: Issue) => i.path === 'type').message, /^可选值：original_contract、/);
      const customer = await makeCustomer(t.app.deps.database.db);
      const coverage = await zh.post('/api/contracts', {
        customerId: customer.id,
        serviceKinds: ['consulting'],
        commitments: { coverage: { kind: 'custom', days: [1], startHour: 9, endHour: 8 } },
      });
      assert.deepEqual(coverage.body.issues, [{ path: 'commitments.coverage.endHour', message: '应晚于开始时', code: 'custom' }]);
      for (const i of [...r.body.issues, ...q.body.issues]) assert.doesNotMatch(i.message, /[A-Z][a-z]+ [a-z]+|Invalid|expected/);
    });

    it('R-ORG-1 an English-language user gets the same issues in English', async () => {
      const r = await en.post('/api/contracts', BAD_CONTRACT);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.message, 'The submitted data is invalid');
      assert.deepEqual(byPath(r.body.issues), {
        customerId: { message: 'Required', code: 'invalid_type' },
        'serviceKinds.0': {
          message: 'Allowed values: distribution_standard, onsite_maintenance, routine_inspection, consulting, outsourcing, spare_parts',
          code: 'invalid_value',
        },
        notes: { message: 'At most 4000 characters', code: 'too_big' },
        surprise: { message: 'unknown field "surprise"', code: 'unrecognized_keys' },
      });
    });

    it('R-ORG-1 a rule checked by a service (an end date before the start) is worded in the user’s language too', async () => {
      const customer = await makeCustomer(t.app.deps.database.db);
      const body = { customerId: customer.id, serviceKinds: ['consulting'], startDate: '2027-03-01', endDate: '2027-02-01' };
      const z = await zh.post('/api/contracts', body);
      assert.equal(z.status, 400, z.text);
      assert.equal(z.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(z.body.issues, [{ path: 'endDate', message: '不能早于开始日期', code: 'custom' }]);
      const e = await en.post('/api/contracts', body);
      assert.deepEqual(e.body.issues, [{ path: 'endDate', message: 'must not be before startDate', code: 'custom' }]);
    });

    it('R-ORG-1 a conflict named on a field (a contract number taken; a holiday year replaced without its version) is worded in the user’s language', async () => {
      const taken = await makeContract(t.app.deps.database.db);
      const body = { customerId: taken.customer.id, serviceKinds: ['consulting'], number: taken.number };
      const z = await zh.post('/api/contracts', body);
      assert.equal(z.status, 409, z.text);
      assert.equal(z.body.code, 'CONTRACT_NUMBER_TAKEN');
      assert.deepEqual(z.body.issues, [{ path: 'number', message: '已存在' }]);
      const e = await en.post('/api/contracts', body);
      assert.deepEqual(e.body.issues, [{ path: 'number', message: 'already exists' }]);
      // The version rule of the holiday table, checked by its service: worded for the admin too.
      const admin = (await t.userWith(['admin'])).client;
      const year = await admin.request('PUT', '/api/calendar/years/2026', { provisional: false, holidays: [], makeUpWorkdays: [] });
      assert.equal(year.status, 400, year.text);
      assert.deepEqual(year.body.issues, [{ path: 'version', message: '替换已有年份时必须提供版本号', code: 'custom' }]);
    });

    it('R-FLOW-2 multipart form fields (document upload) are worded in the user’s language too', async () => {
      const customer = await makeCustomer(t.app.deps.database.db);
      const file = { name: 'a.pdf', content: await samplePdf() };
      const send = (c: Client) => {
        const { payload, headers } = multipartBody({ customerId: String(customer.id), type: 'invoice', price: '100' }, file);
        return c.request('POST', '/api/documents', payload, headers);
      };
      const z = await send(zh);
      assert.equal(z.status, 400, z.text);
      assert.deepEqual(z.body.issues.map((i: Issue) => [i.path, i.code, i.message.slice(0, 5)]).sort(), [
        ['price', 'unrecognized_keys', '未知字段“'],
        ['title', 'invalid_type', '此项必填'],
        ['type', 'invalid_value', '可选值：o'],
      ]);
      assert.equal(z.body.issues.find((i: Issue) => i.path === 'price').message, '未知字段“price”');
      const e = await send(en);
      assert.equal(e.body.issues.find((i: Issue) => i.path === 'title').message, 'Required');
      assert.equal(e.body.issues.find((i: Issue) => i.path === 'price').message, 'unknown field "price"');
    });

    it('R-ORG-1 before sign-in the browser’s language decides (Chinese by default)', async () => {
      const anon = t.client();
      const zhLogin = await anon.post('/api/auth/login', { email: 'a@b.c', password: 'x', remember: true });
      assert.equal(zhLogin.status, 400, zhLogin.text);
      assert.equal(zhLogin.body.issues.find((i: Issue) => i.path === 'remember').message, '未知字段“remember”');
      const enLogin = await anon.post('/api/auth/login', { email: 'a@b.c' }, { 'accept-language': 'en-US,en;q=0.9' });
      assert.equal(enLogin.body.issues.find((i: Issue) => i.path === 'password').message, 'Required');
    });
  });
}
