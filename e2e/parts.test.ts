import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

describe('spare parts in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let manager: Client;
  before(async () => {
    server = await startServer('sqlite');
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [email, name, roles] of [
      ['gcs@e2e.cn', '陈工程师', ['engineer']],
      ['jl@e2e.cn', '张经理', ['tech_manager']],
    ] as const)
      assert.equal((await admin.post('/api/users', { email, name, roles, password: PASSWORD })).status, 201);
    await makeCustomer(server.app.deps.database.db, { name: '江南精密机械股份有限公司' });
    manager = new Client(server.app);
    await manager.login('jl@e2e.cn', PASSWORD);
    const part = await manager.post('/api/parts', { pn: '02312AAA', description: '600GB SAS 硬盘', vendor: '华为', tracking: 'count' });
    assert.equal(part.status, 201, part.text);
    const store = (await manager.get('/api/stock-locations')).body.items.find((l: { kind: string }) => l.kind === 'store');
    const receipt = await manager.post('/api/stock-movements', {
      partId: part.body.id,
      quantity: 1,
      fromLocationId: null,
      toLocationId: store.id,
      reason: '采购入库',
      inspection: { result: 'pass' },
    });
    assert.equal(receipt.status, 201, receipt.text);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R-EMER-4 on a phone an engineer takes the last spare in an emergency; the loan shows paperwork pending and the technical manager is notified', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 500) failed.push(`${r.status()} ${r.url()}`);
    });
    await signIn(page, server.url, 'gcs@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/parts`);
    await page.getByTestId('parts-borrow').click();
    await page.getByTestId('parts-borrow-form').waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation
    await page.getByTestId('parts-borrow-part').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '02312AAA' }).first().click();
    await page.getByTestId('parts-borrow-customer').click();
    await page.keyboard.type('江南精密');
    await page.keyboard.press('Enter');
    await page.getByTestId('parts-borrow-emergency').check();
    await page.waitForTimeout(300); // the customer list closing
    await screenshot(page, 'parts-emergency-loan-form-390');
    await page.getByTestId('parts-borrow-submit').click();
    await page.getByTestId('parts-borrow-form').waitFor({ state: 'hidden' });
    // On a phone each loan is a card.
    const row = page.getByTestId(/parts-loan-card-/).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /紧急/);
    assert.match(text, /待补手续/);
    await screenshot(page, 'parts-emergency-loan-390');
    assert.deepEqual(failed, []);
    await context.close();

    const notes = (await manager.get('/api/notifications?pageSize=50')).body.items as { kind: string; titleZh: string }[];
    const notice = notes.find((n) => n.kind === 'part_loan_emergency');
    assert.ok(notice, JSON.stringify(notes));
    assert.match(notice.titleZh, /陈工程师 已取走 02312AAA/);
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const mpage = await desk.newPage();
    await signIn(mpage, server.url, 'jl@e2e.cn', PASSWORD);
    await mpage.goto(`${server.url}/notifications`);
    await mpage
      .getByText(/紧急借用备件 PL-/)
      .first()
      .waitFor();
    await screenshot(mpage, 'parts-manager-notified-1440');
    await mpage.goto(`${server.url}/parts`);
    await mpage
      .getByTestId(/parts-approve-/)
      .first()
      .click();
    await mpage
      .getByText(/已审批/)
      .first()
      .waitFor();
    await screenshot(mpage, 'parts-loans-1440');
    await desk.close();
  });
});
