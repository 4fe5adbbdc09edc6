/**
 * Lighthouse 12 (Chromium at /usr/bin/chromium) against the production build with the demo company:
 * the sign-in page, the engineer's work page and a service request's detail page, with Lighthouse's
 * mobile profile (simulated slow 4G, 4× slower CPU) and its desktop profile. Prints the four
 * category scores, LCP and total blocking time. Prints, never asserts.
 *
 *   node --import tsx bench/lighthouse.bench.ts [--runs 1] [--pages sign-in,my-work,detail] [--profiles mobile,desktop] [--save dir]
 *
 * `--save dir` writes each run's full report (`<page>-<profile>-<run>.json`) for a closer look.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { DEMO_ENGINEER, firstRequestOf, startDemoServer } from './lib/demo-server';
import { machineLine } from './lib/machine';
import { argValue, median } from './lib/stats';

const runs = Number(argValue(process.argv, '--runs') ?? 1);
const onlyPages = argValue(process.argv, '--pages')?.split(',');
const profiles = (argValue(process.argv, '--profiles')?.split(',') ?? ['mobile', 'desktop']) as ('mobile' | 'desktop')[];
const saveDir = argValue(process.argv, '--save');
if (saveDir) fs.mkdirSync(saveDir, { recursive: true });
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

console.log(`lighthouse.bench — ${machineLine()}`);
const server = await startDemoServer();
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-sync',
  ],
});
try {
  const cookie = await server.signIn(DEMO_ENGINEER);
  const requestId = await firstRequestOf(server, cookie);
  const pages = [
    { key: 'sign-in', name: 'sign-in', path: '/login', cookie: null },
    { key: 'my-work', name: 'my work (engineer)', path: '/my-work', cookie },
    { key: 'detail', name: 'service request detail', path: `/service-requests/${requestId}`, cookie },
  ].filter((p) => !onlyPages || onlyPages.includes(p.key));
  console.log('page | profile | performance | accessibility | best practices | SEO | LCP ms | TBT ms | transferred KB');
  for (const page of pages) {
    for (const profile of profiles) {
      const results: { scores: number[]; lcp: number; tbt: number; bytes: number }[] = [];
      const failing = new Set<string>();
      for (let i = 0; i < runs; i++) {
        const r = await lighthouse(
          `${server.url}${page.path}`,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: [...CATEGORIES],
            ...(page.cookie && { extraHeaders: { Cookie: page.cookie } }),
          },
          profile === 'desktop' ? desktopConfig : undefined,
        );
        if (!r) throw new Error('lighthouse gave no result');
        const lhr = r.lhr;
        if (saveDir) fs.writeFileSync(path.join(saveDir, `${page.key}-${profile}-${i + 1}.json`), JSON.stringify(lhr));
        // What keeps accessibility below 100: the audits it failed, by id.
        for (const ref of lhr.categories.accessibility?.auditRefs ?? [])
          if (ref.weight > 0 && lhr.audits[ref.id]?.score === 0) failing.add(ref.id);
        results.push({
          scores: CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100)),
          lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
          tbt: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
          bytes: lhr.audits['total-byte-weight']?.numericValue ?? Number.NaN,
        });
      }
      const med = (f: (x: (typeof results)[number]) => number) => Math.round(median(results.map(f)));
      console.log(
        [
          page.name,
          profile,
          ...CATEGORIES.map((_, k) => med((x) => x.scores[k])),
          med((x) => x.lcp),
          med((x) => x.tbt),
          med((x) => x.bytes / 1024),
        ].join(' | ') + (failing.size ? ` | accessibility failed: ${[...failing].join(', ')}` : ''),
      );
    }
  }
} finally {
  chrome.kill();
  await server.stop();
}
