import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, startServer } from './harness';

/** Lighthouse's "slow 4G": 150 ms round trips ×3.75, 1.6 Mbit/s down ×0.9, 750 kbit/s up ×0.9. */
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

describe('the web app on a phone', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let context: BrowserContext;
  let profile: string;
  before(async () => {
    server = await startServer();
    // A persistent profile, as a phone's browser has: installability is not offered off the record.
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
  });
  after(async () => {
    await context?.close();
    await server?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('installs as an app: Chromium finds no installability error in the manifest', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor();
    const manifest = await (await page.request.get(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512'));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    await page.close();
  });

  it('the second visit on slow 4G starts from the service worker: the shell and its scripts come from the cache', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The first visit's assets went through the worker into its cache once it controls the page.
    await page.reload();
    await page.getByTestId('login-submit').waitFor();

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    const fromWorker: string[] = [];
    const fromNetwork: string[] = [];
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (!url.pathname.startsWith('/assets/')) return;
      (r.fromServiceWorker() ? fromWorker : fromNetwork).push(url.pathname);
    });
    const started = Date.now();
    await page.reload();
    await page.getByTestId('login-submit').waitFor();
    const ms = Date.now() - started;
    assert.ok(fromWorker.length > 0, 'scripts came from the service worker');
    assert.deepEqual(fromNetwork, [], 'no script was downloaded again');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
    console.log(`  second visit on slow 4G: sign-in form shown in ${ms} ms, ${fromWorker.length} scripts from the worker`);
    await page.close();
  });
});
