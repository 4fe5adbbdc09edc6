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
  let tmClient: Client;

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
    const licence = await tm.post(`/api/contracts/${contract.id}/licences`, {
      software: 'Oracle Database 19c 企业版',
      needed: true,
      demoExpiresOn: day(20),
      hostid: '0A1B2C3D',
      softwareSerial: 'CSI-2026-88321',
      appliedOn: day(-2),
    });
    assert.equal(licence.status, 201, licence.text);
    tmClient = tm;
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
    await page.locator('[data-testid="insp-ship-date-save"]:disabled').waitFor();

    // A sealed unit, its SN typed (no camera here: BarcodeDetector absent, the typed field is the way).
    await page.getByTestId('insp-unit-model').fill('2288H V6');
    await page.getByTestId('insp-unit-pn').fill('02312QMV');
    await page.getByTestId('insp-unit-sn').fill(SN);
    await page.getByTestId('insp-unit-add').click();
    const row = page.getByTestId(`insp-unit-${SN}`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /待客户同意|Awaiting the customer/);
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

    // The receiver signs on the phone; the signed note is filed in the archive.
    await page.locator('[data-testid^="insp-note-sign-"]').first().click();
    await page.getByTestId('insp-sign-receiver').fill('李收货');
    const pad = page.getByTestId('insp-signature-pad');
    await pad.scrollIntoViewIfNeeded();
    // Drawn once the pad listens at its final size (ui/signature-pad.tsx), not into a canvas still being fitted.
    await page.locator('[data-testid="insp-signature-pad"][data-ready="true"]').waitFor();
    // A finger's stroke, as the pad receives it on a phone (pointer events of a touch). A string:
    // the test runner's transform would add helpers the page does not have to a function.
    await page.evaluate(`(() => {
      const canvas = document.querySelector('[data-testid="insp-signature-pad"]');
      const r = canvas.getBoundingClientRect();
      function at(type, x, y) {
        canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX: r.left + x, clientY: r.top + y,
          pointerId: 7, pointerType: 'touch', isPrimary: true, buttons: type === 'pointerup' ? 0 : 1, pressure: 0.5 }));
      }
      at('pointerdown', 30, 60);
      for (const [x, y] of [[50, 50], [80, 40], [110, 70], [150, 30], [190, 80], [230, 40]]) at('pointermove', x, y);
      at('pointerup', 230, 40);
    })()`);
    await screenshot(page, 'inspection-phone-sign');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('李收货 ·').first().waitFor();
    const detail = await (await page.request.get(`${server.url}/api/inspections/${inspectionId}`)).json();
    assert.equal(detail.deliveryNotes[0].signMethod, 'pad');
    assert.ok(detail.deliveryNotes[0].documentId, 'filed in the archive');
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
    await page.goto(`${server.url}/licences?expiringWithin=30`);
    await page.getByText('Oracle Database 19c').first().waitFor();
    await screenshot(page, 'licences-list');
    // The dispatch board's card carries the planned shipment and the gate.
    const assigned = await tmClient.post(`/api/service-requests/${requestId}/assign`, {
      engineerId: (await tmClient.get('/api/users?pageSize=50')).body.items.find((u: { email: string }) => u.email === 'gcs@e2e.cn').id,
      date: todayIn(TZ),
    });
    assert.equal(assigned.status, 200, assigned.text);
    await page.goto(`${server.url}/dispatch`);
    const card = page.getByTestId(`board-shipment-${requestId}`);
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /已发货|Shipped/);
    await screenshot(page, 'dispatch-board-shipment');
    await ctx.close();
  });

  it('the engineer’s work list on a phone shows the shipment and its gate', async () => {
    const page = await phone();
    await page.goto(`${server.url}/my-work`);
    const line = page.getByTestId(`my-work-shipment-${requestId}`);
    await line.waitFor();
    assert.ok(((await line.textContent()) ?? '').includes(day(5)));
    await screenshot(page, 'my-work-shipment');
    await page.context().close();
  });
});
