import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { Client } from '../server/src/testing/test-app';
import { engines } from '../server/src/testing/test-db';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

/** No sideways scrolling, and every card's number drawn whole inside its card. */
async function assertFits(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${what}: no horizontal scrollbar (${scrollWidth} > ${clientWidth})`);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="workbench-card-"]')].flatMap((card) => {
      const box = card.getBoundingClientRect();
      const n = card.querySelector('[data-testid="workbench-count"]');
      const r = n?.getBoundingClientRect();
      return r && (r.right > box.right || r.left < box.left) ? [card.getAttribute('data-testid')] : [];
    }),
  );
  assert.deepEqual(clipped, [], `${what}: a card's number is clipped`);
}

for (const engine of engines()) {
  describe(`the workbench in Chromium (${engine})`, () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Browser;
    before(async () => {
      server = await startServer(engine);
      browser = await launchBrowser();
      const admin = new Client(server.app);
      await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const people: Record<string, number> = {};
      for (const [email, name, roles] of [
        ['tm@e2e.cn', '张经理', ['tech_manager']],
        ['gcs@e2e.cn', '陈工', ['engineer']],
        ['jd@e2e.cn', '李接待', ['receiver']],
        ['xs@e2e.cn', '王销售', ['sales']],
      ] as const) {
        const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
        assert.equal(r.status, 201, r.text);
        people[email] = r.body.id;
      }
      const contract = await makeContract(server.app.deps.database.db, {
        number: 'HT-WB-01',
        status: 'active',
        salesOwnerId: people['xs@e2e.cn'],
        commitments: { coverage: { kind: '7x24' }, responseHours: 2, arrivalHours: 4, resolutionHours: 24 },
      });
      const tm = new Client(server.app);
      await tm.login('tm@e2e.cn', PASSWORD);
      const form = {
        kind: 'emergency_repair',
        customerId: contract.customer.id,
        contractId: contract.id,
        contactName: '赵立新',
        contactPhone: '139 1001 2001',
        description: '存储阵列告警，硬盘故障灯亮',
      };
      assert.equal((await tm.post('/api/service-requests', form)).status, 201);
      const issued = await tm.post('/api/service-requests', { ...form, responsibleEngineerId: people['gcs@e2e.cn'], issue: true });
      assert.equal(issued.status, 201, issued.text);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it("each role's workbench at 1440×900: its cards, whole numbers, no sideways scrolling; a number opens its filtered list", async () => {
      const roles = [
        ['manager', 'tm@e2e.cn', PASSWORD, 'service_requests.waiting_dispatch'],
        ['engineer', 'gcs@e2e.cn', PASSWORD, 'my_work.today'],
        ['receiver', 'jd@e2e.cn', PASSWORD, 'service_requests.raised_by_me'],
        ['sales', 'xs@e2e.cn', PASSWORD, 'contracts.mine_by_stage'],
        ['admin', ADMIN_EMAIL, ADMIN_PASSWORD, 'users.active'],
      ] as const;
      for (const [role, email, password, card] of roles) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await signIn(page, server.url, email, password);
        await page.getByTestId(`workbench-card-${card}`).waitFor();
        await page.waitForLoadState('networkidle');
        await assertFits(page, role);
        if (engine === 'sqlite') await screenshot(page, `workbench-${role}-1440`);
        if (role === 'manager') {
          const waiting = page.getByTestId('workbench-card-service_requests.waiting_dispatch');
          assert.equal(await waiting.getByTestId('workbench-count').innerText(), '2');
          await waiting.getByTestId('workbench-count').click();
          await page.waitForURL(/\/service-requests\?state=draft%2Cissued%2Caccepted%2Creopened/);
          await page.locator('.ant-table-row').nth(1).waitFor();
          assert.equal(await page.locator('.ant-table-row').count(), 2);
        }
        if (role === 'sales') {
          const part = page.getByTestId('workbench-card-contracts.mine_by_stage').getByTestId('workbench-part').first();
          await part.click();
          await page.waitForURL(/\/contracts\?.*stage=customer_demand/);
          await page.getByText('HT-WB-01').waitFor();
        }
        await page.close();
      }
    });

    it("the engineer's workbench on a phone (390×844): today's work with its deadline, nothing clipped", async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await signIn(page, server.url, 'gcs@e2e.cn', PASSWORD);
      const today = page.getByTestId('workbench-card-my_work.today');
      await today.waitFor();
      assert.equal(await today.getByTestId('workbench-count').innerText(), '1');
      await today.getByTestId('workbench-item-due').waitFor();
      await page.waitForLoadState('networkidle');
      await assertFits(page, 'engineer on a phone');
      if (engine === 'sqlite') await screenshot(page, 'workbench-engineer-390');
      await today.getByTestId('workbench-item').locator('a').click();
      await page.waitForURL(/\/service-requests\/\d+$/);
      await page.close();
    });
  });
}
