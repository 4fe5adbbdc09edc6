import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { findContactsByPhone } from './customers.service';

const INDUSTRIES = [
  'government',
  'finance',
  'telecom',
  'education',
  'healthcare',
  'manufacturing',
  'energy',
  'transport',
  'retail',
  'internet',
];

for (const engine of engines()) {
  describe(`customers (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    let sales: Client;
    let industryId: (code: string) => number;
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.admin();
      sales = (await t.userWith(['sales'])).client;
      const list = (await admin.get('/api/industries')).body.items as { id: number; code: string }[];
      industryId = (code) => list.find((i) => i.code === code)?.id as number;
    });
    after(() => t.close());

    const audit = async (entity: string, id: number) =>
      (
        (await admin.get(`/api/audit?entity=${entity}&entityId=${id}`)).body.items as { action: string; before: unknown; after: unknown }[]
      ).map((e) => e.action);

    it('R-ORG-6 industries are seeded in order, readable by every role and edited only by administrators', async () => {
      const r = await admin.get('/api/industries');
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.items.map((i: { code: string }) => i.code),
        INDUSTRIES,
      );
      assert.deepEqual(
        r.body.items.slice(0, 3).map((i: { nameZh: string }) => i.nameZh),
        ['政府', '金融', '电信'],
      );
      const { client: receiver } = await t.userWith(['receiver']);
      assert.equal((await receiver.get('/api/industries')).status, 200);

      const denied = await sales.post('/api/industries', { code: 'logistics', nameZh: '物流', nameEn: 'Logistics' });
      assert.equal(denied.status, 403);
      assert.equal((await admin.get('/api/industries')).body.total, INDUSTRIES.length, 'the 403 created nothing');

      const created = await admin.post('/api/industries', { code: 'logistics', nameZh: '物流', nameEn: 'Logistics', sort: 200 });
      assert.equal(created.status, 201);
      assert.equal(
        (await admin.post('/api/industries', { code: 'logistics', nameZh: '物流', nameEn: 'Logistics' })).body.code,
        'INDUSTRY_CODE_TAKEN',
      );
      const renamed = await admin.patch(`/api/industries/${created.body.id}`, { version: 1, nameZh: '物流运输', active: false });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.nameZh, '物流运输');
      assert.equal((await admin.patch(`/api/industries/${created.body.id}`, { version: 1, sort: 1 })).status, 409);
      assert.equal((await admin.get('/api/industries?active=true')).body.total, INDUSTRIES.length);
      // An inactive industry takes no new customers.
      const inactive = await admin.post('/api/customers', { name: '停用行业客户', industryId: created.body.id });
      assert.equal(inactive.status, 400);
      assert.equal(inactive.body.code, 'INDUSTRY_INACTIVE');
      assert.deepEqual(await audit('industry', created.body.id), ['update', 'create']);
    });

    it('R-ORG-6 a customer is created with industry, region, address, notes and contacts; the detail lists them, primary first', async () => {
      const r = await sales.post('/api/customers', {
        name: '北京华信科技有限公司',
        industryId: industryId('finance'),
        region: '北京',
        address: '北京市海淀区中关村大街 27 号',
        notes: '老客户',
        contacts: [
          { name: '王建国', title: '信息中心主任', phones: ['+86 138-0013-8000', '010-6543 2100 转 8'], email: 'Wang.JG@HuaXin.com.cn' },
          { name: '李娟', title: '系统管理员', phones: ['139 1000 2000'], primary: true },
        ],
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.industry.code, 'finance');
      assert.equal(r.body.industry.nameZh, '金融');
      assert.deepEqual(r.body.warnings, []);
      assert.equal(r.body.contacts.length, 2);
      const detail = await sales.get(`/api/customers/${r.body.id}`);
      assert.equal(detail.status, 200);
      const [first, second] = detail.body.contacts;
      assert.equal(first.name, '李娟');
      assert.equal(first.primary, true);
      assert.equal(second.primary, false);
      assert.equal(second.email, 'wang.jg@huaxin.com.cn');
      assert.deepEqual(second.phones, [
        { raw: '+86 138-0013-8000', number: '13800138000', extension: null, kind: 'mobile' },
        { raw: '010-6543 2100 转 8', number: '01065432100', extension: '8', kind: 'landline' },
      ]);
    });

    it('R-ORG-6 without a contact marked primary the first one is; more than one marked is refused naming the field', async () => {
      const r = await sales.post('/api/customers', {
        name: '上海浦江数据服务有限公司',
        contacts: [
          { name: '甲', phones: ['021-61234567'] },
          { name: '乙', phones: ['13600001111'] },
        ],
      });
      assert.deepEqual(
        r.body.contacts.map((c: { primary: boolean }) => c.primary),
        [true, false],
      );
      const two = await sales.post('/api/customers', {
        name: '两位主联系人',
        contacts: [
          { name: '甲', phones: ['13600001112'], primary: true },
          { name: '乙', phones: ['13600001113'], primary: true },
        ],
      });
      assert.equal(two.status, 400);
      assert.equal(two.body.issues[0].path, 'contacts.1.primary');
      const unreachable = await sales.post('/api/customers', { name: '无联系方式', contacts: [{ name: '丙' }] });
      assert.equal(unreachable.status, 400);
      assert.equal(unreachable.body.issues[0].path, 'contacts.0.phones');
      const badPhone = await sales.post('/api/customers', { name: '错号码', contacts: [{ name: '丁', phones: ['13600001114', '无'] }] });
      assert.equal(badPhone.body.issues[0].path, 'contacts.0.phones.1');
    });

    it('R-ORG-6 contacts are added, edited and removed under the customer; one primary at a time', async () => {
      const c = (
        await sales.post('/api/customers', { name: '广州南方电网信息公司', contacts: [{ name: '陈工', phones: ['020-38120000'] }] })
      ).body;
      const first = c.contacts[0];
      const added = await sales.post(`/api/customers/${c.id}/contacts`, { name: '黄经理', phones: ['135 0000 1234'], primary: true });
      assert.equal(added.status, 201);
      assert.equal(added.body.primary, true);
      let detail = (await sales.get(`/api/customers/${c.id}`)).body;
      assert.deepEqual(
        detail.contacts.map((x: { name: string; primary: boolean }) => [x.name, x.primary]),
        [
          ['黄经理', true],
          ['陈工', false],
        ],
      );
      const edited = await sales.patch(`/api/customers/${c.id}/contacts/${first.id}`, {
        version: first.version,
        primary: true,
        phones: ['020-3812 0000 转 302'],
        title: '运维',
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.phones[0].extension, '302');
      detail = (await sales.get(`/api/customers/${c.id}`)).body;
      assert.deepEqual(
        detail.contacts.map((x: { name: string; primary: boolean }) => [x.name, x.primary]),
        [
          ['陈工', true],
          ['黄经理', false],
        ],
      );
      const stale = await sales.patch(`/api/customers/${c.id}/contacts/${first.id}`, { version: first.version, title: '旧版本' });
      assert.equal(stale.status, 409);
      assert.equal((await sales.delete(`/api/customers/${c.id}/contacts/${first.id}`)).status, 200);
      detail = (await sales.get(`/api/customers/${c.id}`)).body;
      assert.deepEqual(
        detail.contacts.map((x: { name: string; primary: boolean }) => [x.name, x.primary]),
        [['黄经理', true]],
        'deleting the primary promotes the next contact',
      );
      // A contact is reached only under its own customer.
      const other = (await sales.post('/api/customers', { name: '别家公司' })).body;
      assert.equal((await sales.delete(`/api/customers/${other.id}/contacts/${added.body.id}`)).status, 404);
      assert.deepEqual(await audit('contact', first.id), ['delete', 'update', 'create']);
    });

    it('near-duplicate names are warned about, not refused: company-form suffixes, punctuation and spaces (full-width too) do not count', async () => {
      const bank = (await sales.post('/api/customers', { name: '北京中金汇通银行股份有限公司' })).body;
      const near = await sales.post('/api/customers', { name: '北京 中金汇通银行' });
      assert.equal(near.status, 201, near.text);
      assert.deepEqual(near.body.warnings, [{ code: 'CUSTOMER_SIMILAR_NAME', path: 'name', matches: [{ id: bank.id, name: bank.name }] }]);
      const other = await sales.post('/api/customers', { name: '北京中金汇通证券有限公司' });
      assert.deepEqual(other.body.warnings, [], 'another company sharing a prefix only is not a near duplicate');

      // As the name is typed: the same core, then (long enough) cores beginning with what is typed.
      const check = async (name: string, excludeId?: number) =>
        (await sales.get(`/api/customers/check-name?name=${encodeURIComponent(name)}${excludeId ? `&excludeId=${excludeId}` : ''}`)).body;
      const typed = await check('北京中金汇通银行（有限责任公司）');
      assert.deepEqual(typed.matches, []);
      assert.deepEqual(
        typed.similar.map((c: { id: number }) => c.id),
        [bank.id, near.body.id],
      );
      const partial = await check('北京中金汇通');
      assert.deepEqual(partial.similar.map((c: { id: number }) => c.id).sort(), [bank.id, near.body.id, other.body.id].sort());
      assert.deepEqual((await check('北京')).similar, [], 'a short core finds only its equal');
      const self = await check(bank.name, bank.id);
      assert.deepEqual(self.matches, []);
      assert.deepEqual(
        self.similar.map((c: { id: number }) => c.id),
        [near.body.id],
        'an edit does not warn against the customer itself',
      );
      const renamed = await sales.patch(`/api/customers/${near.body.id}`, { version: near.body.version, name: '北京中金汇通银行集团' });
      assert.equal(renamed.body.warnings[0].code, 'CUSTOMER_SIMILAR_NAME');
    });

    it('duplicate customer names are warned about, not refused: trimmed, full-width and case-insensitive', async () => {
      const original = (await sales.post('/api/customers', { name: 'ABC 信息技术（深圳）有限公司' })).body;
      const dup = await sales.post('/api/customers', { name: '  ａｂｃ　信息技术(深圳)有限公司 ' });
      assert.equal(dup.status, 201);
      assert.equal(dup.body.warnings.length, 1);
      assert.equal(dup.body.warnings[0].code, 'CUSTOMER_DUPLICATE_NAME');
      assert.deepEqual(dup.body.warnings[0].matches, [{ id: original.id, name: original.name }]);

      const check = await sales.get(`/api/customers/check-name?name=${encodeURIComponent('abc 信息技术(深圳)有限公司')}`);
      assert.equal(check.status, 200);
      assert.deepEqual(
        check.body.matches.map((m: { id: number }) => m.id),
        [original.id, dup.body.id],
      );
      const excluding = await sales.get(`/api/customers/check-name?name=${encodeURIComponent(original.name)}&excludeId=${original.id}`);
      assert.deepEqual(
        excluding.body.matches.map((m: { id: number }) => m.id),
        [dup.body.id],
      );
      const other = (await sales.post('/api/customers', { name: '深圳另一家公司' })).body;
      const renamed = await sales.patch(`/api/customers/${other.id}`, { version: other.version, name: 'abc 信息技术（深圳）有限公司' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.warnings[0].code, 'CUSTOMER_DUPLICATE_NAME');
      const untouched = await sales.patch(`/api/customers/${original.id}`, { version: original.version, notes: '名称未变' });
      assert.deepEqual(untouched.body.warnings, []);
    });

    it('R-CALL-1 a caller is matched by phone however the number was typed, with or without area code or country code', async () => {
      const c = (
        await sales.post('/api/customers', {
          name: '杭州西湖医院',
          contacts: [
            { name: '周医生', phones: ['0571-8765 4321 分机 12'] },
            { name: '吴主任', phones: ['0571-8888 1234', '+86 (186) 0571 0000'] },
          ],
        })
      ).body;
      const lookup = async (phone: string) => {
        const r = await sales.get(`/api/customers/by-phone?phone=${encodeURIComponent(phone)}`);
        assert.equal(r.status, 200);
        return r.body.items.map((i: { contact: { name: string }; customer: { id: number } }) => `${i.customer.id}:${i.contact.name}`);
      };
      assert.deepEqual(await lookup('057187654321'), [`${c.id}:周医生`]);
      assert.deepEqual(await lookup('(0571) 87654321'), [`${c.id}:周医生`]);
      assert.deepEqual(await lookup('87654321'), [`${c.id}:周医生`], 'a local number, as a caller id may show it');
      assert.deepEqual(await lookup('010-87654321'), [], 'the same local number in another city');
      assert.deepEqual(await lookup('18605710000'), [`${c.id}:吴主任`]);
      assert.deepEqual(await lookup('0086 186-0571-0000'), [`${c.id}:吴主任`]);
      const none = await sales.get('/api/customers/by-phone?phone=abc');
      assert.deepEqual(none.body, { number: null, items: [] });
      // The same lookup, as a service function for the call intake.
      const found = await findContactsByPhone(t.app.deps.database.db, '+86 186 0571 0000');
      assert.equal(found.items[0].contact.name, '吴主任');
      assert.deepEqual(
        found.items[0].contact.phones.map((p) => p.number),
        ['057188881234', '18605710000'],
        'the matched contact comes with all his phones, in their order',
      );
      assert.equal(found.items[0].customer.name, '杭州西湖医院');
    });

    it('R-ORG-6 lists customers with search (full-width or not), industry and region filters, paging and sort', async () => {
      const gov = industryId('government');
      for (const [name, region] of [
        ['成都市政务服务中心', '四川'],
        ['成都市公安局', '四川'],
        ['重庆市政务数据局', '重庆'],
      ]) {
        await sales.post('/api/customers', { name, region, industryId: gov, address: `${region}省会` });
      }
      const byIndustry = await sales.get(`/api/customers?industryId=${gov}&sort=name`);
      assert.equal(byIndustry.body.total, 3);
      assert.ok(byIndustry.body.items.every((c: { industry: { code: string } }) => c.industry.code === 'government'));
      const byRegion = await sales.get(`/api/customers?region=${encodeURIComponent('四川')}`);
      assert.equal(byRegion.body.total, 2);
      const byText = await sales.get(`/api/customers?q=${encodeURIComponent('政务')}`);
      assert.equal(byText.body.total, 2);
      const byAddress = await sales.get(`/api/customers?q=${encodeURIComponent('重庆省会')}`);
      assert.equal(byAddress.body.total, 1);
      await sales.post('/api/customers', { name: 'Lenovo Beijing' });
      const fullWidth = await sales.get(`/api/customers?q=${encodeURIComponent('ＬＥＮＯＶＯ')}`);
      assert.equal(fullWidth.body.total, 1);
      const page = await sales.get(`/api/customers?industryId=${gov}&page=2&pageSize=2&sort=-name`);
      assert.equal(page.body.items.length, 1);
      assert.equal(page.body.total, 3);
      const sorted = (await sales.get(`/api/customers?industryId=${gov}&sort=createdAt`)).body.items.map((c: { name: string }) => c.name);
      assert.deepEqual(sorted, ['成都市政务服务中心', '成都市公安局', '重庆市政务数据局']);
    });

    it('a stale version gets 409 and changes nothing; an unknown body field gets 400 naming it', async () => {
      const c = (await sales.post('/api/customers', { name: '版本测试公司' })).body;
      assert.equal((await sales.patch(`/api/customers/${c.id}`, { version: c.version, region: '天津' })).status, 200);
      const stale = await sales.patch(`/api/customers/${c.id}`, { version: c.version, region: '河北' });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'VERSION_CONFLICT');
      assert.equal((await sales.get(`/api/customers/${c.id}`)).body.region, '天津');

      const before = (await sales.get('/api/customers')).body.total;
      const unknown = await sales.post('/api/customers', { name: '多余字段公司', vipLevel: 3 });
      assert.equal(unknown.status, 400);
      assert.deepEqual(
        unknown.body.issues.map((i: { path: string }) => i.path),
        ['vipLevel'],
      );
      const nested = await sales.post('/api/customers', {
        name: '多余字段公司',
        contacts: [{ name: '甲', phones: ['13800000000'], wechat: 'x' }],
      });
      assert.equal(nested.body.issues[0].path, 'contacts.0.wechat');
      assert.equal((await sales.get('/api/customers')).body.total, before);
    });

    it('a 403 changes nothing: engineers and receivers read customers but may not write them', async () => {
      const { client: engineer } = await t.userWith(['engineer']);
      const { client: receiver } = await t.userWith(['receiver']);
      const c = (await sales.post('/api/customers', { name: '只读测试公司', contacts: [{ name: '甲', phones: ['13800000001'] }] })).body;
      const before = (await admin.get('/api/customers')).body.total;
      for (const client of [engineer, receiver]) {
        assert.equal((await client.get(`/api/customers/${c.id}`)).status, 200);
        assert.equal((await client.post('/api/customers', { name: '越权公司' })).status, 403);
        assert.equal((await client.patch(`/api/customers/${c.id}`, { version: c.version, name: '改名' })).status, 403);
        assert.equal((await client.post(`/api/customers/${c.id}/contacts`, { name: '乙', phones: ['13800000002'] })).status, 403);
        assert.equal((await client.delete(`/api/customers/${c.id}`)).status, 403);
      }
      assert.equal((await admin.get('/api/customers')).body.total, before);
      const after = (await admin.get(`/api/customers/${c.id}`)).body;
      assert.equal(after.name, '只读测试公司');
      assert.equal(after.version, c.version);
      assert.equal(after.contacts.length, 1);
      assert.deepEqual(await audit('customer', c.id), ['create']);
    });

    it('every customer write is in the audit trail; a customer with contracts cannot be deleted', async () => {
      const c = (await sales.post('/api/customers', { name: '审计客户', contacts: [{ name: '甲', phones: ['13800000003'] }] })).body;
      await sales.patch(`/api/customers/${c.id}`, { version: c.version, notes: '已回访' });
      const trail = (await admin.get(`/api/audit?entity=customer&entityId=${c.id}`)).body.items;
      assert.deepEqual(
        trail.map((e: { action: string }) => e.action),
        ['update', 'create'],
      );
      assert.equal(trail[0].before.notes, null);
      assert.equal(trail[0].after.notes, '已回访');
      assert.equal(trail[1].after.contacts[0].phones[0].number, '13800000003');

      const withContract = (await sales.post('/api/customers', { name: '有合同的客户' })).body;
      await makeContract(t.app.deps.database.db, { customerId: withContract.id });
      const refused = await sales.delete(`/api/customers/${withContract.id}`);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'CUSTOMER_IN_USE');
      assert.equal((await sales.get(`/api/customers/${withContract.id}`)).status, 200);

      assert.equal((await sales.delete(`/api/customers/${c.id}`)).status, 200);
      assert.equal((await sales.get(`/api/customers/${c.id}`)).status, 404);
      assert.deepEqual(await audit('customer', c.id), ['delete', 'update', 'create']);
    });
  });
}
