/**
 * What one service-request create costs in-process (no HTTP client, no other process competing
 * for the cores as autocannon does): `app.inject` POST /api/service-requests, one at a time and ten
 * at once (the group commit), against a one-row insert into a simple table of the same database,
 * and the number upsert alone, alone in its transaction. Optionally a V8 CPU profile of the creates
 * only (startup excluded), summarised by part of the create (bench/create-parts.ts). On an existing seeded database
 * (bench/service-requests-data.ts; it is written to: use a copy). Prints, never asserts.
 *
 *   node --import tsx bench/create-cost.ts --file /tmp/fuwu-sr/sr-copy.sqlite [--n 400] [--cpu-prof FILE]
 *   node --import tsx bench/create-cost.ts --url postgres://… [--n 400]
 *   … [--cache-mb N]: SQLite experiment, the connection's page cache at N MB (default: SQLite's 2 MB)
 *   … [--no-checkpointer]: SQLite experiment, without the WAL checkpoint worker thread
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import { openPostgres, openSqlite } from '../server/src/db/database';
import { nextNumber } from '../server/src/db/number-sequence';
import { transact } from '../server/src/db/transaction';
import { createParts } from './create-parts';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { argValue, fmt, median } from './lib/stats';

const argv = process.argv.slice(2);
const n = Number(argValue(argv, '--n') ?? 400);
const url = argValue(argv, '--url');
/** SQLite experiment: no WAL checkpoint worker (its thread's CPU counts in this process's). */
const noCheckpointer = argv.includes('--no-checkpointer');
const database = url
  ? openPostgres(url)
  : openSqlite(argValue(argv, '--file') ?? '/tmp/fuwu-sr/sr-copy.sqlite', { backgroundCheckpoint: !noCheckpointer });
const db = database.db;
const cacheMb = argValue(argv, '--cache-mb');
if (cacheMb && database.sqlite) database.sqlite.pragma(`cache_size = -${Number(cacheMb) * 1024}`);
const load = () =>
  os
    .loadavg()
    .map((l) => fmt(l))
    .join(' ');

/**
 * µs per call: the process's CPU time (user + system: what survives the machine's load better than
 * the wall time, printed beside it), median of 5 rounds of n/5 calls, `batch` at once.
 */
async function perCall(label: string, batch: number, fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  const cpu: number[] = [];
  const per = Math.max(batch, Math.floor(n / 5));
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < per; i += batch) await Promise.all(Array.from({ length: batch }, fn));
    const c = process.cpuUsage(c0);
    runs.push(((performance.now() - t0) / per) * 1000);
    cpu.push((c.user + c.system) / per);
  }
  const m = median(cpu);
  console.log(
    `  ${label.padEnd(58)} ${fmt(m, 0).padStart(6)} µs CPU, ${fmt(median(runs), 0).padStart(6)} µs wall  (CPU runs ${cpu.map((r) => fmt(r, 0)).join(', ')})  [load ${load()}]`,
  );
  return m;
}

async function main() {
  console.log(
    `create-cost — ${url ? 'postgres' : `sqlite, page cache ${cacheMb ?? 2} MB${noCheckpointer ? ', no checkpoint worker' : ''}`}, load ${load()}`,
  );
  await sql`insert into contract_service_kind (contract_id, kind) values (1234, 'onsite_maintenance') on conflict do nothing`.execute(db);
  const engineer = await db
    .selectFrom('user_role')
    .select('user_id')
    .where('role', '=', 'engineer')
    .orderBy('user_id')
    .limit(1)
    .executeTakeFirstOrThrow();
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
  const { csrfToken } = login.json() as { csrfToken: string };
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie]).find((c) => c?.startsWith('fuwu_session='))?.split(';')[0] ?? '';
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(1, 0, 0, 0);
  const payload = {
    kind: 'emergency_repair',
    customerId: 1234,
    contractId: 1234,
    contactName: '王伟',
    contactPhone: '13800138000',
    siteAddress: '北京市海淀区中关村大街1号',
    description: '华为 磁盘阵列 硬盘故障告警，请尽快安排工程师上门',
    responsibleEngineerId: Number(engineer.user_id),
    plannedStart: tomorrow.toISOString(),
    plannedEnd: new Date(tomorrow.getTime() + 4 * 3_600_000).toISOString(),
    priority: 'high',
    issue: true,
  };
  const create = async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/service-requests',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload,
    });
    if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${r.body}`);
  };
  // PostgreSQL: bigserial, as the HTTP bench's bare server (an integer key there gets no value).
  await sql`create table if not exists bench_sr_baseline (id ${url ? sql`bigserial` : sql`integer`} primary key, description text not null, created_at text not null)`.execute(
    db,
  );
  const bare = async () => {
    await sql`insert into bench_sr_baseline (description, created_at) values (${payload.description}, ${new Date().toISOString()})`.execute(
      db,
    );
  };
  for (let i = 0; i < 20; i++) await create();
  const app1 = await perCall('app.inject POST /api/service-requests, one at a time', 1, create);
  const bare1 = await perCall('one-row insert (Kysely, autocommit), one at a time', 1, bare);
  const app10 = await perCall('app.inject POST /api/service-requests, 10 at once', 10, create);
  await perCall('number upsert alone, in a transaction of its own', 1, () => transact(db, (trx) => nextNumber(trx, 'BENCH-2026', db)));
  console.log(
    `  app ÷ bare by CPU per call (one at a time): ${fmt((bare1 / app1) * 100, 1)} %; 10 at once: ${fmt((bare1 / app10) * 100, 1)} % of the one-row insert's rate`,
  );
  const profFile = argValue(argv, '--cpu-prof');
  if (profFile) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < n; i += 10) await Promise.all(Array.from({ length: 10 }, create));
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(profFile, JSON.stringify(profile));
    console.log(`  profile of ${n} creates (10 at once): ${profFile}`);
    createParts(profFile, n, app10);
  }
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
