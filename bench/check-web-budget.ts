/**
 * CI check: what a phone really downloads. Starts the production build with the demo company,
 * loads the sign-in page and the engineer's work page in Chromium at a phone's size (which asks for br/gzip, as
 * phones do), waits until the page shows its content and the network is quiet, and sums the
 * bytes transferred for everything it loaded: response headers and compressed bodies. Exits 1 when a page is over its budget.
 *
 *   node --import tsx bench/check-web-budget.ts
 */
import { chromium } from 'playwright-core';
import { DEMO_ENGINEER, startDemoServer } from './lib/demo-server';

/** Bytes transferred, in kB of 1,000 bytes: the sign-in page ≤ 200 kB, the engineer's work page ≤ 300 kB. */
const BUDGETS = [
  { name: 'sign-in', path: '/login', signedIn: false, ready: 'login-submit', budget: 200_000 },
  { name: "engineer's work page", path: '/my-work', signedIn: true, ready: 'my-work-today', budget: 300_000 },
];

const server = await startDemoServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
});
let over = 0;
try {
  const cookie = await server.signIn(DEMO_ENGINEER);
  for (const page of BUDGETS) {
    // A phone's first visit: its screen, an empty cache, no service worker yet.
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    if (page.signedIn) {
      const [name, value] = cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
    }
    const tab = await context.newPage();
    const rows: { url: string; bytes: number }[] = [];
    const sizing: Promise<void>[] = [];
    tab.on('requestfinished', (req) => {
      sizing.push(
        req.sizes().then((s) => {
          rows.push({ url: req.url().replace(server.url, ''), bytes: s.responseHeadersSize + s.responseBodySize });
        }),
      );
    });
    await tab.goto(`${server.url}${page.path}`);
    await tab.getByTestId(page.ready).waitFor();
    await tab.waitForLoadState('networkidle');
    await Promise.all(sizing);
    await context.close();
    rows.sort((a, b) => b.bytes - a.bytes);
    const total = rows.reduce((s, r) => s + r.bytes, 0);
    console.log(`${page.name} (${page.path}): ${rows.length} requests, ${(total / 1000).toFixed(1)} kB transferred, budget ${page.budget / 1000} kB`);
    for (const r of rows.slice(0, Number(process.env.BUDGET_ROWS ?? 12))) console.log(`  ${(r.bytes / 1000).toFixed(1).padStart(7)} kB  ${r.url}`);
    if (total > page.budget) {
      console.error(`  over budget by ${((total - page.budget) / 1000).toFixed(1)} kB`);
      over++;
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
if (over) process.exit(1);
console.log('every page within its transfer budget');
