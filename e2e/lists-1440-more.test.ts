import { describe, it } from 'node:test';
import { screenshot } from './harness';
import { assertDatesWhole, assertFits, checkLists, type ListPage, listSuite } from './list-fit';

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
  const lists = listSuite();

  it('each of the other lists, with the demo and long Chinese names, fits the page: no table scrolls sideways, dates whole', async () => {
    const page = await lists.pageOf('zhang.wei@demo.fuwu');
    await checkLists(page, lists.url, LISTS, lists.pmMonth);
    await page.close();
  });

  it('sales see the contracts with their amounts: one column more, the list still fits and the term is whole', async () => {
    const sales = await lists.pageOf('li.na@demo.fuwu');
    await sales.goto(`${lists.url}/contracts?q=${encodeURIComponent('东方国际')}`);
    await sales.getByText('~ 2029-10-31', { exact: true }).first().waitFor();
    await sales.getByText('2026-11-01', { exact: true }).first().waitFor();
    await sales.goto(`${lists.url}/contracts`);
    await sales.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await assertFits(sales, 'contracts with amounts');
    await assertDatesWhole(sales, 'contracts with amounts');
    await screenshot(sales, 'lists-1440-contracts-amounts');
    await sales.close();
  });
});
