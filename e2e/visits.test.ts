import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { SAMPLE_PNG } from '../server/src/modules/files/files.fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Client, USER_PASSWORD } from '../server/src/testing/test-app';
import { launchBrowser, screenshot, signIn, startServer } from './harness';

/** The page fits the phone's width: nothing scrolls sideways. */
async function assertNoSideScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

describe('the engineer on site, on a 390×844 phone in zh-CN', () => {
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

  it("today's requests → pre-visit call → travel → check in with the arrival checklist → photo, unit, problem → check out", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, engineerEmail, USER_PASSWORD);

    await page.goto(`${server.url}/field`);
    await page.getByTestId(`field-card-${srId}`).waitFor();
    await assertNoSideScroll(page, 'today');
    await screenshot(page, 'visits-phone-1-today');
    await page.getByTestId(`field-start-${srId}`).tap();
    await page.getByTestId('visit-page').waitFor();
    await page.getByText('钱建国').first().waitFor();

    // Before the visit: the call about site, power, network and time.
    await page.getByTestId('pre-call-contact').fill('钱建国');
    await page.getByTestId('pre-call-site').fill('机房二层，机柜 A3 已预留');
    await page.getByTestId('pre-call-power').fill('双路 220V');
    await page.getByTestId('pre-call-network').fill('管理网段已分配');
    await page.getByTestId('pre-call-time').fill('今天 14:00 到场');
    await assertNoSideScroll(page, 'before the visit');
    await screenshot(page, 'visits-phone-2-before');
    await page.getByTestId('pre-call-save').tap();
    await page.getByTestId('visit-pre-call-done').waitFor();

    await page.getByTestId('visit-travel-start').tap();
    await page.locator('[data-testid="visit-stage"][data-stage="travelling"]').waitFor();
    assert.equal(await page.getByTestId('visit-request-state').getAttribute('data-state'), 'travelling');

    // Check in: the arrival checklist; a required item left out is named by the server.
    await page.getByTestId('visit-check-in-submit').tap();
    await page.getByTestId('visit-error').waitFor();
    assert.match((await page.getByTestId('visit-error').textContent()) ?? '', /现场条件已就绪/);
    for (const key of ['site_ready', 'power_ready', 'network_ready', 'plan_rechecked', 'workload_planned', 'customer_informed'])
      await page.getByTestId(`check-${key}`).getByText('是', { exact: true }).tap();
    await assertNoSideScroll(page, 'check in');
    await screenshot(page, 'visits-phone-3-check-in');
    await page.getByTestId('visit-check-in-submit').tap();
    await page.locator('[data-testid="visit-stage"][data-stage="on_site"]').waitFor();
    assert.equal(await page.getByTestId('visit-request-state').getAttribute('data-state'), 'on_site');

    // On site: a photo from the camera input, a file that is not an image refused.
    const input = page.getByTestId('visit-photo-input');
    assert.equal(await input.getAttribute('capture'), 'environment');
    assert.equal(await input.getAttribute('accept'), 'image/*');
    await input.setInputFiles({ name: '故障灯.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await page.getByTestId('visit-photo').first().waitFor();
    await input.setInputFiles({ name: '不是照片.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片') });
    await page.getByTestId('visit-photos').getByTestId('visit-error').waitFor();

    // The unit served, from the contract's installed base with its warranty state.
    await page.getByTestId('unit-select').click();
    await page.getByText('SN-E2E-0001', { exact: false }).last().click();
    await page.getByTestId('unit-warranty').getByText('在保').waitFor();
    await page.getByTestId('unit-save').tap();
    await page.getByTestId('visit-unit').first().waitFor();

    await page.getByTestId('problem-text').fill('3 号硬盘故障灯常亮');
    await page.getByTestId('problem-solution').fill('热插拔更换硬盘，重建完成');
    await page.getByTestId('problem-save').tap();
    await page.getByText('热插拔更换硬盘，重建完成').first().waitFor();
    await assertNoSideScroll(page, 'on site');
    await screenshot(page, 'visits-phone-4-on-site');

    await page.getByTestId('work-done').fill('更换故障硬盘，阵列重建完成，告警清除');
    await page.getByTestId('visit-check-out-submit').tap();
    await page.getByTestId('visit-summary').waitFor();
    await page.getByTestId('visit-hours').waitFor();
    await assertNoSideScroll(page, 'after check out');
    await screenshot(page, 'visits-phone-5-done');

    // Touch targets: the step buttons are at least 44 px high.
    const small = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid="visit-page"] button')]
          .map((b) => b.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.height < 40).length,
    );
    assert.equal(small, 0, 'no button under 40 px high on the visit page');
    await context.close();
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
    await page.getByTestId('sr-visits').getByText('陈杰').nth(1).waitFor();
    await page.goto(`${server.url}/visits/${visit.body.id}`);
    await page.getByTestId('visit-units').waitFor();
    await screenshot(page, 'visits-desktop-visit');
    await context.close();
  });
});
