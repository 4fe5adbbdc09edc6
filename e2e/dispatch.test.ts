import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

/** Today in the company's zone, as the board keys its cells. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
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
    // The week's columns are headed Monday to Sunday, in Chinese.
    const heads = await page.getByTestId('board').locator('thead th').allInnerTexts();
    assert.deepEqual(
      heads.slice(1).map((h) => h.split('\n')[0].trim()),
      ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    );
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

  it('R-PM-3 R-FLOW-1 R-EMER-9 the manager sets a backup engineer from a board card and reads it in the request history; escalations are handled on a phone', async () => {
    const errors: string[] = [];
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const backup = await admin.post('/api/users', { email: 'lgc@e2e.cn', name: '李工', roles: ['engineer'], password: PASSWORD });
    assert.equal(backup.status, 201, backup.text);
    const tm2 = await admin.post('/api/users', { email: 'tm2@e2e.cn', name: 'Manager Two', roles: ['tech_manager'], password: PASSWORD });
    assert.equal(tm2.status, 201, tm2.text);
    const tm = new Client(server.app);
    await tm.login('tm@e2e.cn', PASSWORD);
    const contract = (await tm.get(`/api/contracts/${contractId}`)).body;
    const created = await tm.post('/api/service-requests', {
      kind: 'emergency_repair',
      customerId: contract.customer.id,
      contractId,
      description: '交换机端口频繁掉线',
      responsibleEngineerId: engineerId,
      issue: true,
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id as number;
    assert.equal((await tm.post(`/api/service-requests/${id}/assign`, { engineerId, date: todayInShanghai() })).status, 200);

    // The board: the card's ⋯ menu → backup engineer.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/dispatch`);
    const cell = page.getByTestId(`board-cell-${engineerId}-${todayInShanghai()}`);
    await cell.getByTestId(`board-card-menu-${id}`).click();
    await page.getByTestId(`board-backup-${id}`).click();
    await page.getByTestId('backup-engineer').waitFor();
    await page.waitForTimeout(300); // the dialog's opening animation
    await page.getByTestId('backup-engineer').click();
    await page.keyboard.type('李工');
    await page.keyboard.press('Enter');
    await page.getByTestId('backup-save').click();
    await page.getByTestId(`board-card-${id}-backup`).waitFor();
    assert.equal(new URL(page.url()).pathname, '/dispatch', 'the menu does not follow the card’s link');
    await screenshot(page, 'dispatch-board-backup');
    const after = (await tm.get(`/api/service-requests/${id}`)).body;
    assert.equal(after.backupEngineer?.name, '李工');

    // The request's history, derived from the audit trail.
    await page.goto(`${server.url}/service-requests/${id}`);
    const history = page.getByTestId('sr-history');
    await history.getByTestId('sr-history-assignment').nth(1).waitFor();
    const text = await history.innerText();
    assert.match(text, /创建服务要求单（已下达）/);
    assert.match(text, /派工/);
    assert.match(text, /后备工程师：— → 李工/);
    assert.match(text, /张经理/);
    await screenshot(page, 'service-request-history');
    await page.close();

    // An escalation, handled by a technical manager on a phone, in English.
    const engineer = new Client(server.app);
    await engineer.login('gcs@e2e.cn', PASSWORD);
    const esc = await engineer.post(`/api/service-requests/${id}/escalations`, {
      kind: 'complaint',
      text: '客户不接受处理进度，要求今晚修复',
    });
    assert.equal(esc.status, 201, esc.text);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.on('pageerror', (e) => errors.push(e.message));
    // The user's own language setting wins once signed in.
    const manager = new Client(server.app);
    await manager.login('tm2@e2e.cn', PASSWORD);
    assert.equal((await manager.patch('/api/me/preferences', { locale: 'en' })).status, 200);
    await signIn(phone, server.url, 'tm2@e2e.cn', PASSWORD);
    await phone.goto(`${server.url}/escalations`);
    const card = phone.getByTestId(`escalation-card-${esc.body.id}`);
    await card.waitFor();
    const ack = card.getByTestId(`escalation-ack-${esc.body.id}`);
    const box = await ack.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the action is on screen (${JSON.stringify(box)})`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal page scroll (scrollWidth ${width})`);
    await screenshot(phone, 'escalations-phone');
    await ack.click();
    await card.getByText('Acknowledged').waitFor();
    await card.getByTestId(`escalation-close-${esc.body.id}`).click();
    await phone.getByTestId('escalation-measure').fill('Spare parts kept in the customer’s city');
    await phone.getByTestId('escalation-close-submit').click();
    await card.getByText('Closed').first().waitFor();
    assert.equal((await tm.get(`/api/escalations/${esc.body.id}`)).body.state, 'closed');
    assert.deepEqual(errors, []);
    await phone.close();
  });
});
