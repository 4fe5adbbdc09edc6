import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { Client } from '../server/src/testing/test-app';
import { engines } from '../server/src/testing/test-db';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

async function noSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${what}: no horizontal scrollbar (${scrollWidth} > ${clientWidth})`);
}

for (const engine of engines()) {
  describe(`a day's work in Chromium (${engine})`, () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Browser;
    let tm: Client;
    const ids: Record<string, number> = {};
    const numbers: Record<string, string> = {};
    const shot = (page: Page, name: string) => (engine === 'sqlite' ? screenshot(page, name) : Promise.resolve(''));

    before(async () => {
      server = await startServer(engine);
      browser = await launchBrowser();
      const admin = new Client(server.app);
      await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      for (const [key, email, name, roles] of [
        ['tm', 'tm@e2e.cn', '张经理', ['tech_manager']],
        ['zhou', 'zhou@e2e.cn', '周工', ['engineer']],
        ['an', 'an@e2e.cn', '安工', ['engineer']],
      ] as const) {
        const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
        assert.equal(r.status, 201, r.text);
        ids[key] = r.body.id;
      }
      const contract = await makeContract(server.app.deps.database.db, {
        number: 'HT-DAY-01',
        status: 'active',
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, arrivalHours: 4, resolutionHours: 24 },
      });
      tm = new Client(server.app);
      await tm.login('tm@e2e.cn', PASSWORD);
      const form = {
        kind: 'emergency_repair',
        customerId: contract.customer.id,
        contractId: contract.id,
        contactName: '赵立新',
        contactPhone: '139-1001-2001',
        siteAddress: '北京市西城区金融大街 18 号',
        description: '存储阵列硬盘故障灯亮',
      };
      const waiting = await tm.post('/api/service-requests', { ...form, issue: true, responsibleEngineerId: ids.zhou });
      assert.equal(waiting.status, 201, waiting.text);
      ids.waiting = waiting.body.id;
      numbers.waiting = waiting.body.number;
      const backedUp = await tm.post('/api/service-requests', {
        ...form,
        description: '交换机端口闪断',
        issue: true,
        responsibleEngineerId: ids.an,
      });
      const assigned = await tm.post(`/api/service-requests/${backedUp.body.id}/assign`, {
        engineerId: ids.an,
        backupEngineerId: ids.zhou,
        date: todayInShanghai(),
        plannedStart: new Date(Date.now() + 5 * 60_000).toISOString(),
        plannedEnd: new Date(Date.now() + 65 * 60_000).toISOString(),
      });
      assert.equal(assigned.status, 200, assigned.text);
      const urgent = await tm.post('/api/service-requests', {
        urgent: true,
        customerId: contract.customer.id,
        description: '机房断电',
        responsibleEngineerId: ids.zhou,
      });
      assert.equal(urgent.status, 201, urgent.text);
      ids.urgent = urgent.body.id;
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the global search finds a service request by its number and by a phone typed with +86 and separators (1440×900)', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
      await page.goto(`${server.url}/search?q=${encodeURIComponent(numbers.waiting)}`);
      await page.getByTestId(`search-hit-service_request-${ids.waiting}`).waitFor();
      await page.goto(`${server.url}/search?q=${encodeURIComponent('+86 139 1001 2001')}`);
      await page.getByTestId('search-group-service_request').waitFor();
      await page.getByTestId(`search-hit-service_request-${ids.waiting}`).click();
      await page.waitForURL(new RegExp(`/service-requests/${ids.waiting}$`));
      await page.close();
    });

    it('SLA where people work: the list has an SLA column and sorts most urgent first; the detail shows the due time and labels service time; an urgent request says why it has no clock', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
      await page.goto(`${server.url}/service-requests?sort=urgency`);
      await page.getByTestId(`sr-row-${ids.waiting}`).waitFor();
      assert.ok((await page.getByTestId('sr-sla-cell').count()) >= 3);
      assert.match(await page.getByTestId('sr-sort').innerText(), /最紧急优先/);
      await noSidewaysScroll(page, 'the request list');
      const table = await page
        .locator('[data-testid="sr-table"] .ant-table-content, [data-testid="sr-table"] .ant-table-body')
        .first()
        .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(table.scroll <= table.client, `the list's columns fit 1440 px (${table.scroll} > ${table.client})`);
      await shot(page, 'first-day-sr-list-sla-1440');
      await page.goto(`${server.url}/service-requests/${ids.waiting}`);
      await page.getByTestId('sr-sla-due-arrival').waitFor();
      assert.match(await page.getByTestId('sr-sla-due-arrival').innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      assert.equal(await page.getByTestId('sr-sla-left-title').first().innerText(), '剩余服务时间');
      await page.goto(`${server.url}/service-requests/${ids.urgent}`);
      await page.getByTestId('sr-sla-none').waitFor();
      assert.match(await page.getByTestId('sr-sla-none').innerText(), /未关联合同/);
      assert.match(await page.getByTestId('sr-state').innerText(), /已下达/);
      await page.close();
    });

    it('the dispatch board: pinyin order, whole distinguishing numbers, backup apart, and a touch assignment that warns past the deadline (1440×900, touch)', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, hasTouch: true });
      await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
      await page.goto(`${server.url}/dispatch`);
      await page.getByTestId(`board-engineer-${ids.an}`).waitFor();
      const names = await page.locator('[data-testid^="board-engineer-"] > div:first-child').allInnerTexts();
      assert.ok(names.indexOf('安工') < names.indexOf('周工'), `pinyin order: ${names.join(',')}`);
      assert.match(await page.getByTestId(`board-load-${ids.zhou}`).innerText(), /0 小时 · 0 单/);
      assert.match(await page.getByTestId(`board-backup-load-${ids.zhou}`).innerText(), /后备 1 单/);
      const card = page.locator('[data-testid$="-backup"]').first();
      assert.match(await card.innerText(), /…\d{5}/);
      // Assign without dragging: the waiting card's button, an engineer and a day a week ahead (past the 4-hour arrival deadline).
      await page.getByTestId(`board-assign-${ids.waiting}`).tap();
      await page.getByTestId('assign-engineer').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '周工' }).click();
      await page.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
      await page.getByTestId('assign-day').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').last().click();
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByText('计划开始时间晚于合同承诺的到场期限', { exact: false }).first().waitFor();
      await shot(page, 'first-day-dispatch-touch-1440');
      await page.close();
    });

    it('on a phone (390×844): the bell opens the notifications, the request list shows cards with its filters folded, detail labels stay whole, the dispatch title is not clipped', async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
      await page.getByTestId('notifications-bell').tap();
      await page.waitForURL(/\/notifications$/);
      await page.goto(`${server.url}/service-requests`);
      await page.getByTestId(`sr-card-${ids.waiting}`).waitFor();
      assert.equal(await page.getByTestId('sr-table').count(), 0);
      assert.equal(await page.getByTestId('sr-filter-state').count(), 0, 'filters folded');
      await page.getByTestId('list-filters-toggle').tap();
      await page.getByTestId('sr-filter-state').waitFor();
      await noSidewaysScroll(page, 'the request list on a phone');
      await shot(page, 'first-day-sr-list-390');
      await page.goto(`${server.url}/service-requests/${ids.waiting}`);
      await page.getByTestId('sr-form-view').waitFor();
      await shot(page, 'first-day-sr-detail-390');
      // A label that broke mid-word is wider than its cell would allow on one line: its text wraps.
      const labels = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="sr-form-view"] .fuwu-desc-label')].map((l) => ({
          text: l.textContent,
          broken: getComputedStyle(l).whiteSpace !== 'nowrap' || l.scrollWidth > l.clientWidth + 1,
        })),
      );
      assert.ok(labels.length >= 10, `the form shows its labels (${labels.length})`);
      assert.deepEqual(
        labels.filter((l) => l.broken).map((l) => l.text),
        [],
        'no label breaks or is cut',
      );
      await noSidewaysScroll(page, 'the request detail on a phone');
      await page.goto(`${server.url}/dispatch`);
      const title = page.locator('.ant-card-head-title').first();
      await title.waitFor();
      const clipped = await title.evaluate((el) => el.scrollWidth > el.clientWidth);
      assert.equal(clipped, false, 'the dispatch title is whole');
      await shot(page, 'first-day-dispatch-390');
      await page.close();
    });
  });
}
