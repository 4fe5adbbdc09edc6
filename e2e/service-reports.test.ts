import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDelivery } from '../server/src/jobs/delivery';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { holidaysBeforeNextWorkday, pdfAttachmentOf } from '../server/src/modules/service-reports/service-reports.fixtures';
import { makeServiceRequest } from '../server/src/modules/service-requests/service-requests.fixtures';
import { closeFormPrinter } from '../server/src/pdf/form-pdf';
import { holdsText, pdfText } from '../server/src/pdf/pdf-tools.fixtures';
import { startSmtpReceiver } from '../server/src/testing/receivers';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
const TZ = 'Asia/Shanghai';
const CUSTOMER = '江南精密机械股份有限公司';
const MAIL_TO = 'zhoujh@jnjm-report.example';

describe('customer service report on a phone in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: ReturnType<typeof startDelivery>;
  let engineer: Client;
  let requestId: number;
  let visitId: number;
  let due: { dueOn: string; latestOn: string };

  before(async () => {
    smtp = await startSmtpReceiver();
    server = await startServer('sqlite', { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.e2e.example', FUWU_TIMEZONE: TZ });
    worker = startDelivery(server.app.deps.database.db, server.app.log, server.app.deps.config, 100);
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const ids: Record<string, number> = {};
    for (const [email, name, roles] of [
      ['gcs@e2e.cn', '王工程师', ['engineer']],
      ['tm@e2e.cn', '张经理', ['tech_manager']],
    ] as const) {
      const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
      assert.equal(r.status, 201, r.text);
      ids[email] = r.body.id;
    }
    const tm = new Client(server.app);
    await tm.login('tm@e2e.cn', PASSWORD);
    engineer = new Client(server.app);
    await engineer.login('gcs@e2e.cn', PASSWORD);
    const db = server.app.deps.database.db;
    const customer = await makeCustomer(db, {
      name: CUSTOMER,
      contacts: [{ name: '周建华', title: '信息中心主任', phones: ['+86 139-1234-5678'], email: MAIL_TO }],
    });
    const contract = await makeContract(db, { customerId: customer.id, status: 'active', serviceKinds: ['routine_inspection'] });
    const sr = await makeServiceRequest(
      tm,
      { customerId: customer.id, contractId: contract.id },
      {
        kind: 'preventive_maintenance',
        contactName: '周建华',
        description: '季度例行检查：机房环境与存储日志',
        responsibleEngineerId: ids['gcs@e2e.cn'],
        issue: true,
      },
    );
    requestId = sr.id;
    // The day's visit, through the visits API: accepted and scheduled, checked in (arrival checklist), checked out.
    for (const action of ['accept', 'schedule']) {
      const r = await engineer.post(`/api/service-requests/${requestId}/${action}`, {});
      assert.equal(r.status, 200, `${action}: ${r.text}`);
    }
    const visit = await engineer.post(`/api/service-requests/${requestId}/visits`, {});
    assert.equal(visit.status, 201, visit.text);
    visitId = visit.body.id;
    const arrival = (await engineer.get(`/api/visits/${visitId}/briefing`)).body.arrivalChecklist;
    const answers = Object.fromEntries(
      (arrival.items as { key: string; type: string }[]).filter((i) => i.type === 'yes_no').map((i) => [i.key, true]),
    );
    const checkedIn = await engineer.post(`/api/visits/${visitId}/check-in`, {
      version: visit.body.version,
      checklist: { templateId: arrival.templateId, versionNo: arrival.versionNo, answers },
    });
    assert.equal(checkedIn.status, 200, checkedIn.text);
    const checkedOut = await engineer.post(`/api/visits/${visitId}/check-out`, {
      version: checkedIn.body.version,
      workDone: '清洁风扇滤网，检查存储日志',
    });
    assert.equal(checkedOut.status, 200, checkedOut.text);
    assert.equal((await engineer.get(`/api/service-requests/${requestId}`)).body.state, 'on_site');
    due = await holidaysBeforeNextWorkday(admin, TZ);
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await smtp?.close();
    await closeFormPrinter();
  });

  it('R-PM-6 R-PM-7 R-INST-6 R-INST-10 the engineer fills the PM checklist with an out-of-range temperature, the customer signs with the mouse, the PDF arrives by e-mail, the follow-up is due on the next working day after a weekend and a holiday', async () => {
    const errors: string[] = [];
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    phone.on('pageerror', (e) => errors.push(e.message));
    await signIn(phone, server.url, 'gcs@e2e.cn', PASSWORD);
    await phone.goto(`${server.url}/service-reports?visitId=${visitId}`);
    await phone.getByTestId('report-page').waitFor();
    await phone.getByTestId('report-checklist').waitFor();

    const numberOf = (key: string) => phone.getByTestId(`check-${key}`).locator('input');
    await numberOf('room_temperature').fill('31.5');
    await numberOf('room_humidity').fill('45');
    await numberOf('supply_voltage').fill('220');
    await phone.getByTestId('check-room_humidity').click();
    // Flagged at once, before anything is saved.
    await phone.getByTestId('check-room_temperature').getByText('超出范围').waitFor();
    for (const key of [
      'placement_ok',
      'power_connections_ok',
      'signal_connections_ok',
      'vents_cleaned',
      'dust_cleaned',
      'logs_reviewed',
      'tools_parts_back',
    ])
      await phone.getByTestId(`check-${key}`).getByText('是', { exact: true }).click();
    for (const [key, option] of [
      ['system_messages', '无异常'],
      ['software_tests', '通过'],
    ]) {
      await phone.getByTestId(`check-${key}`).locator('.ant-select').click();
      await phone.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    }
    await phone.getByTestId('report-faultFound').fill('机房温度偏高，空调回风不足');
    await phone.getByTestId('report-result').getByText('已解决').click();

    // The customer signs with the mouse on the engineer's phone.
    await phone.getByTestId('sign-customer-name').fill('周建华');
    const pad = phone.getByTestId('sign-customer-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    assert.ok(box, 'the signature pad is on screen');
    await phone.mouse.move(box.x + 30, box.y + box.height / 2);
    await phone.mouse.down();
    for (let i = 1; i <= 20; i++) await phone.mouse.move(box.x + 30 + i * 14, box.y + box.height / 2 + Math.sin(i / 2) * 30, { steps: 2 });
    await phone.mouse.up();
    await phone.getByTestId('report-sign').click();
    await phone.getByTestId('report-state').getByText('已签字').waitFor({ timeout: 30_000 });
    await phone.getByTestId('report-out-of-range').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal page scroll (scrollWidth ${width})`);
    await screenshot(phone, 'service-report-signed-390');

    // The PDF reaches the customer contact through the outbox and a real SMTP server.
    const until = Date.now() + 30_000;
    let mail = smtp.received.find((m) => m.to.includes(MAIL_TO));
    while (!mail && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      mail = smtp.received.find((m) => m.to.includes(MAIL_TO));
    }
    assert.ok(mail, 'the report e-mail arrived');
    const pdf = pdfAttachmentOf(mail.raw);
    assert.ok(pdf, 'with the PDF attached');
    const text = await pdfText(pdf.bytes);
    for (const s of [CUSTOMER, '机房温度偏高，空调回风不足', '周建华', '超出范围']) assert.ok(holdsText(text, s), `${s} in:\n${text}`);

    // The follow-up: due on the next working day, after the weekend and the holiday.
    const followUps = await engineer.get('/api/follow-ups?mine=true&state=open');
    const f = (followUps.body.items as { serviceRequest: { id: number }; dueOn: string }[]).find((x) => x.serviceRequest.id === requestId);
    assert.equal(f?.dueOn, due.dueOn);
    assert.equal((await engineer.get(`/api/service-requests/${requestId}`)).body.state, 'follow_up');
    await phone.goto(`${server.url}/follow-ups?mine=true&state=open`);
    await phone.getByTestId(`follow-up-due-${requestId}`).getByText(due.dueOn).waitFor();
    await screenshot(phone, 'follow-ups-390');
    assert.deepEqual(errors, []);
  });

  it('R-INST-6 the signed report is frozen on the page; the desktop view of the reports lists it', async () => {
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(desk, server.url, 'tm@e2e.cn', PASSWORD);
    await desk.goto(`${server.url}/service-reports`);
    await desk.getByTestId('reports-page').getByText(CUSTOMER).first().waitFor();
    await screenshot(desk, 'service-reports-1440');
    await desk.getByTestId('reports-page').locator('a', { hasText: /^CSR-/ }).first().click();
    await desk.getByTestId('report-verify').click();
    await desk.getByText('校验通过').waitFor();
    assert.equal(await desk.getByTestId('report-sign').count(), 0, 'no signing on a signed report');
    await screenshot(desk, 'service-report-1440');
    await desk.goto(`${server.url}/follow-ups`);
    await desk.getByTestId(`follow-up-due-${requestId}`).waitFor();
    await screenshot(desk, 'follow-ups-1440');
    await desk.goto(`${server.url}/debriefs`);
    await desk.getByTestId('debriefs-page').waitFor();
    await screenshot(desk, 'debriefs-1440');
  });
});
