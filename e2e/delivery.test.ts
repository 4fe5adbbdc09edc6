import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { transact } from '../server/src/db/transaction';
import { notify } from '../server/src/modules/notifications/notifications.service';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

describe('delivery channels in Chromium', () => {
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

  it('an administrator adds a DingTalk robot (the secret is never shown again) and sends a dead message again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/admin/notification-channels`);
    await page.getByTestId('robots-new').click();
    await page.getByTestId('robot-name').fill('运维值班群');
    await page.getByTestId('robot-webhook').fill('ftp://oapi.dingtalk.com/robot/send');
    await page.getByText('须为 http:// 或 https:// 开头的网址').waitFor();
    await page.getByTestId('robot-webhook').fill('https://oapi.dingtalk.com/robot/send?access_token=abc');
    await page.getByTestId('robot-secret').fill('SEC-e2e-very-secret');
    await page.getByTestId('robot-kinds').getByText('上报').click();
    await page.getByTestId('robot-submit').click();
    await page.getByTestId('robots-table').getByText('运维值班群').waitFor();
    assert.ok(await page.getByTestId('robots-table').getByText('已设置').isVisible());
    assert.equal((await page.content()).includes('SEC-e2e-very-secret'), false);

    // A message the robot refused until it was given up on.
    const db = server.app.deps.database.db;
    const admin = await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    await transact(db, (trx) =>
      notify(trx, [
        { userId: Number(admin.id), kind: 'escalation', titleZh: '上报：机房断电', titleEn: 'Escalation: power cut', dedupeKey: 'e2e:1' },
      ]),
    );
    await sql`update delivery_outbox set state = 'dead', attempts = 8, last_error = 'robot answered {"errcode":310000}'`.execute(db);
    await page.reload();
    await page.getByTestId('delivery-outbox').getByText('上报：机房断电', { exact: false }).waitFor();
    await screenshot(page, 'delivery-channels-zh');
    const row = await sql<{ id: number }>`select id from delivery_outbox`.execute(db);
    await page.getByTestId(`delivery-retry-${row.rows[0].id}`).click();
    await page.getByText('已重新排队发送').waitFor();
    const after = await sql<{ state: string }>`select state from delivery_outbox`.execute(db);
    assert.equal(after.rows[0].state, 'pending');

    // Each user's own channels: without an SMTP server, e-mail is shown as unavailable.
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notification-preferences').getByText('系统未配置邮件服务器').waitFor();
    assert.deepEqual(errors, []);
  });
});
