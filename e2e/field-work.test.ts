import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { formatWallTime } from '../contract/zoned-time';
import { startDelivery } from '../server/src/jobs/delivery';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { SAMPLE_PNG } from '../server/src/modules/files/files.fixtures';
import { holidaysBeforeNextWorkday, pdfAttachmentOf } from '../server/src/modules/service-reports/service-reports.fixtures';
import { closeFormPrinter } from '../server/src/pdf/form-pdf';
import { holdsText, pdfText } from '../server/src/pdf/pdf-tools.fixtures';
import { startSmtpReceiver } from '../server/src/testing/receivers';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
const TZ = 'Asia/Shanghai';
const CUSTOMER = '江南精密机械股份有限公司';
const MAIL_TO = 'zhoujh@jnjm-report.example';
const ENGINEER = 'gcs@e2e.cn';
const MANAGER = 'tm@e2e.cn';

/** The page fits the phone's width: nothing scrolls sideways. */
async function assertNoSideScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

/** Nothing on the page is cut off at the right edge of the screen. */
async function assertNothingClipped(page: Page, where: string) {
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="visit-page"] *')]
      .filter((e) => e.children.length === 0 && (e.textContent ?? '').trim() !== '')
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > window.innerWidth + 1;
      })
      .map((e) => (e.textContent ?? '').trim().slice(0, 30)),
  );
  assert.deepEqual(clipped, [], `${where}: text past the right edge`);
}

/**
 * The whole field-work flow on a phone: the engineer opens today's PM request, sets off (the time
 * corrected), checks in with the arrival checklist and a photo, works, checks out; fills the PM
 * checklist with an out-of-range temperature and a photo; the customer signs with the mouse; the
 * PDF reaches a real SMTP server; the follow-up is due on the next working day after a weekend and
 * a public holiday (the company calendar made so: every weekday from tomorrow to the Monday after
 * the coming weekend is a holiday).
 */
describe('field work on a 390×844 phone in zh-CN, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: ReturnType<typeof startDelivery>;
  let engineer: Client;
  let requestId: number;
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
      [ENGINEER, '王工程师', ['engineer']],
      [MANAGER, '张经理', ['tech_manager']],
    ] as const) {
      const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
      assert.equal(r.status, 201, r.text);
      ids[email] = r.body.id;
    }
    const tm = new Client(server.app);
    await tm.login(MANAGER, PASSWORD);
    engineer = new Client(server.app);
    await engineer.login(ENGINEER, PASSWORD);
    const db = server.app.deps.database.db;
    const customer = await makeCustomer(db, {
      name: CUSTOMER,
      contacts: [{ name: '周建华', title: '信息中心主任', phones: ['+86 139-1234-5678'], email: MAIL_TO }],
    });
    const contract = await makeContract(db, { customerId: customer.id, status: 'active', serviceKinds: ['routine_inspection'] });
    const unit = await tm.post('/api/equipment', {
      contractId: contract.id,
      productType: '存储',
      brand: '华为',
      model: 'OceanStor 5300',
      sn: 'SN-E2E-0001',
      warrantyEnd: '2099-12-31',
    });
    assert.equal(unit.status, 201, unit.text);
    // Today's PM request, issued to the engineer, accepted and scheduled.
    const sr = await tm.post('/api/service-requests', {
      kind: 'preventive_maintenance',
      customerId: customer.id,
      contractId: contract.id,
      contactName: '周建华',
      contactPhone: '+86 139-1234-5678',
      siteAddress: '苏州工业园区星湖街 328 号',
      description: '季度例行检查：机房环境与存储日志',
      responsibleEngineerId: ids[ENGINEER],
      plannedStart: new Date().toISOString(),
      issue: true,
    });
    assert.equal(sr.status, 201, sr.text);
    requestId = sr.body.id;
    for (const action of ['accept', 'schedule']) {
      const r = await engineer.post(`/api/service-requests/${requestId}/${action}`, {});
      assert.equal(r.status, 200, `${action}: ${r.text}`);
    }
    due = await holidaysBeforeNextWorkday(admin, TZ);
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await smtp?.close();
    await closeFormPrinter();
  });

  it('R-INST-2 R-INST-3 R-EMER-2 R-PM-6 R-PM-7 R-INST-6 R-INST-10 today’s PM request on the phone: travel (time corrected), check in with a photo, the PM checklist with an out-of-range temperature, the customer signs with the mouse, the PDF arrives by e-mail, the follow-up is due on the next working day after a weekend and a holiday', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, ENGINEER, PASSWORD);

    // Today's requests: the PM request, opened.
    await page.goto(`${server.url}/field`);
    await page.getByTestId(`field-card-${requestId}`).waitFor();
    await assertNoSideScroll(page, 'today');
    await screenshot(page, 'field-1-today-390');
    await page.getByTestId(`field-start-${requestId}`).tap();
    await page.getByTestId('visit-page').waitFor();
    await page.getByText('周建华').first().waitFor();

    // Before the visit: the call about site, power, network and time.
    await page.getByTestId('pre-call-contact').fill('周建华');
    await page.getByTestId('pre-call-site').fill('机房三层，设备间 B2');
    await page.getByTestId('pre-call-power').fill('双路 220V');
    await page.getByTestId('pre-call-network').fill('管理网段已开通');
    await page.getByTestId('pre-call-time').fill('今天 10:00 到场');
    await page.getByTestId('pre-call-save').tap();
    await page.getByTestId('visit-pre-call-done').waitFor();

    // Travel: he set off 40 minutes ago and corrects the time (the picker shows now).
    const setOff = Date.now() - 40 * 60_000;
    const wall = formatWallTime(new Date(setOff).toISOString(), TZ).slice(0, 16).replace(' ', 'T');
    assert.equal(
      (await page.getByTestId('visit-travel-time').inputValue()).slice(0, 10),
      formatWallTime(new Date().toISOString(), TZ).slice(0, 10),
    );
    await page.getByTestId('visit-travel-time').fill(wall);
    await page.getByTestId('visit-travel-start').tap();
    await page.locator('[data-testid="visit-stage"][data-stage="travelling"]').waitFor();
    const visitId = Number(new URL(page.url()).pathname.split('/').pop());
    const travelled = (await engineer.get(`/api/visits/${visitId}`)).body;
    assert.equal(formatWallTime(travelled.travelStartedAt, TZ).slice(0, 16), wall.replace('T', ' '));

    // Check in: a required item left out is named; the site photo from the camera, a non-image refused naming the item.
    await page.getByTestId('visit-check-in-submit').tap();
    await page.getByTestId('visit-error').waitFor();
    assert.match((await page.getByTestId('visit-error').textContent()) ?? '', /现场条件已就绪/);
    for (const key of ['site_ready', 'power_ready', 'network_ready', 'plan_rechecked', 'workload_planned', 'customer_informed'])
      await page.getByTestId(`check-${key}`).getByText('是', { exact: true }).tap();
    const sitePhoto = page.getByTestId('check-site_photo-input');
    assert.equal(await sitePhoto.getAttribute('capture'), 'environment');
    assert.equal(await sitePhoto.getAttribute('accept'), 'image/*');
    await sitePhoto.setInputFiles({ name: '不是照片.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片') });
    await page
      .getByTestId('check-site_photo-error')
      .getByText(/现场照片/)
      .waitFor();
    await sitePhoto.setInputFiles({ name: '机房.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await page.getByTestId('check-site_photo-photo').first().waitFor();
    await page.getByTestId('check-site_photo-photo').locator('img').first().scrollIntoViewIfNeeded();
    await assertNoSideScroll(page, 'check in with a photo item');
    await assertNothingClipped(page, 'check in with a photo item');
    await screenshot(page, 'field-2-check-in-photo-390');
    await page.getByTestId('visit-check-in-submit').tap();
    await page.locator('[data-testid="visit-stage"][data-stage="on_site"]').waitFor();
    assert.equal(await page.getByTestId('visit-request-state').getAttribute('data-state'), 'on_site');
    assert.equal((await engineer.get(`/api/visits/${visitId}`)).body.arrivalChecklist.answers.site_photo.length, 1);

    // On site: a photo, the unit served (its warranty shown), a problem and its solution; check out.
    await page.getByTestId('visit-photo-input').setInputFiles({ name: '机柜.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await page.getByTestId('visit-photo').first().waitFor();
    await page.getByTestId('unit-select').click();
    await page.getByText('SN-E2E-0001', { exact: false }).last().click();
    await page.getByTestId('unit-warranty').getByText('在保').waitFor();
    await page.getByTestId('unit-save').tap();
    await page.getByTestId('visit-unit').first().waitFor();
    await page.getByTestId('problem-text').fill('机房温度偏高');
    await page.getByTestId('problem-solution').fill('调整空调回风，建议客户加装温控');
    await page.getByTestId('problem-save').tap();
    await page.getByText('调整空调回风，建议客户加装温控').first().waitFor();
    await assertNoSideScroll(page, 'on site');
    await screenshot(page, 'field-3-on-site-390');
    await page.getByTestId('work-done').fill('清洁风扇滤网，检查存储日志');
    await page.getByTestId('visit-check-out-submit').tap();
    await page.getByTestId('visit-summary').waitFor();
    await assertNoSideScroll(page, 'after check out');
    const small = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid="visit-page"] button')]
          .map((b) => b.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.height < 40).length,
    );
    assert.equal(small, 0, 'no button under 40 px high on the visit page');

    // The day's report: the PM checklist, the temperature flagged at once.
    await page.getByTestId('visit-make-report').tap();
    await page.getByTestId('report-page').waitFor();
    await page.getByTestId('report-checklist').waitFor();
    const numberOf = (key: string) => page.getByTestId(`check-${key}`).locator('input');
    await numberOf('room_temperature').fill('31.5');
    await numberOf('room_humidity').fill('45');
    await numberOf('supply_voltage').fill('220');
    await page.getByTestId('check-room_humidity').click();
    await page.getByTestId('check-room_temperature').getByText('超出范围').waitFor();
    for (const key of [
      'placement_ok',
      'power_connections_ok',
      'signal_connections_ok',
      'vents_cleaned',
      'dust_cleaned',
      'logs_reviewed',
      'tools_parts_back',
    ])
      await page.getByTestId(`check-${key}`).getByText('是', { exact: true }).click();
    for (const [key, option] of [
      ['system_messages', '无异常'],
      ['software_tests', '通过'],
    ]) {
      await page.getByTestId(`check-${key}`).locator('.ant-select').click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    }
    // The equipment photo: what was typed is saved with it, the thumbnail links to the file.
    await page.getByTestId('check-equipment_photo-input').setInputFiles({ name: '设备.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await page.getByTestId('check-equipment_photo-photo').first().waitFor();
    assert.equal(await numberOf('room_temperature').inputValue(), '31.5');
    await page.getByTestId('report-faultFound').fill('机房温度偏高，空调回风不足');
    await page.getByTestId('report-result').getByText('已解决').click();
    await assertNoSideScroll(page, 'report with a photo item');
    await screenshot(page, 'field-4-report-checklist-390');

    // The customer signs with the mouse on the engineer's phone.
    await page.getByTestId('sign-customer-name').fill('周建华');
    const pad = page.getByTestId('sign-customer-pad');
    await pad.scrollIntoViewIfNeeded();
    // Drawn once the pad listens at its final size (ui/signature-pad.tsx), not into a canvas still being fitted.
    await page.locator('[data-testid="sign-customer-pad"][data-ready="true"]').waitFor();
    const box = await pad.boundingBox();
    assert.ok(box, 'the signature pad is on screen');
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 14, box.y + box.height / 2 + Math.sin(i / 2) * 30, { steps: 2 });
    await page.mouse.up();
    await page.getByTestId('report-sign').click();
    await page.getByTestId('report-state').getByText('已签字').waitFor({ timeout: 30_000 });
    await page.getByTestId('report-out-of-range').waitFor();
    await assertNoSideScroll(page, 'signed report');
    await screenshot(page, 'field-5-report-signed-390');

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
    assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = await pdfText(pdf.bytes);
    for (const s of [CUSTOMER, '机房温度偏高，空调回风不足', '周建华', '超出范围']) assert.ok(holdsText(text, s), `${s} in:\n${text}`);

    // The follow-up: due on the next working day, after the weekend and the holiday.
    const followUps = await engineer.get('/api/follow-ups?mine=true&state=open');
    const f = (followUps.body.items as { serviceRequest: { id: number }; dueOn: string }[]).find((x) => x.serviceRequest.id === requestId);
    assert.equal(f?.dueOn, due.dueOn);
    assert.equal((await engineer.get(`/api/service-requests/${requestId}`)).body.state, 'follow_up');
    await page.goto(`${server.url}/follow-ups?mine=true&state=open`);
    await page.getByTestId(`follow-up-due-${requestId}`).getByText(due.dueOn).waitFor();
    await screenshot(page, 'field-6-follow-ups-390');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('R-INST-6 R-EMER-2 at 1440×900: the manager finds the visit in the list of every visit and opens it; the signed report is frozen and re-verifies', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const desk = await context.newPage();
    await signIn(desk, server.url, MANAGER, PASSWORD);
    await desk.getByTestId('side-menu').getByRole('link', { name: '现场服务记录' }).click();
    await desk.getByTestId('visits-page').getByText(CUSTOMER).first().waitFor();
    await screenshot(desk, 'field-visits-all-1440');
    await desk.getByTestId('visits-page').getByText(CUSTOMER).first().click();
    await desk.getByTestId('visit-page').waitFor();
    await desk.goto(`${server.url}/service-reports`);
    await desk.getByTestId('reports-page').getByText(CUSTOMER).first().waitFor();
    await desk.getByTestId('reports-page').locator('a', { hasText: /^CSR-/ }).first().click();
    await desk.getByTestId('report-verify').click();
    await desk.getByText('校验通过').waitFor();
    assert.equal(await desk.getByTestId('report-sign').count(), 0, 'no signing on a signed report');
    await desk.getByTestId('check-equipment_photo-photo').first().waitFor();
    await screenshot(desk, 'field-service-report-1440');
    await desk.goto(`${server.url}/follow-ups`);
    await desk.getByTestId(`follow-up-due-${requestId}`).waitFor();
    await context.close();
  });
});
