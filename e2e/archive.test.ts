import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
// Canary amounts: ¥98,765.43 total, unit price ¥13,579.13 — their digits must never reach an engineer.
const TOTAL_YUAN = '98765.43';
const PRICE_YUAN = '13579.13';

function makePdf(file: string, text: string): Promise<void> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const out = fs.createWriteStream(file);
    doc.pipe(out);
    doc.text(text);
    doc.end();
    out.on('finish', () => resolve());
  });
}

async function chooseOption(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

async function fillDate(page: Page, testId: string, value: string) {
  const input = page.locator(`[data-testid=${testId}] input, input[data-testid=${testId}]`).first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('contract archive in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-e2e-files-'));
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [email, name, role] of [
      ['sales@e2e.cn', '销售小李', 'sales'],
      ['eng@e2e.cn', '工程师小王', 'engineer'],
    ]) {
      const r = await admin.post('/api/users', { email, name, roles: [role], password: PASSWORD });
      assert.equal(r.status, 201, r.text);
    }
    await makePdf(path.join(dir, 'original.pdf'), 'Original contract with prices');
    await makePdf(path.join(dir, 'masked.pdf'), 'Masked copy without prices');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('R-ORG-5 R-ORG-6 sales files a customer, a contract with commitments and equipment, the original and the masked copy; an engineer sees only the masked copy and no amounts', async () => {
    let page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'sales@e2e.cn', PASSWORD);

    // Customer with a contact.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-new').click();
    await page.getByTestId('customer-name').fill('华东存储科技有限公司');
    await page.getByTestId('customer-region').fill('上海');
    await page.getByTestId('customer-address').fill('上海市浦东新区张江路 100 号');
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-name-0').fill('周经理');
    await page.getByTestId('contact-phone-0').fill('+86 139-1234-5678');
    await page.getByTestId('customer-submit').click();
    await page.getByTestId('customers-table').getByText('华东存储科技有限公司').waitFor();

    // Contract with priced items and commitments.
    await page.getByTestId('nav-contracts').click();
    await page.getByTestId('contracts-new').click();
    await page.getByTestId('contract-number').fill('HT-E2E-001');
    await page.waitForTimeout(400); // the drawer's opening animation
    await page.getByTestId('contract-customer').click();
    await page.keyboard.type('华东存储');
    await page.keyboard.press('Enter');
    await page.getByTestId('contract-kind-onsite_maintenance').check();
    await page.getByTestId('contract-kind-routine_inspection').check();
    await fillDate(page, 'contract-signed', '2026-11-01');
    await fillDate(page, 'contract-start', '2026-11-01');
    await fillDate(page, 'contract-end', '2029-10-31');
    await page.getByTestId('contract-item-add').click();
    await page.getByTestId('contract-item-desc-0').fill('磁盘阵列维保服务');
    await page.locator('[data-testid=contract-item-qty-0] input, input[data-testid=contract-item-qty-0]').first().fill('1');
    await page.locator('[data-testid=contract-item-price-0] input, input[data-testid=contract-item-price-0]').first().fill(PRICE_YUAN);
    await page.locator('[data-testid=contract-total] input, input[data-testid=contract-total]').first().fill(TOTAL_YUAN);
    await chooseOption(page, 'commit-coverage', '7×24');
    for (const [id, v] of [
      ['commit-response', '2'],
      ['commit-arrival', '4'],
      ['commit-resolution', '24'],
      ['commit-pm-visits', '4'],
    ]) {
      await page.locator(`[data-testid=${id}] input, input[data-testid=${id}]`).first().fill(v);
    }
    await page.getByTestId('contract-submit').click();
    await page
      .getByTestId('contract-detail')
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        await screenshot(page, 'archive-contract-form-failure');
        throw e;
      });
    assert.ok((await page.getByTestId('contract-detail').innerText()).includes('98,765.43'), 'sales sees the amount');

    // Equipment.
    await page.getByTestId('contract-tab-equipment').click();
    await page.getByTestId('equipment-new').click();
    await page.waitForTimeout(400);
    await page.getByTestId('equipment-brand').fill('华为');
    await page.getByTestId('equipment-model').fill('OceanStor 硬盘柜 2200');
    await page.getByTestId('equipment-pn').fill('02351ABC');
    await page.getByTestId('equipment-sn').fill('sn2102e2e0001');
    await page.getByTestId('equipment-submit').click();
    await page.getByText('SN2102E2E0001').first().waitFor();

    // The original and the masked copy.
    await page.getByTestId('contract-tab-documents').click();
    for (const [type, file, title] of [
      ['合同原件', 'original.pdf', 'HT-E2E-001 原件扫描'],
      ['合同副本', 'masked.pdf', 'HT-E2E-001 去价副本'],
    ]) {
      await chooseOption(page, 'document-type', type);
      await page.getByTestId('document-title').fill(title);
      await page.locator('[data-testid=document-upload] input[type=file]').setInputFiles(path.join(dir, file));
      await page.getByTestId('document-submit').click();
      await page.getByTestId('documents-table').getByText(title).waitFor();
    }
    await screenshot(page, 'archive-sales-documents');
    await page.context().close();

    // The engineer, on a browser of his own: masked copy only, no amounts anywhere.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'eng@e2e.cn', PASSWORD);
    await page.getByTestId('nav-contracts').click();
    await page.getByTestId('contracts-table').getByText('HT-E2E-001').click();
    await page.getByTestId('contract-detail').waitFor();
    const overview = await page.locator('body').innerText();
    for (const canary of ['98,765', '98765', '13,579', '13579', '¥'])
      assert.equal(overview.includes(canary), false, `engineer sees ${canary}`);
    await page.getByTestId('contract-tab-documents').click();
    await page.getByTestId('documents-table').getByText('HT-E2E-001 去价副本').waitFor();
    assert.equal(await page.getByText('HT-E2E-001 原件扫描').count(), 0, 'the original is not listed for the engineer');
    const documentsText = await page.locator('body').innerText();
    for (const canary of ['98,765', '13,579']) assert.equal(documentsText.includes(canary), false);
    await screenshot(page, 'archive-engineer-documents');

    // And the API agrees: the engineer's session cannot list or fetch the original.
    const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c.value]));
    const docs = await server.app.inject({ method: 'GET', url: '/api/documents?pageSize=50', cookies });
    const titles = docs.json().items.map((d: { title: string }) => d.title);
    assert.deepEqual(titles, ['HT-E2E-001 去价副本']);
    assert.equal(errors.length, 0, errors.join('\n'));
    await context.close();
  });
});
