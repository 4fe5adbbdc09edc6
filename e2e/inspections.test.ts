import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { dayNumberOfIsoDate, isoDateOfDayNumber, todayIn } from '@contract/zoned-time';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { holdsText, pdfText } from '../server/src/pdf/pdf-tools.fixtures';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
const TZ = 'Asia/Shanghai';
const SN = 'E2E-21A0X7731';
const day = (n: number) => isoDateOfDayNumber(dayNumberOfIsoDate(todayIn(TZ)) + n);

describe('goods inspection in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let inspectionId: number;
  let requestId: number;

  before(async () => {
    server = await startServer('sqlite', { FUWU_TIMEZONE: TZ });
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const ids: Record<string, number> = {};
    for (const [email, name, roles] of [
      ['gcs@e2e.cn', '陈工程师', ['engineer']],
      ['jl@e2e.cn', '张经理', ['tech_manager']],
    ] as const) {
      const r = await admin.post('/api/users', { email, name, roles, password: PASSWORD });
      assert.equal(r.status, 201, r.text);
      ids[email] = r.body.id;
    }
    const contract = await makeContract(server.app.deps.database.db, {
      status: 'active',
      items: [
        { description: '机架式服务器', model: '2288H V6', quantity: 1, unitPrice: 100_00 },
        { description: '光纤交换机', model: 'SN3600', quantity: 1, unitPrice: 100_00 },
      ],
    });
    const tm = new Client(server.app);
    await tm.login('jl@e2e.cn', PASSWORD);
    const sr = await tm.post('/api/service-requests', {
      kind: 'goods_inspection',
      customerId: contract.customer.id,
      contractId: contract.id,
      contactName: '王建国',
      contactPhone: '139 1001 2001',
      siteAddress: '公司库房',
      description: '新购服务器到货检验、老化测试后发货',
      responsibleEngineerId: ids['gcs@e2e.cn'],
      issue: true,
    });
    assert.equal(sr.status, 201, sr.text);
    requestId = sr.body.id;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phone(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const page = await ctx.newPage();
    await signIn(page, server.url, 'gcs@e2e.cn', PASSWORD);
    return page;
  }

  it('R-GOODS-4 R-GOODS-5 R-GOODS-3 R-FORM-1 an engineer records a sealed unit, the customer’s consent, an 18-hour burn-in, marks it ready; the delivery note lists the SN', async () => {
    const page = await phone();
    // From the request: open its inspection record.
    await page.goto(`${server.url}/service-requests/${requestId}`);
    await page.getByTestId('sr-inspection').click();
    await page.getByTestId('insp-detail').waitFor();
    inspectionId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('insp-ship-date').fill(day(5));
    await page.getByTestId('insp-ship-date-save').click();
    await page.getByText(day(5)).first().waitFor();

    // A sealed unit, its SN typed (no camera here: BarcodeDetector absent, the typed field is the way).
    await page.getByTestId('insp-unit-model').fill('2288H V6');
    await page.getByTestId('insp-unit-pn').fill('02312QMV');
    await page.getByTestId('insp-unit-sn').fill(SN);
    await page.getByTestId('insp-unit-add').click();
    const row = page.getByTestId(`insp-unit-${SN}`);
    await row.waitFor();
    assert.match(await row.innerText(), /待客户同意|Awaiting the customer/);
    await screenshot(page, 'inspection-phone-received');

    // The customer agrees on the phone.
    await row.getByRole('button', { name: /记录客户意见|customer's answer/ }).click();
    await page.getByTestId('insp-consent-by').fill('客户信息部 王工');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('客户信息部 王工').first().waitFor();

    // An 18-hour burn-in three days ago, passed.
    await row.locator('input[type=checkbox]').check();
    await page.getByTestId('insp-burn-in-new').click();
    await page.getByTestId('insp-burn-in-start').fill(`${day(-3)}T08:00`);
    await page.getByTestId('insp-burn-in-end').fill(`${day(-2)}T02:00`);
    await page
      .getByTestId('insp-burn-in-result')
      .getByText(/通过|Passed/)
      .first()
      .click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存|Save/ })
      .click();
    await page.getByText('18 h 0 min').first().waitFor();

    // Ready to ship: the gate lets it through.
    await row.getByRole('button', { name: /确认待发货|Mark ready/ }).click();
    await row
      .getByText(/待发货|Ready/)
      .first()
      .waitFor();
    await screenshot(page, 'inspection-phone-ready');

    // The delivery note, and its PDF.
    await page.getByTestId('insp-note-new').click();
    await page.getByTestId('insp-note-receiver').fill('李收货');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const pdfLink = page.locator('[data-testid^="insp-note-pdf-"]').first();
    await pdfLink.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const text = await pdfText(fs.readFileSync((await download.path()) as string));
    assert.ok(holdsText(text, SN), `the delivery note lists the SN:\n${text}`);
    assert.ok(holdsText(text, '设备签收单'));
    assert.ok(holdsText(text, '客户同意拆封'), 'the packaging state says the customer agreed to opening');
    await screenshot(page, 'inspection-phone-delivery-note');
    await page.context().close();
  });

  it('the lists on a desk: inspections by gate, the inspection, the dispatch board card', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, server.url, 'jl@e2e.cn', PASSWORD);
    await page.goto(`${server.url}/inspections`);
    await page.getByTestId(`insp-row-${inspectionId}`).waitFor();
    await screenshot(page, 'inspections-list');
    await page.goto(`${server.url}/inspections/${inspectionId}`);
    await page.getByTestId('insp-detail').waitFor();
    await screenshot(page, 'inspection-desk');
    await page.goto(`${server.url}/licences`);
    await page.getByTestId('licences-page').waitFor();
    await screenshot(page, 'licences-list');
    await ctx.close();
  });
});
