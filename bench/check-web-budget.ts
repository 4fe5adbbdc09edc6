/**
 * CI check: what a phone really downloads. Starts the production build with the demo company,
 * loads the sign-in page and the engineer's work page in Chromium (which asks for br/gzip, as
 * phones do), and sums the bytes transferred for everything each page loads — headers and
 * compressed bodies, as the network counts them. Exits 1 when a page is over its budget.
 *
 *   node --import tsx bench/check-web-budget.ts
 */
import { chromium } from 'playwright-core';
import { DEMO_ENGINEER, startDemoServer } from './lib/demo-server';

/** Bytes transferred, in kB of 1,000 bytes (issue: sign-in ≤ 200 KB, the engineer's work page ≤ 300 KB). */
const BUDGETS = [
  { name: 'sign-in', path: '/login', signedIn: false, budget: 200_000 },
  { name: "engineer's work page", path: '/my-work', signedIn: true, budget: 300_000 },
];

const server = await startDemoServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
let over = 0;
try {
  const cookie = await server.signIn(DEMO_ENGINEER);
  for (const page of BUDGETS) {
    // A fresh context: an empty cache, no service worker, as on a first visit.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    if (page.signedIn) {
      const [name, value] = cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
    }
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const sizes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
    await tab.goto(`${server.url}${page.path}`, { waitUntil: 'networkidle' });
    await context.close();
    const rows = [...sizes].map(([id, bytes]) => ({ url: (urls.get(id) ?? id).replace(server.url, ''), bytes })).sort((a, b) => b.bytes - a.bytes);
    const total = rows.reduce((s, r) => s + r.bytes, 0);
    console.log(`${page.name} (${page.path}): ${rows.length} requests, ${(total / 1000).toFixed(1)} kB transferred of ${page.budget / 1000} kB`);
    for (const r of rows.slice(0, 12)) console.log(`  ${(r.bytes / 1000).toFixed(1).padStart(7)} kB  ${r.url}`);
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
