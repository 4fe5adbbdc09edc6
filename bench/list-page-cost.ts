/**
 * What one service-request list page costs in-process, by part (no HTTP): the repo's list
 * (Kysely + database), the rows → API objects, the response's zod parse, JSON.stringify, and a
 * whole `app.inject` of the page (auth, hooks, logging, serialisation). On an existing seeded
 * database (bench/service-requests-data.ts). Prints, never asserts; microseconds a page are
 * medians of rounds, the load average beside them.
 *
 *   node --import tsx bench/list-page-cost.ts --file /tmp/fuwu-sr/sr.sqlite [--pages 300]
 *   node --import tsx bench/list-page-cost.ts --url postgres://… [--pages 300]
 *   … [--cpu-prof FILE]: a V8 CPU profile of the inject runs alone (summarise with
 *   bench/cpu-profile-summary.ts FILE)
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { safeParse } from 'zod/v4/core';
import { ZPage } from '@contract/common';
import { ZServiceRequest } from '@contract/service-requests';
import { buildApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import { openPostgres, openSqlite } from '../server/src/db/database';
import * as repo from '../server/src/modules/service-requests/service-requests.repo';
import { toServiceRequest } from '../server/src/modules/service-requests/service-requests.view';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { argValue, fmt, median } from './lib/stats';

const argv = process.argv.slice(2);
const pages = Number(argValue(argv, '--pages') ?? 300);
const url = argValue(argv, '--url');
const database = url ? openPostgres(url) : openSqlite(argValue(argv, '--file') ?? '/tmp/fuwu-sr/sr.sqlite');
const db = database.db;

/**
 * Wall and CPU time a page (medians of rounds). The CPU time is the process's (this thread, the
 * GC's helpers, SQLite's work): on a machine shared with other work the wall time stretches with
 * the load, the CPU time much less.
 */
async function timeIt(label: string, fn: () => unknown | Promise<unknown>) {
  const runs: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 5; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < pages; i++) await fn();
    runs.push(((performance.now() - t0) / pages) * 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / pages);
  }
  console.log(
    `  ${label.padEnd(48)} ${fmt(median(cpu), 0).padStart(6)} µs CPU a page, ${fmt(median(runs), 0).padStart(6)} µs wall  (CPU runs ${cpu.map((r) => fmt(r, 0)).join(', ')})`,
  );
}

async function main() {
  console.log(
    `list-page-cost — ${url ? 'postgres' : 'sqlite'}, load ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
  const engineer = await db
    .selectFrom('service_request')
    .select('responsible_engineer_id as e')
    .where('responsible_engineer_id', 'is not', null)
    .limit(1)
    .executeTakeFirstOrThrow();
  const cases = [
    { name: 'no filter, -createdAt', qs: '', q: { page: 1, pageSize: 50, sort: '-createdAt' } },
    {
      name: 'engineer, -createdAt',
      qs: `engineerId=${engineer.e}`,
      q: { page: 1, pageSize: 50, sort: '-createdAt', engineerId: Number(engineer.e) },
    },
  ] as const;
  const app = await buildApp({
    config: parseConfig({ FUWU_DATA_DIR: os.tmpdir(), LOG_LEVEL: 'info', FUWU_LOGIN_RATE_PER_MINUTE: '1000' }),
    database,
    logger: { level: 'info', file: '/dev/null' },
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD },
  });
  const cookie = login.headers['set-cookie'];
  const sessionCookie = (Array.isArray(cookie) ? cookie : [cookie]).find((c) => c?.startsWith('fuwu_session='))?.split(';')[0] ?? '';
  const schema = ZPage(ZServiceRequest);
  for (const c of cases) {
    console.log(`\n  ${c.name}`);
    const { rows, total } = await repo.listRequests(db, c.q as never);
    const page = { items: rows.map(toServiceRequest), total, page: 1, pageSize: 50 };
    console.log(`  ${rows.length} rows, ${Buffer.byteLength(JSON.stringify(page))} bytes`);
    await timeIt('repo.listRequests (Kysely + database)', () => repo.listRequests(db, c.q as never));
    await timeIt('rows → API objects (toServiceRequest ×50)', () => rows.map(toServiceRequest));
    await timeIt('zod parse of the page', () => safeParse(schema, page));
    await timeIt('JSON.stringify of the page', () => JSON.stringify(page));
    await timeIt('app.inject GET the page (whole)', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/service-requests?${c.qs}`, headers: { cookie: sessionCookie } });
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
    });
  }
  const profFile = argValue(argv, '--cpu-prof');
  if (profFile) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    for (const c of cases)
      for (let i = 0; i < pages * 3; i++)
        await app.inject({ method: 'GET', url: `/api/service-requests?${c.qs}`, headers: { cookie: sessionCookie } });
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(profFile, JSON.stringify(profile));
    console.log(`\n  profile of the inject runs: ${profFile}`);
  }
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
