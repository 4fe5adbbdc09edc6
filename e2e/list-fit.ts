import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../server/src/app';
import { DEMO_PASSWORD, loadDemo } from '../server/src/demo';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

/*
 * Lists at 1440 px (issue 13, item 14): the demo with long Chinese names beside it, and the checks
 * every list must pass — no table scrolling sideways, dates whole — shared by the e2e files.
 */

export const LONG_CUSTOMER = '中国东方国际电子信息产业集团华东区域数据中心运营管理股份有限公司';
const LONG_ADDRESS = '上海市浦东新区张江高科技园区科苑路 1088 号东方国际电子信息产业园 3 号楼 12 层 1201 室机房';

export interface ListPage {
  name: string;
  /** `{pmMonth}`: a month with demo PM visits. */
  path: string;
  /** The demo may leave it without rows. */
  mayBeEmpty?: boolean;
}

/** The demo, and beside it a customer with a long name and address, its contract, unit and call; answers a month with PM visits. */
export async function loadListDemo(app: App): Promise<{ pmMonth: string }> {
  const { db } = app.deps.database;
  await loadDemo(db, app.deps.config);
  // Beside the demo, a customer with a long name and address, and its contract, unit and call.
  const customer = await makeCustomer(db, { name: LONG_CUSTOMER, region: '上海市浦东新区张江高科技园区', address: LONG_ADDRESS });
  const contract = await makeContract(db, {
    customerId: customer.id,
    number: 'HT-2026-DFGJ-SH-IDC-0001-续签补充协议',
    status: 'active',
    startDate: '2026-11-01',
    endDate: '2029-10-31',
  });
  const admin = new Client(app);
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
  const receiver = new Client(app);
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
  const manager = new Client(app);
  await manager.login('zhang.wei@demo.fuwu', DEMO_PASSWORD);
  const visits = await manager.get('/api/maintenance/visits?page=1&pageSize=1');
  assert.equal(visits.status, 200, visits.text);
  return { pmMonth: String(visits.body.items[0].plannedDate).slice(0, 7) };
}

/** Every table's scroll container on the page: its columns fit (scrollWidth ≤ clientWidth), and the page has no sideways scrollbar. */
export async function assertFits(page: Page, what: string) {
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
export async function assertDatesWhole(page: Page, what: string) {
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('.ant-table-tbody td')]
      .filter((td) => /^[\s~…]*\d{4}-\d{2}-\d{2}/.test(td.textContent ?? '') && (td.textContent ?? '').length <= 40)
      .flatMap((td) => [td, ...td.querySelectorAll('*')])
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
      .map((el) => el.textContent),
  );
  assert.deepEqual(cut, [], `${what}: dates shown whole`);
}

/** Open each list (signed in on `page`), screenshot it and check it fits. */
export async function checkLists(page: Page, baseUrl: string, lists: readonly ListPage[], pmMonth: string): Promise<void> {
  for (const list of lists) {
    await page.goto(`${baseUrl}${list.path.replace('{pmMonth}', pmMonth)}`);
    if (list.mayBeEmpty) await page.locator('.ant-table-tbody').first().waitFor();
    else await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `lists-1440-${list.name}`);
    await assertFits(page, list.name);
    await assertDatesWhole(page, list.name);
  }
}

/**
 * The suite's server on SQLite (a list's layout is the web's alone, no engine changes it) with the
 * list demo, and a browser: started before the suite's tests, closed after them.
 */
export function listSuite() {
  const s = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser; pmMonth: string };
  before(async () => {
    s.server = await startServer('sqlite');
    s.browser = await launchBrowser();
    ({ pmMonth: s.pmMonth } = await loadListDemo(s.server.app));
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  return {
    get url() {
      return s.server.url;
    },
    get pmMonth() {
      return s.pmMonth;
    },
    /** A 1440×900 page signed in as a demo person. */
    async pageOf(email: string): Promise<Page> {
      const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, s.server.url, email, DEMO_PASSWORD);
      return page;
    },
  };
}
