import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

describe('foundation in Chromium', () => {
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

  it('R-ORG-1 an admin signs in, creates a user with a role, switches the language and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Chinese by default.
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    assert.ok(await page.getByText('用户与角色').first().isVisible());

    await page.getByTestId('users-new').click();
    await page.getByTestId('user-name').fill('李工程师');
    // The form checks the field with the contract's schema and words it as the server would.
    await page.getByTestId('user-email').fill('li.gcs');
    await page.getByText('请输入有效的邮箱地址').waitFor();
    await page.getByTestId('user-email').fill('li.gcs@corp.cn');
    await page.getByTestId('user-phone').fill('139 1234 5678');
    await page.getByTestId('user-department').fill('技术部');
    await page.getByTestId('user-role-engineer').check();
    await page.getByTestId('user-password').fill('engineer-pass-1');
    await page.getByTestId('user-submit').click();
    await page.getByTestId('users-table').getByText('li.gcs@corp.cn').waitFor();
    await screenshot(page, 'foundation-users-zh');

    // The server really has the user, with the role.
    const users = await server.app.inject({ method: 'GET', url: '/api/users?q=li.gcs', cookies: await cookiesOf(page) });
    assert.deepEqual(users.json().items[0].roles, ['engineer']);

    // Switch to English: the same page now speaks English, and the choice is remembered by the server.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Users & roles').first().waitFor();
    assert.equal(await page.getByText('用户与角色').count(), 0);
    await screenshot(page, 'foundation-users-en');
    await page.reload();
    await page.getByText('Users & roles').first().waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    assert.deepEqual(errors, []);

    // The new engineer signs in and sees no administration.
    await signIn(page, server.url, 'li.gcs@corp.cn', 'engineer-pass-1');
    assert.equal(await page.getByTestId('nav-users').count(), 0);
    assert.equal(await page.getByTestId('nav-audit').count(), 0);
    await page.close();
  });

  it('R-ORG-1 on the sign-in page the language picked there words the server’s messages, whatever the browser’s language', async () => {
    // A browser set to Chinese; the visitor picks English on the sign-in page.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor();
    assert.equal(await page.getByTestId('lang-switch').getAttribute('data-locale'), 'zh-CN');
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="lang-switch"][data-locale="en"]').waitFor();
    await page.getByTestId('login-email').fill('someone@corp.cn');
    await page.getByTestId('login-password').fill('x'.repeat(201));
    await page.getByTestId('login-submit').click();
    // The password's length is checked by the server only: its message comes back in English.
    await page.getByText('At most 200 characters').waitFor();
    assert.equal(await page.getByText('最多 200 个字符').count(), 0);
    await page.close();
  });

  it('R-ORG-1 the shell is usable on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal page scroll (scrollWidth ${width})`);
    await screenshot(page, 'foundation-phone');
    await page.close();
  });
});

async function cookiesOf(page: import('playwright-core').Page): Promise<Record<string, string>> {
  const all = await page.context().cookies();
  return Object.fromEntries(all.map((c) => [c.name, c.value]));
}
