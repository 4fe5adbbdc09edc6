import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../server/src/actor';
import { transact } from '../server/src/db/transaction';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { rebuildRequestRollup } from '../server/src/modules/reports/reports.service';
import { makeServiceRequest } from '../server/src/modules/service-requests/service-requests.fixtures';
import { recordWorkHours } from '../server/src/modules/work-hours/work-hours.service';
import { Client } from '../server/src/testing/test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness';

const PASSWORD = 'e2e-user-pass-1';
/** Friday 4 December 2026, 15:00 in Shanghai: the browser's clock (the report is due at 17:00). */
const FRIDAY = new Date('2026-12-04T07:00:00Z');
const WEEK = '2026-11-30';

describe('weekly report, weekly record and dashboards in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const numbers: string[] = [];

  before(async () => {
    server = await startServer('sqlite', { FUWU_TIMEZONE: 'Asia/Shanghai' });
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
    const db = server.app.deps.database.db;
    const contract = await makeContract(db, { status: 'active' });
    // The engineer's week: two visits (one request closed within its SLA, one past it), remote work.
    for (const [i, day, breached] of [
      [0, '2026-12-01', false],
      [1, '2026-12-02', true],
    ] as const) {
      const sr = await makeServiceRequest(tm, { customerId: contract.customer.id, contractId: contract.id });
      numbers.push(sr.number);
      await db
        .updateTable('service_request')
        .set({
          responsible_engineer_id: ids['gcs@e2e.cn'],
          state: 'closed',
          closed_at: `${day}T09:00:00.000Z`,
          sla_status: breached ? 'breached' : 'ok',
        })
        .where('id', '=', sr.id)
        .execute();
      await transact(db, (trx) =>
        recordWorkHours(trx, systemActor('e2e'), {
          source: { entity: 'visit', id: 100 + i },
          entries: [
            { engineerId: ids['gcs@e2e.cn'], workDate: day, kind: 'visit_travel', hours: 1, serviceRequestId: sr.id },
            {
              engineerId: ids['gcs@e2e.cn'],
              workDate: day,
              kind: 'visit_onsite',
              hours: 3.5,
              serviceRequestId: sr.id,
              note: '更换故障硬盘，阵列重建完成',
            },
          ],
        }),
      );
    }
    await rebuildRequestRollup(db, WEEK, '2026-12-06', 'Asia/Shanghai');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fridayPage(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.clock.setFixedTime(FRIDAY);
    await signIn(page, server.url, email, PASSWORD);
    return page;
  }

  it('R-FLOW-1 an engineer opens the drafted weekly report on Friday, adds a line and submits; the manager drafts the weekly record from it and opens the requests behind an SLA bar', async () => {
    const eng = await fridayPage('gcs@e2e.cn');
    await eng.goto(`${server.url}/reports/weekly`);
    await eng.getByTestId('weekly-report-page').waitFor();
    assert.equal(await eng.getByTestId('week-range').innerText(), `${WEEK} – 2026-12-06`);
    const lines = eng.getByTestId('report-lines');
    for (const n of numbers) await lines.getByText(n).first().waitFor();
    assert.equal(await eng.getByTestId('total-hours').innerText(), '9');
    await eng.getByTestId('add-line').click();
    await eng.getByTestId('line-hours').fill('1.5');
    await eng.getByTestId('line-result').fill('整理本周备件台账');
    await eng.getByTestId('line-ok').click();
    await lines.getByText('整理本周备件台账').waitFor();
    assert.equal(await eng.getByTestId('total-hours').innerText(), '10.5');
    await eng.getByTestId('report-problems').fill('备件到货慢，影响一单按时完成');
    await eng.getByTestId('report-nextWeekPlan').fill('完成两家客户的巡检');
    await screenshot(eng, 'reports-weekly-report-draft');
    await eng.getByTestId('report-submit').click();
    await eng.getByTestId('report-state').getByText('已提交').waitFor();
    assert.equal(await eng.getByTestId('report-submit').count(), 0, 'a submitted report is locked');
    await screenshot(eng, 'reports-weekly-report-submitted');

    const tm = await fridayPage('tm@e2e.cn');
    await tm.goto(`${server.url}/reports/weekly-record`);
    await tm.getByTestId('weekly-record-page').waitFor();
    await tm.getByTestId('draft-record').click();
    const row = tm.getByTestId('record-engineers').locator('tr', { hasText: '王工程师' });
    await row.waitFor();
    assert.match(await row.innerText(), /10\.5/);
    assert.match(await row.innerText(), new RegExp(numbers[1]));
    await screenshot(tm, 'reports-weekly-record');

    await tm.goto(`${server.url}/reports/dashboard`);
    const chart = tm.getByTestId('sla-by-week').locator('canvas').first();
    await chart.waitFor();
    await tm.waitForTimeout(1500);
    await screenshot(tm, 'reports-dashboard');
    // One week, one stacked bar: click inside it, low in the plot (where both segments are).
    const box = await chart.boundingBox();
    assert.ok(box);
    await tm.mouse.click(box.x + box.width / 2, box.y + box.height * 0.7);
    await tm.waitForURL(/\/service-requests\?/);
    const url = new URL(tm.url());
    assert.equal(url.searchParams.get('state'), 'closed');
    assert.equal(url.searchParams.get('closedFrom'), '2026-11-29T16:00:00.000Z');
    for (const n of numbers) await tm.getByText(n).first().waitFor();
    await screenshot(tm, 'reports-dashboard-drilldown');
  });

  it('the administrator sets the weekly due time and the mailing list: a bad time or e-mail address is refused on its field, nothing saved; then saved', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${server.url}/admin/report-settings`);
    await page.getByTestId('report-settings').waitFor();
    assert.equal(await page.getByTestId('report-due-time').inputValue(), '17:00');
    await page.getByTestId('report-due-time').fill('25:00');
    const mail = page.getByTestId('report-mail-to').locator('input');
    await mail.fill('boss@example.com');
    await mail.press('Enter');
    await mail.fill('pmo@,');
    await page.getByTestId('report-settings-save').click();
    const errors = page.locator('.ant-form-item-explain-error');
    await errors.filter({ hasText: '工作周报截止时间“25:00”无效' }).waitFor();
    await errors.filter({ hasText: '邮件地址无效：pmo@' }).waitFor();
    await screenshot(page, 'reports-settings-errors');
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    assert.deepEqual((await admin.get('/api/report-settings')).body, { weeklyDueTime: '17:00', mailTo: [] });

    await page.getByTestId('report-mail-to').locator('.ant-select-selection-item', { hasText: 'pmo@' }).locator('.anticon-close').click();
    await mail.fill('pmo@example.com,');
    await page.getByTestId('report-due-time').fill('16:30');
    await page.getByTestId('report-settings-save').click();
    await page.getByText('报表设置已保存').waitFor();
    // The fields' errors leave with antd's fade-out, after the save's message may already show.
    await errors.first().waitFor({ state: 'detached' });
    assert.equal(await errors.count(), 0);
    assert.deepEqual((await admin.get('/api/report-settings')).body, {
      weeklyDueTime: '16:30',
      mailTo: ['boss@example.com', 'pmo@example.com'],
    });
    await page.reload();
    await page.getByTestId('report-settings').waitFor();
    assert.equal(await page.getByTestId('report-due-time').inputValue(), '16:30');
    await screenshot(page, 'reports-settings-saved');
    await context.close();
  });

  it("R-INST-11 the weekly record leads to the week's note to sales: debriefs and closed requests per sales owner and customer, with the .xlsx", async () => {
    const admin = new Client(server.app);
    await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const sales = await admin.post('/api/users', { email: 'xs@e2e.cn', name: '李销售', roles: ['sales'], password: PASSWORD });
    assert.equal(sales.status, 201, sales.text);
    const tmClient = new Client(server.app);
    await tmClient.login('tm@e2e.cn', PASSWORD);
    const db = server.app.deps.database.db;
    const author = await db.selectFrom('app_user').select('id').where('email', '=', 'gcs@e2e.cn').executeTakeFirstOrThrow();
    const written: string[] = [];
    for (const [n, situation] of [
      [0, '客户计划明年扩容存储'],
      [1, ''],
    ] as const) {
      const contract = await makeContract(db, { status: 'active', salesOwnerId: sales.body.id });
      const sr = await makeServiceRequest(tmClient, { customerId: contract.customer.id, contractId: contract.id });
      await db
        .updateTable('service_request')
        .set({ state: 'closed', closed_at: `2026-12-0${2 + n}T06:00:00.000Z`, responsible_engineer_id: Number(author.id) })
        .where('id', '=', sr.id)
        .execute();
      const how = n === 0 ? '更换电源模块后运行稳定' : '升级固件，告警消除';
      written.push(how);
      await db
        .insertInto('service_debrief')
        .values({
          service_request_id: sr.id,
          author_id: Number(author.id),
          how_it_went: how,
          lessons: '提前备好电源模块',
          customer_situation: situation,
          created_at: `2026-12-0${2 + n}T08:00:00.000Z`,
        })
        .execute();
    }
    const tm = await fridayPage('tm@e2e.cn');
    await tm.goto(`${server.url}/reports/weekly-record`);
    await tm.getByTestId('weekly-record-page').waitFor();
    await tm.getByTestId('open-sales-notes').click();
    await tm.waitForURL(/\/reports\/weekly-record\/sales-notes\?week=2026-11-30/);
    const note = tm.getByTestId(`sales-note-${sales.body.id}`);
    await note.waitFor();
    assert.equal(await note.getByTestId('sales-note-customer').count(), 2);
    for (const how of written) await note.getByText(how).waitFor();
    await note.getByText('客户计划明年扩容存储').waitFor();
    assert.equal(await tm.getByTestId('sales-notes-xlsx').getAttribute('href'), '/api/debriefs/weekly.xlsx?week=2026-11-30&lang=zh-CN');
    await screenshot(tm, 'reports-sales-notes');
  });
});
