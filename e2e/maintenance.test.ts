import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ical from 'node-ical';
import type { Browser, Page } from 'playwright-core';
import { ZCreateEquipment } from '@contract/equipment';
import { systemActor } from '../server/src/actor';
import { startDelivery } from '../server/src/jobs/delivery';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { createEquipment } from '../server/src/modules/equipment/equipment.service';
import { mailParts, makePmContract } from '../server/src/modules/maintenance/maintenance.fixtures';
import { pdfText } from '../server/src/pdf/pdf-tools.fixtures';
import { type ReceivedMail, startSmtpReceiver } from '../server/src/testing/receivers';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

async function arrival<T>(list: T[], match: (x: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = list.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Choose in an antd Select by typing (its search filters to the one option) and Enter: no clicking on a dropdown still moving. */
async function pickOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option-active[title="${text}"]`).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId(testId).getByText(text, { exact: true }).waitFor();
}

describe('PM timetables in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: ReturnType<typeof startDelivery>;
  let contractId: number;
  before(async () => {
    smtp = await startSmtpReceiver();
    server = await startServer('sqlite', { SMTP_URL: smtp.url, FUWU_PUBLIC_URL: 'https://fuwu.e2e.example' });
    worker = startDelivery(server.app.deps.database.db, server.app.log, server.app.deps.config, 100);
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [email, name, roles] of [
      ['tm@e2e.cn', '张经理', ['tech_manager']],
      ['wang@e2e.cn', '王工', ['engineer']],
      ['li@e2e.cn', '李工', ['engineer']],
    ] as const) {
      const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
      assert.equal(r.status, 201, r.text);
    }
    const db = server.app.deps.database.db;
    const customer = await makeCustomer(db, {
      name: '江南精密机械股份有限公司',
      contacts: [{ name: '周建华', title: '信息中心主任', phones: ['+86 139-1234-5678'], email: 'zhoujh@jnjm.example' }],
    });
    const contract = await makePmContract(db, 4, { number: 'HT-PM-2026-01', customerId: customer.id });
    contractId = contract.id;
    for (const [model, sn] of [
      ['OceanStor 5310', 'E2E-PM-0001'],
      ['FusionServer 2288H V6', 'E2E-PM-0002'],
    ])
      await createEquipment(
        db,
        systemActor('e2e'),
        ZCreateEquipment.parse({ contractId, productType: '存储', brand: 'Huawei', model, sn }),
        '2026-01-05',
      );
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await smtp?.close();
  });

  it('R-PM-1 R-PM-2 the manager generates the timetable of a contract with 4 PM visits a year and sends it; the customer gets the PDF and a valid .ics', async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
    // R-PM-1: the contract is listed as a gap until it has a timetable.
    await page.goto(`${server.url}/maintenance?view=gaps`);
    await page.getByTestId(`pm-gap-${contractId}`).waitFor();
    await page.getByTestId('nav-maintenance').waitFor();
    await screenshot(page, 'pm-gaps');
    await page.getByTestId(`pm-gap-${contractId}`).click();
    await page.getByTestId('pm-plan-page').waitFor();
    await page.getByTestId('pm-generate').click();
    await page.getByTestId('pm-generate-form').waitFor();
    await pickOption(page, 'pm-responsible', '王工');
    await pickOption(page, 'pm-backup', '李工');
    await page.getByTestId('pm-downtime').fill('60');
    await screenshot(page, 'pm-generate-form');
    await page.getByTestId('pm-generate-submit').click();
    await page.getByText('已生成 4 次检查').waitFor();
    const rows = page.getByTestId('pm-visits').locator('tbody tr.ant-table-row');
    await rows.nth(3).waitFor();
    assert.equal(await rows.count(), 4);
    const dates = await page.getByTestId('pm-visits').locator('[data-testid^="pm-visit-date-"]').allInnerTexts();
    assert.deepEqual(
      dates.map((d) => d.slice(0, 10)),
      ['2026-02-24', '2026-05-18', '2026-08-17', '2026-11-16'],
    );
    await screenshot(page, 'pm-plan');

    // R-PM-2: sent to the customer contact with the PDF and the calendar file.
    await page.getByTestId('pm-send').click();
    // The contact is chosen among the customer's contacts with an address (the primary one first).
    await page.getByTestId('pm-send-contact').getByText('zhoujh@jnjm.example', { exact: false }).waitFor();
    await screenshot(page, 'pm-send-contact');
    await page.locator('#pm-send-confirm').click();
    await page.getByText('已发送至 zhoujh@jnjm.example', { exact: false }).waitFor();
    const mail = await arrival<ReceivedMail>(smtp.received, (m) => m.to.includes('zhoujh@jnjm.example'), "the customer's e-mail");
    const parts = mailParts(mail.raw);
    const pdf = parts.find((p) => p.contentType === 'application/pdf');
    const ics = parts.find((p) => p.contentType === 'text/calendar');
    assert.ok(pdf && ics, parts.map((p) => p.contentType).join(', '));
    const text = await pdfText(pdf.content);
    for (const s of ['例行检查计划表', 'HT-PM-2026-01', '江南精密机械股份有限公司', 'E2E-PM-0002', '王工', '李工', '2026-08-17'])
      assert.ok(text.includes(s), s);
    const parsed = ical.sync.parseICS(ics.content.toString('utf8'));
    const events = Object.values(parsed).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
    assert.deepEqual(events.map((e) => new Date(e.start).toISOString()).sort(), [
      '2026-02-24T01:00:00.000Z',
      '2026-05-18T01:00:00.000Z',
      '2026-08-17T01:00:00.000Z',
      '2026-11-16T01:00:00.000Z',
    ]);
    assert.equal(new Set(events.map((e) => e.uid)).size, 4);

    // The visits by month, as a calendar and as a list.
    await page.goto(`${server.url}/maintenance?month=2026-05`);
    await page.locator('[data-testid^="pm-cal-visit-"]').first().waitFor();
    await page.getByTestId('nav-maintenance').waitFor();
    await screenshot(page, 'pm-calendar');
    await page.goto(`${server.url}/maintenance?view=list&month=2026-08`);
    await page.getByTestId('pm-visit-list').getByText('HT-PM-2026-01').waitFor();
    await page.getByTestId('nav-maintenance').waitFor();
    await screenshot(page, 'pm-visit-list');
    await page.goto(`${server.url}/maintenance?view=completion&year=2026`);
    await page.getByText('HT-PM-2026-01').waitFor();
    await page.getByTestId('nav-maintenance').waitFor();
    await screenshot(page, 'pm-completion');
    // The same timetable in English.
    await page.getByTestId('lang-switch').click();
    await page.goto(`${server.url}/maintenance/contracts/${contractId}`);
    await page.getByText('Send to the customer').waitFor();
    await page.getByTestId('pm-visits').getByText('Planned').first().waitFor();
    await screenshot(page, 'pm-plan-en');
    assert.deepEqual(errors, []);
  });
});
