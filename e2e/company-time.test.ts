import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { formatWallTime } from '../contract/zoned-time';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

// The web used to format every time in a hard-coded Asia/Shanghai; a company in Urumqi time
// (UTC+6, two hours behind) saw its times two hours late.
describe("the company's time zone in Chromium", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  before(async () => {
    server = await startServer('sqlite', { FUWU_TIMEZONE: 'Asia/Urumqi' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows times in the zone the server is configured with, not the browser’s or Shanghai’s', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/London' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Something for the audit trail: a colleague created through the API.
    const created = await page.evaluate(async () => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ email: 'zone@test.local', name: '时区', roles: ['engineer'], password: 'engineer-pass-1' }),
      });
      return r.status;
    });
    assert.equal(created, 201);
    const at: string = await page.evaluate(async () => (await (await fetch('/api/audit?entity=user')).json()).items[0].at);

    await page.goto(`${server.url}/admin/audit`);
    await page.getByTestId('audit-table').getByText(formatWallTime(at, 'Asia/Urumqi')).first().waitFor();
    assert.notEqual(formatWallTime(at, 'Asia/Urumqi'), formatWallTime(at, 'Asia/Shanghai'));
    assert.equal(await page.getByText(formatWallTime(at, 'Asia/Shanghai')).count(), 0, 'no time in Shanghai’s zone');
    await page.getByText('Asia/Urumqi').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'company-time-audit-urumqi');
    assert.deepEqual(errors, []);
  });

  it('the working calendar says when its year was last changed in the company’s zone, not the browser’s', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/London' });
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/admin/calendar`);
    const year = Number(await page.getByTestId('calendar-year').getByText(/^20\d\d$/).first().innerText());
    const records: { year: number; updatedAt: string }[] = await page.evaluate(
      async () => (await (await fetch('/api/calendar/years')).json()).items,
    );
    const updatedAt = records.find((r) => r.year === year)?.updatedAt;
    assert.ok(updatedAt, `the shown year ${year} has a record`);
    await page.getByText(`最后修改：${formatWallTime(updatedAt, 'Asia/Urumqi')}`).waitFor();
    assert.notEqual(formatWallTime(updatedAt, 'Asia/Urumqi'), formatWallTime(updatedAt, 'Europe/London'));
    await page.close();
  });
});
