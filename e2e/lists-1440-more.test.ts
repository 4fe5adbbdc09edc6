import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/demo';
import { launchBrowser, screenshot, signIn, startServer } from './harness';
import { assertDatesWhole, assertFits, checkLists, type ListPage, loadListDemo } from './list-fit';

/** The other lists of the menu (the demo leaves some without rows). */
const LISTS: ListPage[] = [
  { name: 'task-requests', path: '/task-requests', mayBeEmpty: true },
  { name: 'escalations', path: '/escalations', mayBeEmpty: true },
  { name: 'projects', path: '/projects', mayBeEmpty: true },
  { name: 'service-reports', path: '/service-reports', mayBeEmpty: true },
  { name: 'follow-ups', path: '/follow-ups', mayBeEmpty: true },
  { name: 'goods-deviations', path: '/goods-deviations', mayBeEmpty: true },
  { name: 'warranty-registrations', path: '/warranty-registrations', mayBeEmpty: true },
  { name: 'inspections', path: '/inspections', mayBeEmpty: true },
  { name: 'licences', path: '/licences', mayBeEmpty: true },
];

// As lists-1440.test.ts, for the lists beside the main ones: once, on SQLite.
describe('the other lists, and the contracts with amounts, fit 1440×900 without sideways scrolling (sqlite)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let pmMonth = '';

  before(async () => {
    server = await startServer('sqlite');
    browser = await launchBrowser();
    ({ pmMonth } = await loadListDemo(server.app));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('each of the other lists, with the demo and long Chinese names, fits the page: no table scrolls sideways, dates whole', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, 'zhang.wei@demo.fuwu', DEMO_PASSWORD);
    await checkLists(page, server.url, LISTS, pmMonth);
    await page.close();
  });

  it('sales see the contracts with their amounts: one column more, the list still fits and the term is whole', async () => {
    const sales = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(sales, server.url, 'li.na@demo.fuwu', DEMO_PASSWORD);
    await sales.goto(`${server.url}/contracts?q=${encodeURIComponent('东方国际')}`);
    await sales.getByText('~ 2029-10-31', { exact: true }).first().waitFor();
    await sales.getByText('2026-11-01', { exact: true }).first().waitFor();
    await sales.goto(`${server.url}/contracts`);
    await sales.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await assertFits(sales, 'contracts with amounts');
    await assertDatesWhole(sales, 'contracts with amounts');
    await screenshot(sales, 'lists-1440-contracts-amounts');
    await sales.close();
  });
});
