import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ical from 'node-ical';
import type { Browser } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { startDelivery } from '../server/src/jobs/delivery';
import { holdsText, pdfText } from '../server/src/pdf/pdf-tools.fixtures';
import { startSmtpReceiver } from '../server/src/testing/receivers';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ARTIFACTS, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
const PUBLIC_URL = 'https://fuwu.e2e.example';

/** The parts of a multipart e-mail, decoded. */
function mimeParts(raw: string): { type: string; body: Buffer }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const at = part.indexOf('\r\n\r\n');
      const head = part.slice(0, at);
      const text = part.slice(at + 4);
      const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.toLowerCase() ?? '';
      const base64 = /content-transfer-encoding:\s*base64/i.test(head);
      return { type, body: base64 ? Buffer.from(text.replace(/\s+/g, ''), 'base64') : Buffer.from(text) };
    });
}

async function arrival<T>(list: T[], match: (x: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = list.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('customer training in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: ReturnType<typeof startDelivery>;
  let planId: number;
  let sessionId: number;
  let customerId: number;
  const users: Record<string, number> = {};

  before(async () => {
    smtp = await startSmtpReceiver();
    server = await startServer('sqlite', { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: PUBLIC_URL });
    worker = startDelivery(server.app.deps.database.db, server.app.log, server.app.deps.config, 100);
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const company = await admin.patch('/api/company-profile', { version: 0, name: '华信技术服务有限公司' });
    assert.equal(company.status, 200, company.text);
    for (const [email, name, roles] of [
      ['tm@e2e.cn', '张经理', ['tech_manager']],
      ['px@e2e.cn', '王培训', ['engineer']],
    ] as const) {
      const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
      assert.equal(r.status, 201, r.text);
      users[email] = r.body.id;
    }
    const db = server.app.deps.database.db;
    const customer = await makeCustomer(db, { name: '江南精密机械股份有限公司' });
    customerId = customer.id;
    const contract = await makeContract(db, {
      status: 'active',
      customerId: customer.id,
      commitments: { trainingDays: 2, trainingAttendees: 15 },
    });
    const tm = new Client(server.app);
    await tm.login('tm@e2e.cn', PASSWORD);
    const plan = await tm.post('/api/training-plans', {
      contractId: contract.id,
      title: '数控系统运维培训',
      contactName: '周建华',
      contactEmail: 'zhoujh@jnjm.example',
      sessions: [
        {
          course: '数控系统日常维护',
          date: '2026-12-15',
          startTime: '09:30',
          hours: 3,
          place: '客户二号楼培训室',
          trainerId: users['px@e2e.cn'],
          expectedAttendees: 12,
        },
        {
          course: '故障诊断与备件更换',
          date: '2026-12-16',
          startTime: '14:00',
          hours: 3,
          place: '客户车间',
          trainerId: users['px@e2e.cn'],
          expectedAttendees: 8,
        },
      ],
    });
    assert.equal(plan.status, 201, plan.text);
    planId = plan.body.id;
    sessionId = plan.body.sessions[0].id;
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await smtp?.close();
  });

  it('R-TRAIN-1 the manager sends the plan: the customer gets the PDF and a valid .ics', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/trainings?tab=plans`);
    await page.getByTestId('trainings-plans').getByText('数控系统运维培训').waitFor();
    await page.getByTestId('nav-trainings').waitFor();
    await screenshot(page, 'trainings-plans-1440');
    // The plan form: a session with nobody to train is refused with words, before anything is sent.
    await page.getByTestId('trainings-new-plan').click();
    await page.getByTestId('training-plan-form').waitFor();
    await page.getByTestId('training-session-0-course').fill('数控系统日常维护');
    await page.getByTestId('training-session-0-attendees').fill('0');
    await page.getByTestId('training-plan-submit').click();
    await page.getByTestId('training-plan-form').getByText('不能小于 1').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'training-plan-form-1440.png') });
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/trainings/plans/${planId}`);
    await page.getByTestId('training-plan-sessions').getByText('数控系统日常维护').waitFor();
    await page.getByTestId('training-plan-send').click();
    // The send's answer, awaited by itself: a refusal then fails here with its status and body,
    // not as the page still saying "not sent" 30 s later.
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/training-plans/${planId}/send`));
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    const sent = await answer;
    assert.equal(sent.status(), 200, await sent.text());
    // Sent: the plan shows when (the toast may be gone already on a busy machine).
    await page.getByTestId('training-plan-page').getByText('尚未发送').waitFor({ state: 'detached' });
    const mail = await arrival(smtp.received, (m) => m.to.includes('zhoujh@jnjm.example'), 'the plan e-mail');
    const parts = mimeParts(mail.raw);
    const pdf = parts.find((p) => p.type === 'application/pdf');
    const ics = parts.find((p) => p.type === 'text/calendar');
    assert.ok(pdf && ics, parts.map((p) => p.type).join(', '));
    assert.ok(holdsText(await pdfText(pdf.body), '数控系统日常维护'));
    const events = Object.values(ical.sync.parseICS(ics.body.toString('utf8'))).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
    assert.deepEqual(events.map((e) => new Date(e.start).toISOString()).sort(), ['2026-12-15T01:30:00.000Z', '2026-12-16T06:00:00.000Z']);
    await page.getByTestId('training-plan-page').getByText('江南精密机械股份有限公司').waitFor();
    await screenshot(page, 'training-plan-1440');
    await page.context().close();
  });

  it('R-TRAIN-2 R-TRAIN-3 the trainer confirms, signs attendees in, shows the feedback QR code; an attendee answers on his phone without signing in; certificates carry his Chinese name', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, server.url, 'px@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/trainings/sessions/${sessionId}`);
    await page.getByTestId('training-confirm-attendees').fill('10');
    await page.getByTestId('training-confirm-submit').click();
    await page.getByTestId('training-session-page').getByText('已确认').first().waitFor();

    // Tablet sign-in: name, department, contact and a drawn signature.
    await page.getByTestId('training-attendee-name').fill('欧阳建国');
    await page.getByTestId('training-attendee-company').fill('江南精密 / 设备部');
    await page.getByTestId('training-attendee-contact').fill('139 1234 5678');
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    // Drawn once the pad listens at its final size (ui/signature-pad.tsx), not into a canvas still being fitted.
    await page.locator('[data-testid="signature-pad"][data-ready="true"]').waitFor();
    const box = await pad.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + 30, box.y + 100);
    await page.mouse.down();
    for (const [dx, dy] of [
      [80, -50],
      [140, 30],
      [220, -40],
      [300, 20],
    ])
      await page.mouse.move(box.x + dx, box.y + 100 + dy, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('training-attendee-submit').click();
    await page.getByTestId('training-attendees').getByText('欧阳建国').waitFor();

    await page.getByTestId('training-feedback-qr').click();
    const link = page.getByTestId('training-feedback-url');
    await link.waitFor();
    const url = (await link.textContent()) ?? '';
    assert.ok(url.startsWith(`${PUBLIC_URL}/feedback/`), url);
    // The code as the room sees it: the viewport, not the whole page.
    await page.screenshot({ path: path.join(ARTIFACTS, 'training-session-qr-1440.png') });
    await page.keyboard.press('Escape');

    // The attendee's phone: no session, only the link.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(url.replace(PUBLIC_URL, server.url));
    await phone.getByTestId('feedback-course').getByText('数控系统日常维护').waitFor();
    const stars = { content: 5, trainer: 5, materials: 4, organisation: 4, usefulness: 5 };
    for (const [k, n] of Object.entries(stars))
      await phone
        .getByTestId(`feedback-rate-${k}`)
        .locator('li')
        .nth(n - 1)
        .click();
    await phone.getByTestId('feedback-comments').fill('讲解清楚，实操很有帮助');
    await screenshot(phone, 'training-feedback-phone-390');
    await phone.getByTestId('feedback-submit').click();
    await phone.getByTestId('feedback-thanks').waitFor();
    await screenshot(phone, 'training-feedback-phone-thanks-390');
    // The same phone again: one answer per device.
    await phone.reload();
    await phone.getByText('本设备已提交过本场培训的反馈').waitFor();

    await page.reload();
    await page.getByTestId('training-feedback-list').getByText('讲解清楚，实操很有帮助').waitFor();
    await page.getByTestId('training-issue-certificates').click();
    const certLink = page.getByTestId('training-attendees').getByText(/^TC-\d{4}-\d{5}$/);
    await certLink.waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'training-session-1440');
    const attendee = (await (await page.request.get(`${server.url}/api/training-sessions/${sessionId}`)).json()).attendees[0];
    const pdf = await page.request.get(`${server.url}/api/training-sessions/${sessionId}/certificate.pdf?attendeeId=${attendee.id}`);
    assert.equal(pdf.status(), 200);
    const certificate = Buffer.from(await pdf.body());
    fs.writeFileSync(path.join(ARTIFACTS, 'training-certificate.pdf'), certificate);
    const text = await pdfText(certificate);
    assert.ok(holdsText(text, '欧阳建国'), text);
    assert.ok(holdsText(text, attendee.certificateNumber), text);

    // The certificate's QR link, verified on the phone.
    const code = /\/certificates\/([A-Za-z0-9_-]+)/.exec(text.replace(/\s+/g, ''))?.[1];
    assert.ok(code);
    await phone.goto(`${server.url}/certificates/${code}`);
    await phone.getByTestId('certificate-verify-page').getByText('欧阳建国').waitFor();
    await phone.getByTestId('certificate-verify-page').getByText('华信技术服务有限公司').waitFor();
    await screenshot(phone, 'training-certificate-verify-390');

    await page.goto(`${server.url}/trainings?tab=scores&by=trainer`);
    await page.getByTestId('trainings-scores').getByText('王培训').waitFor();
    await page.getByTestId('nav-trainings').waitFor();
    await screenshot(page, 'training-scores-1440');
    await ctx.close();
  });
  it("R-INST-11 the trainer chooses the feedback link's validity, writes the debrief of the held session; the technical manager reads it and sends the plan to the contact he picks", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, server.url, 'px@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/trainings/sessions/${sessionId}`);
    await page.getByTestId('training-feedback-hours').click();
    await page.locator('.ant-select-item-option').getByText('有效 1 天').click();
    const asked = Date.now();
    await page.getByTestId('training-feedback-qr').click();
    await page.getByTestId('training-feedback-url').waitFor();
    await page.keyboard.press('Escape');
    const expiry = (await (await page.request.get(`${server.url}/api/training-sessions/${sessionId}`)).json()).feedbackLinkExpiresAt;
    assert.ok(Math.abs(Date.parse(expiry) - asked - 24 * 3_600_000) < 120_000, expiry);

    const debrief = page.getByTestId('training-debrief');
    await debrief.scrollIntoViewIfNeeded();
    await page.getByTestId('debrief-howItWent').fill('十位学员到场，数控系统演示顺利');
    await page.getByTestId('debrief-lessons').fill('车间噪声大，下次带扩音设备');
    await page.getByTestId('debrief-customerSituation').fill('客户明年新增两条产线，需要追加培训');
    await page.getByTestId('debrief-submit').click();
    await debrief.getByTestId('debrief-details').getByText('车间噪声大，下次带扩音设备').waitFor();
    await screenshot(page, 'training-debrief-1440');
    await ctx.close();

    const tmCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const tm = await tmCtx.newPage();
    await signIn(tm, server.url, 'tm@e2e.cn', PASSWORD);
    await tm.goto(`${server.url}/trainings/sessions/${sessionId}`);
    await tm.getByTestId('training-debrief').getByText('客户明年新增两条产线，需要追加培训').waitFor();
    await tm.goto(`${server.url}/debriefs`);
    await tm
      .getByTestId('debriefs-page')
      .getByText(/数控系统日常维护/)
      .waitFor();
    await screenshot(tm, 'debriefs-week-training-1440');

    const admin = new Client(server.app);
    await admin.login('tm@e2e.cn', PASSWORD);
    const contact = await admin.post(`/api/customers/${customerId}/contacts`, { name: '刘工程师', email: 'liugc@jnjm.example' });
    assert.equal(contact.status, 201, contact.text);
    await tm.goto(`${server.url}/trainings/plans/${planId}`);
    await tm.getByTestId('training-plan-send').click();
    await tm.getByTestId('training-plan-send-contact').click();
    await tm.locator('.ant-select-item-option').getByText('刘工程师 <liugc@jnjm.example>').click();
    await screenshot(tm, 'training-plan-send-contact-1440');
    await tm
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await arrival(smtp.received, (m) => m.to.includes('liugc@jnjm.example'), 'the plan e-mail to the chosen contact');
    await tmCtx.close();
  });
});
