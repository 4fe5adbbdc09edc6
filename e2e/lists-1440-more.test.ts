import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/demo';
import { launchBrowser, signIn, startServer } from './harness';
import { checkLists, type ListPage, loadListDemo } from './list-fit';

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
describe('the other lists fit 1440×900 without sideways scrolling (sqlite)', () => {
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
});
