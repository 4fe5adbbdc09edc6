import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ZCreateEquipment } from '@contract/equipment';
import { systemActor } from '../server/src/actor';
import { makeContract } from '../server/src/modules/contracts/contracts.factory';
import { makeCustomer } from '../server/src/modules/customers/customers.factory';
import { createEquipment } from '../server/src/modules/equipment/equipment.service';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';

describe('phone support desk in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
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
    await server?.close();
  });

  it('R-CALL-1 R-CALL-2 R-CALL-3 R-EMER-3 the receiver types a known number and sees the caller matched at once; saves with the keyboard; the manager marks it critical and converts it; the receiver sees it converted', async () => {
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
