import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLists, LONG_CUSTOMER, type ListPage, listSuite } from './list-fit';

/** The main lists, each with the view that shows its table. */
const LISTS: ListPage[] = [
  { name: 'service-requests', path: '/service-requests' },
  { name: 'customers', path: '/customers' },
  { name: 'contracts', path: '/contracts' },
  { name: 'calls', path: '/calls?view=all' },
  { name: 'equipment', path: '/equipment' },
  { name: 'parts-loans', path: '/parts?tab=loans' },
  { name: 'parts-stock', path: '/parts?tab=stock' },
  { name: 'parts-tags', path: '/parts?tab=tags' },
  { name: 'trainings-sessions', path: '/trainings?tab=sessions' },
  { name: 'trainings-plans', path: '/trainings?tab=plans' },
  { name: 'pm-visits', path: '/maintenance?view=list&month={pmMonth}' },
  { name: 'pm-plans', path: '/maintenance?view=plans' },
  { name: 'pm-gaps', path: '/maintenance?view=gaps' },
  { name: 'pm-completion', path: '/maintenance?view=completion' },
];

// The columns' widths are the web's alone (no engine changes a list's layout): once, on SQLite.
describe('the main lists fit 1440×900 without sideways scrolling (sqlite)', () => {
  const lists = listSuite();

  it('each main list, with the demo and long Chinese names, fits the page: no table scrolls sideways, dates whole, long text cut with the whole on hover', async () => {
    const page = await lists.pageOf('zhang.wei@demo.fuwu');
    await checkLists(page, lists.url, LISTS, lists.pmMonth);
    // The long names are cut on one line and whole on hover.
    await page.goto(`${lists.url}/customers?q=${encodeURIComponent('东方国际')}`);
    const name = page.locator(`[title="${LONG_CUSTOMER}"]`).first();
    await name.waitFor();
    assert.ok(await name.evaluate((el) => el.scrollWidth > el.clientWidth), 'the long customer name is cut on one line');
    await page.close();
  });
});
