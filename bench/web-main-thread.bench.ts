/**
 * The main thread's work while the engineer's work page and a service request's detail page load
 * (the production build, the demo company, Chromium at 390×844), from a Chromium trace: each task's
 * CPU (thread) time, which the machine's load barely changes, unlike the wall-clock times Lighthouse
 * reads. Prints the total, the longest task and a Lighthouse-like blocking time: the sum over tasks
 * of max(0, 4 × CPU − 50 ms), as on its 4× slower phone CPU. Prints, never asserts.
 *
 *   npm run build && node --import tsx bench/web-main-thread.bench.ts [--runs 3]
 */
import { chromium } from 'playwright-core';
import { DEMO_ENGINEER, firstRequestOf, startDemoServer } from './lib/demo-server';
import { machineLine } from './lib/machine';
import { argValue, median } from './lib/stats';

const runs = Number(argValue(process.argv, '--runs') ?? 3);
console.log(`web-main-thread.bench — ${machineLine()}`);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** CPU ms of each top-level task of the renderer's main thread that worked most (the page's). */
function mainThreadTasks(events: TraceEvent[]): number[] {
  const tasksOf = (t: TraceEvent) =>
    events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined);
  const sum = (xs: TraceEvent[]) => xs.reduce((s, e) => s + (e.tdur ?? 0), 0);
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const main = mains.map((m) => tasksOf(m)).sort((a, b) => sum(b) - sum(a))[0] ?? [];
  return main.map((e) => (e.tdur ?? 0) / 1000);
}

const server = await startDemoServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const cookie = await server.signIn(DEMO_ENGINEER);
  const requestId = await firstRequestOf(server, cookie);
  const [cookieName, cookieValue] = cookie.split('=');
  const pages = [
    { name: 'my work (engineer)', path: '/my-work' },
    { name: 'service request detail', path: `/service-requests/${requestId}` },
  ];
  console.log('page | main-thread CPU ms | longest task ms | 4× blocking ms (medians)');
  for (const p of pages) {
    const cpu: number[] = [];
    const longest: number[] = [];
    const blocking: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      await context.addCookies([{ name: cookieName, value: cookieValue, url: server.url }]);
      const page = await context.newPage();
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
      await page.goto(`${server.url}${p.path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      await context.close();
      const tasks = mainThreadTasks(trace.traceEvents);
      cpu.push(tasks.reduce((s, x) => s + x, 0));
      longest.push(Math.max(0, ...tasks));
      blocking.push(tasks.reduce((s, x) => s + Math.max(0, 4 * x - 50), 0));
    }
    console.log([p.name, ...[cpu, longest, blocking].map((xs) => Math.round(median(xs)))].join(' | '));
  }
} finally {
  await browser.close();
  await server.stop();
}
