/**
 * The service request list's free text at 1,000,000 requests, in process (repo call: plan choice,
 * page, references and capped count), p50/p95 of `--runs` calls per term, with the load. Prints,
 * never asserts. Seed first (bench/service-requests-data.ts), then:
 *
 *   node --import tsx bench/list-text-timing.ts --file /tmp/fuwu-sr/sr.sqlite
 *   TEST_DATABASE_URL=postgres://… node --import tsx bench/list-text-timing.ts --pg fuwu_srbench_kept [--runs 20]
 */
import os from 'node:os';
import { isTerminalState, SERVICE_REQUEST_STATES } from '@contract/service-request-states';
import type { TServiceRequestQuery } from '@contract/service-requests';
import { type DbHandle, openPostgres, openSqlite } from '../server/src/db/database';
import * as repo from '../server/src/modules/service-requests/service-requests.repo';
import { argValue, fmt, percentileSorted } from './lib/stats';

async function main() {
  const argv = process.argv.slice(2);
  const runs = Number(argValue(argv, '--runs') ?? 20);
  const pgName = argValue(argv, '--pg');
  let handle: DbHandle;
  if (pgName) {
    const u = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = `/${pgName}`;
    handle = openPostgres(u.toString());
  } else handle = openSqlite(argValue(argv, '--file') ?? '/tmp/fuwu-sr/sr.sqlite', { backgroundCheckpoint: false });
  const db = handle.db;
  const c = await db.selectFrom('customer').select('name').where('id', '=', 4242).executeTakeFirstOrThrow();
  const brand = [...c.name].slice(2, 4).join('');
  // Every state but the terminal ones (closed, cancelled).
  const open = SERVICE_REQUEST_STATES.filter((st) => !isTerminalState(st));
  const cases: [string, Partial<TServiceRequestQuery>][] = [
    ['page 1, no filter', {}],
    ['open states', { state: open as never }],
    [`q=${brand}`, { q: brand }],
    ['q=有限', { q: '有限' }],
    ['q=公司', { q: '公司' }],
    ['q=硬盘', { q: '硬盘' }],
    [`q=${c.name}`, { q: c.name }],
    ['q=鲲鹏 (none)', { q: '鲲鹏' }],
    [`q=${brand} + open states`, { q: brand, state: open as never }],
  ];
  console.log(
    `list-text-timing — ${pgName ? 'postgres' : 'sqlite'}, load ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
  for (const [name, extra] of cases) {
    const q = { page: 1, pageSize: 50, sort: '-createdAt', ...extra } as TServiceRequestQuery;
    const t: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await repo.listRequests(db, q);
      t.push(performance.now() - t0);
      total = r.total;
    }
    t.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(40)} total ${String(total).padStart(5)}  p50 ${fmt(percentileSorted(t, 50))}  p95 ${fmt(percentileSorted(t, 95))} ms`,
    );
  }
  console.log(
    `  load ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
