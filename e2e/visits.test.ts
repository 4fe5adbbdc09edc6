import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Client, USER_PASSWORD } from '../server/src/testing/test-app';
import { launchBrowser, screenshot, signIn, startServer } from './harness';

/** What the engineer records on site, seen from the desk (the phone flow is e2e/field-work.test.ts). */
describe('the engineer on site, seen from the desk', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let srId: number;
  let engineer: Client;
  const tmEmail = 'e2e.visit.tm@test.local';
  const engineerEmail = 'e2e.visit.eng@test.local';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { app } = server;
    const admin = new Client(app);
    assert.equal((await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)).status, 200);
    const make = async (email: string, name: string, roles: string[]) => {
      const r = await admin.post('/api/users', { email, name, roles, password: USER_PASSWORD });
      assert.equal(r.status, 201, r.text);
      const c = new Client(app);
      assert.equal((await c.login(email, USER_PASSWORD)).status, 200);
      return { id: r.body.id as number, client: c };
    };
    const tm = await make(tmEmail, '张伟', ['tech_manager']);
    const eng = await make(engineerEmail, '陈杰', ['engineer']);
    engineer = eng.client;
    const contract = await makeContract(app.deps.database.db, { status: 'active' });
    await tm.client.post(`/api/customers/${contract.customer.id}/contacts`, {
      name: '钱建国',
      title: '信息中心主任',
      phones: ['139 1001 3001'],
    });
    const unit = await tm.client.post('/api/equipment', {
      contractId: contract.id,
      productType: '存储',
      brand: '华为',
      model: 'OceanStor 5300',
      sn: 'SN-E2E-0001',
      warrantyEnd: '2099-12-31',
    });
    assert.equal(unit.status, 201, unit.text);
    const sr = await tm.client.post('/api/service-requests', {
      kind: 'emergency_repair',
      customerId: contract.customer.id,
      contractId: contract.id,
      contactName: '钱建国',
      contactPhone: '139 1001 3001',
      siteAddress: '北京市西城区金融大街 18 号',
      description: '存储阵列告警，硬盘故障灯亮',
      responsibleEngineerId: eng.id,
      plannedStart: new Date().toISOString(),
      agreedArrivalAt: new Date(Date.now() + 3_600_000).toISOString(),
      issue: true,
    });
    assert.equal(sr.status, 201, sr.text);
    srId = sr.body.id;
    assert.equal((await eng.client.post(`/api/service-requests/${srId}/accept`, {})).status, 200);
    assert.equal((await eng.client.post(`/api/service-requests/${srId}/schedule`, {})).status, 200);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('at 1440×900: the units installed on site wait for warranty registration; the technical manager marks one registered', async () => {
    const visit = await engineer.post(`/api/service-requests/${srId}/visits`, {});
    assert.equal(visit.status, 201, visit.text);
    const arrival = (await engineer.get(`/api/visits/${visit.body.id}/briefing`)).body.arrivalChecklist;
    const answers = Object.fromEntries(
      (arrival.items as { key: string; type: string }[]).filter((i) => i.type === 'yes_no').map((i) => [i.key, true]),
    );
    const checkedIn = await engineer.post(`/api/visits/${visit.body.id}/check-in`, {
      version: visit.body.version,
      checklist: { templateId: arrival.templateId, versionNo: arrival.versionNo, answers },
    });
    assert.equal(checkedIn.status, 200, checkedIn.text);
    const installed = await engineer.post(`/api/visits/${visit.body.id}/units`, {
      action: 'installed',
      productType: '硬盘',
      brand: '希捷',
      model: 'ST4000NM',
      newPn: '1V4107-002',
      newSn: 'ZC1E2E99',
    });
    assert.equal(installed.status, 200, installed.text);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, tmEmail, USER_PASSWORD);
    await page.goto(`${server.url}/warranty-registrations?registered=false`);
    await page.getByText('ZC1E2E99').waitFor();
    await screenshot(page, 'visits-desktop-warranty-registrations');
    await page.getByRole('button', { name: '标记已登记' }).first().click();
    await page.getByText('ZC1E2E99').waitFor({ state: 'detached' });
    await page.goto(`${server.url}/service-requests/${srId}`);
    await page.getByTestId('sr-visits').getByText('陈杰').first().waitFor();
    await page.goto(`${server.url}/visits/${visit.body.id}`);
    await page.getByTestId('visit-units').waitFor();
    // A guarded step without the customer's approval: the technical manager goes on with a written reason.
    await page.getByTestId('visit-step-description').fill('重启存储控制器 A');
    await page.getByTestId('visit-step-save').click();
    await page.getByTestId('guard-override-reason').fill('客户电话同意，书面确认随后补签');
    await page.locator('#guard-override-confirm').click();
    await page.getByTestId('visit-step').getByText('重启存储控制器 A').waitFor();
    await screenshot(page, 'visits-desktop-visit');
    await context.close();
  });
});
