import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.factory';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

/** Today in the company's zone, as the board keys its cells. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

describe('dispatch in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let contractId: number;
  let engineerId: number;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const manager = await admin.post('/api/users', { email: 'tm@e2e.cn', name: '张经理', roles: ['tech_manager'], password: PASSWORD });
    assert.equal(manager.status, 201, manager.text);
    const engineer = await admin.post('/api/users', { email: 'gcs@e2e.cn', name: '陈工', roles: ['engineer'], password: PASSWORD });
    engineerId = engineer.body.id;
    const contract = await makeContract(server.app.deps.database.db, {
      number: 'HT-DISPATCH-01',
      serviceKinds: ['onsite_maintenance'],
      startDate: '2026-01-01',
      endDate: '2028-12-31',
    });
    contractId = contract.id;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R-FLOW-1 R-ORG-3 the manager issues a request from a contract and drags it onto an engineer; the engineer accepts it on a phone', async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/contracts/${contractId}`);
    await page.getByTestId('contract-new-sr').click();
    await page.getByTestId('sr-form').waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation
    await page.getByTestId('sr-description').fill('存储控制器告警，需要现场检查');
    await page.getByTestId('sr-engineer').click();
    await page.keyboard.type('陈工');
    await page.keyboard.press('Enter');
    await page.getByTestId('sr-issue-now').check();
    await page.getByTestId('sr-submit').click();
    await page.getByTestId('sr-state').waitFor();
    assert.match(await page.getByTestId('sr-state').innerText(), /已下达/);
    const requestId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.ok(requestId > 0, page.url());

    // The board: drag the card onto the engineer's cell for today.
    await page.goto(`${server.url}/dispatch`);
    await page.getByTestId('board').waitFor();
    const card = page.getByTestId(`board-card-${requestId}`).first();
    const cell = page.getByTestId(`board-cell-${engineerId}-${todayInShanghai()}`);
    await card.waitFor();
    await card.dragTo(cell);
    await cell.getByTestId(`board-card-${requestId}`).waitFor();
    await screenshot(page, 'dispatch-board');
    const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c.value]));
    const assigned = (await server.app.inject({ method: 'GET', url: `/api/service-requests/${requestId}`, cookies })).json();
    assert.equal(assigned.responsibleEngineer?.id ?? assigned.responsibleEngineerId, engineerId);
    await page.close();

    // The engineer, on a phone.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.on('pageerror', (e) => errors.push(e.message));
    await signIn(phone, server.url, 'gcs@e2e.cn', PASSWORD);
    await phone.goto(`${server.url}/my-work`);
    const myCard = phone.getByTestId(`my-work-card-${requestId}`);
    await myCard.waitFor();
    await myCard.getByTestId('action-accept').click();
    await myCard.getByText('已接单').first().waitFor();
    await screenshot(phone, 'dispatch-my-work-phone');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal page scroll (scrollWidth ${width})`);
    const accepted = (await server.app.inject({ method: 'GET', url: `/api/service-requests/${requestId}`, cookies })).json();
    assert.equal(accepted.state, 'accepted');
    assert.deepEqual(errors, []);
    await phone.close();
  });
});
