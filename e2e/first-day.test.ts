import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { transact } from '../server/src/db/transaction';
import { revokeSessions } from '../server/src/modules/auth/auth.service';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

describe('the first day in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R-ORG-1 opening the sign-in page makes no failed request; a session lost later is still explained there', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(failed, []);

    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // The menu loads after the frame: wait until it is there and the home page has asked its questions.
    await page.getByTestId('nav-customers').waitFor();
    await page.waitForLoadState('networkidle');
    // The session ends on the server (revoked elsewhere, as an administrator's password reset does);
    // the next call answers 401.
    const db = server.app.deps.database.db;
    const admin = await db.selectFrom('app_user').select('id').where('email', '=', ADMIN_EMAIL).executeTakeFirstOrThrow();
    await transact(db, (trx) => revokeSessions(trx, admin.id));
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('login-session-ended').waitFor();
    await page.close();
  });

  it('customers are listed in pinyin order, and the form names a near-duplicate as the name is typed (1440×900)', async () => {
    const db = server.app.deps.database.db;
    for (const name of ['上海浦江证券股份有限公司', '中联通达通信江苏分公司', '云帆数据科技有限公司', '北京中金汇通银行股份有限公司']) {
      await makeCustomer(db, { name });
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByTestId('nav-customers').click();
    const table = page.getByTestId('customers-table');
    await table.getByText('北京中金汇通银行股份有限公司').waitFor();
    const names = await table.locator('[data-testid^="customer-link-"]').allTextContents();
    assert.deepEqual(names, ['北京中金汇通银行股份有限公司', '上海浦江证券股份有限公司', '云帆数据科技有限公司', '中联通达通信江苏分公司']);
    await screenshot(page, 'first-day-customers-pinyin');

    await page.getByTestId('customers-new').click();
    await page.getByTestId('customer-name').fill('北京 中金汇通银行');
    const warning = page.getByTestId('customer-similar-warning');
    await warning.getByText('北京中金汇通银行股份有限公司').waitFor();
    assert.equal(await page.getByTestId('customer-duplicate-warning').count(), 0);
    await screenshot(page, 'first-day-customer-near-duplicate');
    await page.close();
  });

  it('the calendar page: the switch says it means published, and days are antd date pickers (no native mm/dd/yyyy input)', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/admin/calendar`);
    await page.getByTestId('calendar-page').waitFor();
    await page.getByTestId('calendar-year').getByText('2026').waitFor();
    // 2026 is seeded as published: the switch is on, beside words saying so, with no "not yet published" note.
    const toggle = page.getByTestId('calendar-provisional');
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await page.getByText('国务院办公厅已公布本年安排').waitFor();
    assert.equal(await page.getByText('尚未公布本年安排').count(), 0);
    assert.equal(await page.locator('input[type="date"]').count(), 0);
    assert.equal(await page.locator('.ant-picker input').first().inputValue(), '2026-01-01');
    await toggle.click();
    await page.getByText('尚未公布本年安排', { exact: false }).waitFor();
    await screenshot(page, 'first-day-calendar');
    await page.close();
  });
});
