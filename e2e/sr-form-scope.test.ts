import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { SERVICE_REQUEST_KIND_LABELS } from '../contract/service-request-labels';
import { SERVICE_REQUEST_WARNINGS } from '../contract/service-requests';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { Client } from '../server/src/testing/test-app';
import { engines } from '../server/src/testing/test-db';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
const LONG_CUSTOMER = '中国东方国际电子信息产业集团华东区域数据中心运营管理股份有限公司';

for (const engine of engines()) {
  describe(`the request form in Chromium (${engine})`, () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Browser;
    let consultingOnly: { id: number; number: string };

    before(async () => {
      server = await startServer(engine);
      browser = await launchBrowser();
      const admin = new Client(server.app);
      await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const tm = await admin.post('/api/users', { email: 'tm@e2e.cn', name: '张经理', roles: ['tech_manager'], password: PASSWORD });
      assert.equal(tm.status, 201, tm.text);
      const customer = await makeCustomer(server.app.deps.database.db, { name: LONG_CUSTOMER });
      consultingOnly = await makeContract(server.app.deps.database.db, {
        customerId: customer.id,
        number: 'HT-2026-ZX-0099',
        status: 'active',
        serviceKinds: ['consulting'],
      });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('R-SCOPE-1 the request form warns while the kind and contract are chosen, before saving, when the contract covers no service of that kind', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, server.url, 'tm@e2e.cn', PASSWORD);
      // Opened from the consulting-only contract: the default kind (emergency repair) is outside it.
      await page.goto(`${server.url}/service-requests?new=1&contractId=${consultingOnly.id}`);
      const warning = page.getByTestId('sr-kind-outside-contract');
      await warning.waitFor();
      const text = (await warning.textContent()) ?? '';
      assert.ok(text.includes(SERVICE_REQUEST_WARNINGS.SR_KIND_OUTSIDE_CONTRACT.zh), text);
      assert.ok(text.includes(consultingOnly.number), text);
      if (engine === 'sqlite') await screenshot(page, 'sr-form-kind-outside-contract-1440');
      // Consulting is within the contract: the warning goes.
      await page.getByTestId('sr-kind').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: SERVICE_REQUEST_KIND_LABELS.consulting.zh })
        .first()
        .click();
      await warning.waitFor({ state: 'detached' });
      await page.close();
    });
  });
}
