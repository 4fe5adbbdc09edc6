import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SERVICE_REQUEST_KIND_LABELS } from '../contract/service-request-labels';
import { SERVICE_REQUEST_WARNINGS } from '../contract/service-requests';
import { DEMO_PASSWORD, loadDemo } from '../server/src/demo';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { Client } from '../server/src/testing/test-app';
import { engines } from '../server/src/testing/test-db';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const LONG_CUSTOMER = '中国东方国际电子信息产业集团华东区域数据中心运营管理股份有限公司';
const LONG_ADDRESS = '上海市浦东新区张江高科技园区科苑路 1088 号东方国际电子信息产业园 3 号楼 12 层 1201 室机房';

/** The main lists, each with the view that shows its table. */
const LISTS: { name: string; path: string; rows?: string }[] = [
  { name: 'service-requests', path: '/service-requests' },
  { name: 'customers', path: '/customers' },
  { name: 'contracts', path: '/contracts' },
  { name: 'calls', path: '/calls?view=all' },
  { name: 'equipment', path: '/equipment' },
  { name: 'parts-loans', path: '/parts?tab=loans' },
  { name: 'parts-stock', path: '/parts?tab=stock' },
  { name: 'parts-tags', path: '/parts?tab=tags' },
  { name: 'trainings-sessions', path: '/trainings?tab=sessions' },
  { name: 'trainings-plans', path: '/trainings?tab=plans' },
  { name: 'pm-visits', path: '/maintenance?view=list&month={pmMonth}' },
  { name: 'pm-plans', path: '/maintenance?view=plans' },
  { name: 'pm-gaps', path: '/maintenance?view=gaps' },
  { name: 'pm-completion', path: '/maintenance?view=completion' },
];

/** Every table's scroll container on the page: its columns fit (scrollWidth ≤ clientWidth), and the page has no sideways scrollbar. */
async function assertFits(page: Page, what: string) {
  const widths = await page.evaluate(() => ({
    tables: [...document.querySelectorAll('.ant-table-content, .ant-table-body')].map((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    })),
    page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
  }));
  assert.ok(widths.tables.length > 0, `${what}: a table is shown`);
  for (const t of widths.tables) assert.ok(t.scroll <= t.client, `${what}: the columns fit 1440 px (${t.scroll} > ${t.client})`);
  assert.ok(widths.page.scroll <= widths.page.client, `${what}: no sideways scrollbar (${widths.page.scroll} > ${widths.page.client})`);
}

/** Dates are never cut: a cell showing dates (2026-11-01, 2026-11-01 09:30, a range), with a name or a tag at most, shows them whole. */
async function assertDatesWhole(page: Page, what: string) {
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('.ant-table-tbody td')]
      .filter((td) => /^[\s~…]*\d{4}-\d{2}-\d{2}/.test(td.textContent ?? '') && (td.textContent ?? '').length <= 40)
      .flatMap((td) => [td, ...td.querySelectorAll('*')])
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
      .map((el) => el.textContent),
  );
  assert.deepEqual(cut, [], `${what}: dates shown whole`);
}

for (const engine of engines()) {
  describe(`the main lists fit 1440×900 without sideways scrolling (${engine})`, () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Browser;
    let consultingOnly: { id: number; number: string };
    /** A month with demo PM visits. */
    let pmMonth = '';

    before(async () => {
      server = await startServer(engine);
      browser = await launchBrowser();
      const { db } = server.app.deps.database;
      await loadDemo(db, server.app.deps.config);
      // Beside the demo, a customer with a long name and address, and its contract, unit and call.
      const customer = await makeCustomer(db, { name: LONG_CUSTOMER, region: '上海市浦东新区张江高科技园区', address: LONG_ADDRESS });
      const contract = await makeContract(db, {
        customerId: customer.id,
        number: 'HT-2026-DFGJ-SH-IDC-0001-续签补充协议',
        status: 'active',
        startDate: '2026-11-01',
        endDate: '2029-10-31',
      });
      consultingOnly = await makeContract(db, {
        customerId: customer.id,
        number: 'HT-2026-ZX-0099',
        status: 'active',
        serviceKinds: ['consulting'],
      });
      const admin = new Client(server.app);
      await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const unit = await admin.post('/api/equipment', {
        contractId: contract.id,
        productType: '全闪存存储阵列控制器扩展柜',
        brand: '华为',
        model: 'OceanStor Dorado 18800 V6 全闪存存储系统（双控 2TB 缓存）',
        pn: '02354MDG-DORADO-18800-V6-2TB',
        sn: '2102354MDG10N3000123-EXT-A',
        site: LONG_ADDRESS,
        warrantyEnd: '2029-10-31',
      });
      assert.equal(unit.status, 201, unit.text);
      const receiver = new Client(server.app);
      await receiver.login('sun.li@demo.fuwu', DEMO_PASSWORD);
      const call = await receiver.post('/api/calls', {
        callerName: '欧阳建国',
        company: LONG_CUSTOMER,
        phone: '+86 021-5080 1234 转 8806',
        productType: '全闪存存储阵列',
        symptom: '存储阵列控制器 A 频繁告警，业务读写延迟升高到 200 毫秒以上，数据库集群出现超时，需要尽快远程诊断并安排现场',
        customerId: customer.id,
        contractId: contract.id,
      });
      assert.equal(call.status, 201, call.text);
      const manager = new Client(server.app);
      await manager.login('zhang.wei@demo.fuwu', DEMO_PASSWORD);
      const visits = await manager.get('/api/maintenance/visits?page=1&pageSize=1');
      assert.equal(visits.status, 200, visits.text);
      pmMonth = String(visits.body.items[0].plannedDate).slice(0, 7);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('each main list, with the demo and long Chinese names, fits the page: no table scrolls sideways, dates whole, long text cut with the whole on hover', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, server.url, 'zhang.wei@demo.fuwu', DEMO_PASSWORD);
      for (const list of LISTS) {
        await page.goto(`${server.url}${list.path.replace('{pmMonth}', pmMonth)}`);
        await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
        await page.waitForLoadState('networkidle');
        if (engine === 'sqlite') await screenshot(page, `lists-1440-${list.name}`);
        await assertFits(page, list.name);
        await assertDatesWhole(page, list.name);
      }
      // The long names are cut on one line and whole on hover.
      await page.goto(`${server.url}/customers?q=${encodeURIComponent('东方国际')}`);
      const name = page.locator(`[title="${LONG_CUSTOMER}"]`).first();
      await name.waitFor();
      assert.ok(await name.evaluate((el) => el.scrollWidth > el.clientWidth), 'the long customer name is cut on one line');
      await page.close();
      // Sales see the contracts' amounts: one column more, and the term still whole.
      const sales = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(sales, server.url, 'li.na@demo.fuwu', DEMO_PASSWORD);
      await sales.goto(`${server.url}/contracts?q=${encodeURIComponent('东方国际')}`);
      await sales.getByText('~ 2029-10-31', { exact: true }).first().waitFor();
      await sales.getByText('2026-11-01', { exact: true }).first().waitFor();
      await sales.goto(`${server.url}/contracts`);
      await sales.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      await assertFits(sales, 'contracts with amounts');
      await assertDatesWhole(sales, 'contracts with amounts');
      await screenshot(sales, `lists-1440-contracts-amounts-${engine}`);
      await sales.close();
    });

    it('R-SCOPE-1 the request form warns while the kind and contract are chosen, before saving, when the contract covers no service of that kind', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, server.url, 'zhang.wei@demo.fuwu', DEMO_PASSWORD);
      // Opened from the consulting-only contract: the default kind (emergency repair) is outside it.
      await page.goto(`${server.url}/service-requests?new=1&contractId=${consultingOnly.id}`);
      const warning = page.getByTestId('sr-kind-outside-contract');
      await warning.waitFor();
      const text = (await warning.textContent()) ?? '';
      assert.ok(text.includes(SERVICE_REQUEST_WARNINGS.SR_KIND_OUTSIDE_CONTRACT.zh), text);
      assert.ok(text.includes(consultingOnly.number), text);
      if (engine === 'sqlite') await screenshot(page, 'sr-form-kind-outside-contract-1440');
      // Consulting is within the contract: the warning goes.
      await page.getByTestId('sr-kind').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: SERVICE_REQUEST_KIND_LABELS.consulting.zh })
        .first()
        .click();
      await warning.waitFor({ state: 'detached' });
      await page.close();
    });
  });
}
