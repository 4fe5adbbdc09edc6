import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ZCreateEquipment } from '@contract/equipment';
import { systemActor } from '../server/src/actor';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { createEquipment } from '../server/src/modules/equipment/equipment.service';
import { startDelivery } from '../server/src/jobs/delivery';
import { type ReceivedMail, type ReceivedPost, startRobotReceiver, startSmtpReceiver } from '../server/src/testing/receivers';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
const ROBOT_SECRET = 'SEC-e2e-call-critical';

/** A single-part text e-mail's body, decoded from base64 or quoted-printable. */
function mailText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/^Content-Transfer-Encoding: base64/im.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head))
    return Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

/** Wait for what the delivery worker sends, polling with a bound (the worker runs every 100 ms). */
async function arrival<T>(list: T[], match: (x: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = list.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('phone support desk in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let robots: Awaited<ReturnType<typeof startRobotReceiver>>;
  let worker: ReturnType<typeof startDelivery>;
  before(async () => {
    smtp = await startSmtpReceiver();
    robots = await startRobotReceiver();
    server = await startServer('sqlite', { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.e2e.example' });
    // The delivery worker, started as main.ts starts it (polling often: the test waits on it).
    worker = startDelivery(server.app.deps.database.db, server.app.log, server.app.deps.config, 100);
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const robot = await admin.post('/api/notification-robots', {
      name: '技术部值班群',
      kind: 'dingtalk',
      webhookUrl: robots.url('/robot/send?access_token=e2e'),
      secret: ROBOT_SECRET,
      notificationKinds: ['call_critical'],
    });
    assert.equal(robot.status, 201, robot.text);
    const users: Record<string, number> = {};
    for (const [email, name, roles] of [
      ['jx@e2e.cn', '孙丽', ['receiver']],
      ['tm@e2e.cn', '张经理', ['tech_manager']],
      ['xs@e2e.cn', '李销售', ['sales']],
    ] as const) {
      const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
      assert.equal(r.status, 201, r.text);
      users[email] = r.body.id;
    }
    const db = server.app.deps.database.db;
    const customer = await makeCustomer(db, {
      name: '江南精密机械股份有限公司',
      contacts: [{ name: '周建华', title: '信息中心主任', phones: ['+86 139-1234-5678'], email: 'zhoujh@jnjm.example' }],
    });
    const contract = await makeContract(db, {
      number: 'HT-CALL-2026-01',
      customerId: customer.id,
      status: 'active',
      salesOwnerId: users['xs@e2e.cn'],
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      commitments: { coverage: { kind: '7x24' }, responseHours: 2, arrivalHours: 8, resolutionHours: 24 },
    });
    await createEquipment(
      db,
      systemActor('e2e'),
      ZCreateEquipment.parse({
        contractId: contract.id,
        productType: '存储',
        brand: 'Huawei',
        model: 'OceanStor 5310',
        sn: 'E2E-SN-7788',
        warrantyEnd: '2028-12-31',
      }),
      '2026-12-07',
    );
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await smtp?.close();
    await robots?.close();
  });

  it('R-CALL-1 R-CALL-2 R-CALL-3 R-CALL-5 R-EMER-3 the receiver types a known number and sees the caller matched at once; saves with the keyboard; the manager marks it critical (e-mail and DingTalk robot delivered) and converts it; the receiver sees it converted', async () => {
    const errors: string[] = [];
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    desk.on('pageerror', (e) => errors.push(e.message));
    await signIn(desk, server.url, 'jx@e2e.cn', PASSWORD);
    await desk.goto(`${server.url}/calls/new`);
    await desk.getByTestId('intake-phone').waitFor();
    // The phone field has the focus: typing goes straight in, and the caller is matched without a click.
    await desk.keyboard.type('139 1234 5678');
    await desk.getByTestId('intake-customer').waitFor();
    assert.match(await desk.getByTestId('intake-customer').innerText(), /江南精密机械股份有限公司 · 周建华/);
    await desk.getByTestId('intake-contracts').getByText('HT-CALL-2026-01').waitFor();
    await desk.locator('[data-testid="entitlement-verdict"][data-verdict="covered"]').waitFor();
    assert.equal(await desk.getByTestId('intake-caller').inputValue(), '周建华');
    assert.equal(await desk.getByTestId('intake-company').inputValue(), '江南精密机械股份有限公司');
    // Keyboard only: Tab to the next empty fields, Ctrl+Enter saves.
    await desk.getByTestId('intake-product').focus();
    await desk.keyboard.type('存储');
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('存储阵列控制器告警，生产系统读写变慢');
    await screenshot(desk, 'call-intake');
    await desk.keyboard.press('Control+Enter');
    await desk.getByTestId('intake-saved').waitFor();
    const number = (await desk.getByTestId('intake-saved').innerText()).match(/CALL-\d{4}-\d{5}/)?.[0];
    assert.ok(number, 'the saved call number is shown');

    // The technical manager: the triage queue, the call, critical, convert.
    const tm = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    tm.on('pageerror', (e) => errors.push(e.message));
    await signIn(tm, server.url, 'tm@e2e.cn', PASSWORD);
    await tm.goto(`${server.url}/calls`);
    await tm.getByRole('link', { name: number }).click();
    await tm.getByTestId('call-title').waitFor();
    await tm.getByTestId('call-severity-select').click();
    await tm.locator('.ant-select-item-option[title="严重"]').click();
    await tm.locator('[data-testid="call-severity"][data-severity="critical"]').waitFor();

    // R-CALL-5: the alarm leaves at once — an e-mail to the manager through the real SMTP server,
    // and the DingTalk robot's signed message — and each delivery is listed on the call.
    const mail = await arrival<ReceivedMail>(smtp.received, (m) => m.to.includes('tm@e2e.cn'), 'the critical-call e-mail');
    assert.match(mailText(mail.raw), new RegExp(`Critical call ${number}`));
    const post = await arrival<ReceivedPost>(robots.received, (p) => p.url.startsWith('/robot/send'), 'the DingTalk message');
    const q = new URL(post.url, 'http://robot').searchParams;
    const ts = Number(q.get('timestamp'));
    assert.equal(q.get('access_token'), 'e2e');
    assert.equal(q.get('sign'), createHmac('sha256', ROBOT_SECRET).update(`${ts}\n${ROBOT_SECRET}`).digest('base64'));
    assert.equal(post.body.msgtype, 'markdown');
    assert.match(post.body.markdown.text, new RegExp(number));
    assert.equal(robots.received.length, 1, 'the group is told once, however many people are');
    await arrival<ReceivedMail>(smtp.received, (m) => m.to.includes('xs@e2e.cn'), "the sales owner's e-mail");
    await tm.reload();
    const deliveries = tm.getByTestId('call-deliveries');
    await deliveries.getByText('技术部值班群').waitFor();
    assert.equal(await deliveries.locator('.ant-table-row').count(), 3);
    assert.equal(await deliveries.getByText('已发送').count(), 3);
    await screenshot(tm, 'call-critical-deliveries');
    await tm.getByTestId('call-action-convert').click();
    await tm.getByTestId('step-site').fill('苏州工业园区星湖街 88 号');
    await tm.locator('#step-ok').click();
    await tm.locator('[data-testid="call-state"][data-state="converted"]').first().waitFor();
    const srNumber = await tm.getByTestId('call-sr').innerText();
    assert.match(srNumber, /^SR-\d{4}-\d{5}$/);
    await screenshot(tm, 'call-detail-converted');

    // The receiver's own list: converted, with the request's number.
    await desk.goto(`${server.url}/calls`);
    const row = desk.locator(`[data-number="${number}"]`);
    await row.waitFor();
    await row.locator('[data-testid="call-state"][data-state="converted"]').waitFor();
    assert.equal(await row.getByTestId('call-sr').innerText(), srNumber);
    await screenshot(desk, 'calls-list-receiver');
    assert.deepEqual(errors, []);
  });
});
