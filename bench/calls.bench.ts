/**
 * The phone desk (R-CALL-1): caller lookup by phone (`GET /api/customers/by-phone`) over 100,000
 * contacts, and saving a call (`POST /api/calls`), over HTTP against the real application in a
 * process of its own, on SQLite or PostgreSQL. Prints, never asserts.
 *
 *   node --import tsx bench/calls.bench.ts [--engine sqlite|postgres] [--contacts 100000] [--seconds 5]
 *        [--saves-only] [--cpu-prof DIR] [--db NAME | --file PATH] [--reuse]
 *
 * PostgreSQL: a database NAME (default fuwu_calls_bench, dropped and made anew unless `--reuse`
 * finds it seeded) on TEST_DATABASE_URL's server. SQLite: a file in a temporary folder, or PATH
 * (kept; `--reuse` skips the seeding when it exists).
 *
 * The figures at 50 req/s are paced (bench/lib/paced-load.ts): Poisson arrivals, latency from the
 * time each request was due. autocannon's `overallRate` is kept for one line each, labelled
 * "bursts": it sends each second's 50 requests at once, 10 at a time, and its p95 is that of a
 * burst at concurrency 10 (see paced-load.ts). Round 1 of each figure is the first traffic of its
 * kind (what the first callers feel after a restart): V8 has not yet optimised the path (a save
 * costs 2–3 times its warm CPU over the first ~200), and the first round after the start also
 * holds exceljs' warm-up 2 s after listening (spreadsheets/exceljs.ts), which stops the event
 * loop for about a third of a second (bench/start-stall-probe.ts shows it); later rounds are the
 * warm server. Beside each client p95, the server's own p95 (arrival to response head,
 * `server-timing`) and the client's send lag tell where the time went. `--saves-only`: skip the
 * lookups. `--cpu-prof DIR`: a V8 CPU profile of the app server in DIR (summarise with
 * `node --import tsx bench/cpu-profile-summary.ts <file>.cpuprofile`).
 *
 * Each lookup round asks for one existing number (a different one per round): the cost is the
 * index seek on the match key, the same for every number.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type TCreateCustomer, ZCreateCustomer } from '../contract/customers';
import { ZCreateUser } from '../contract/users';
import { systemActor } from '../server/src/actor';
import { type DbHandle, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { createCustomersMany } from '../server/src/modules/customers/customers.service';
import { createUser, ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { startServer } from './lib/child-server';
import { type LoadResult, runLoad } from './lib/load';
import { machineLine } from './lib/machine';
import { type PacedResult, runPaced } from './lib/paced-load';
import { argValue, fmt } from './lib/stats';

const CONTACTS_PER_CUSTOMER = 5;
const RECEIVER = { email: 'receiver@bench.local', password: 'bench-password-1' };
const RATE = 50;

const phoneOf = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;

interface Target {
  engine: 'sqlite' | 'postgres';
  /** SR_SQLITE_FILE or SR_DATABASE_URL of the bench server. */
  serverEnv: Record<string, string>;
  open(): DbHandle;
  /** Whether the data is there already (`--reuse`). */
  seeded: boolean;
  cleanUp(): Promise<void>;
}

async function target(argv: string[]): Promise<Target> {
  const engine = (argValue(argv, '--engine') ?? 'sqlite') as Target['engine'];
  const reuse = argv.includes('--reuse');
  if (engine === 'sqlite') {
    const given = argValue(argv, '--file');
    const dir = given ? path.dirname(given) : fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-calls-bench-'));
    const file = given ?? path.join(dir, 'fuwu.sqlite');
    const seeded = reuse && fs.existsSync(file);
    if (!seeded) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.mkdirSync(dir, { recursive: true });
    return {
      engine,
      serverEnv: { SR_SQLITE_FILE: file },
      // No checkpoint worker in the bench's own process: the server under test runs its own.
      open: () => openSqlite(file, { backgroundCheckpoint: false }),
      seeded,
      cleanUp: async () => {
        if (!given) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('--engine postgres needs TEST_DATABASE_URL');
  const name = argValue(argv, '--db') ?? `fuwu_calls_bench_${randomBytes(4).toString('hex')}`;
  const keep = argValue(argv, '--db') !== undefined;
  const admin = openPostgres(url, { max: 1 });
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db);
  const seeded = reuse && exists.rows[0].n > 0;
  if (!seeded) {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const location = u.toString();
  return {
    engine,
    serverEnv: { SR_DATABASE_URL: location },
    open: () => openPostgres(location, { max: 4 }),
    seeded,
    cleanUp: async () => {
      if (!keep) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

async function seed(database: DbHandle, contacts: number): Promise<void> {
  await migrateToLatest(database.db);
  await ensureFirstAdmin(database.db, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  await createUser(database.db, systemActor('bench'), ZCreateUser.parse({ ...RECEIVER, name: '接线员', roles: ['receiver'] }));
  const t0 = performance.now();
  const customers = Math.ceil(contacts / CONTACTS_PER_CUSTOMER);
  for (let from = 0; from < customers; from += 500) {
    const inputs: TCreateCustomer[] = [];
    for (let c = from; c < Math.min(customers, from + 500); c++) {
      inputs.push(
        ZCreateCustomer.parse({
          name: `基准客户${c}有限公司`,
          contacts: Array.from({ length: CONTACTS_PER_CUSTOMER }, (_, k) => ({
            name: `联系人${c}-${k}`,
            phones: [phoneOf(c * CONTACTS_PER_CUSTOMER + k)],
          })),
        }),
      );
    }
    await transact(database.db, (trx) => createCustomersMany(trx, systemActor('bench'), inputs));
  }
  console.log(
    `  seeded ${customers} customers, ${customers * CONTACTS_PER_CUSTOMER} contacts in ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );
}

/** The customer and contact that own the first number: the saves name them. */
async function firstContact(database: DbHandle): Promise<{ customerId: number; contactId: number }> {
  const row = await database.db
    .selectFrom('contact_phone')
    .innerJoin('contact', 'contact.id', 'contact_phone.contact_id')
    .select(['contact.id as contactId', 'contact.customer_id as customerId'])
    .where('contact_phone.number', '=', phoneOf(0))
    .executeTakeFirstOrThrow();
  return { customerId: Number(row.customerId), contactId: Number(row.contactId) };
}

async function login(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(RECEIVER),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fuwu_session='));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (cookie ?? '').split(';')[0], 'x-csrf-token': csrfToken };
}

const cpuPart = (r: { serverCores: number; clientCores: number; otherCores: number }) =>
  `CPU server ${fmt(r.serverCores)} client ${fmt(r.clientCores)} other ${fmt(r.otherCores)}`;
const failures = (r: { non2xx: number; errors: number }) => (r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx} errors ${r.errors}` : '');

const burstLine = (label: string, r: LoadResult) =>
  `  ${label.padEnd(46)} ${fmt(r.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} ms  ${cpuPart(r)}${failures(r)}`;

const pacedLine = (label: string, r: PacedResult) =>
  `  ${label.padEnd(46)} ${fmt(r.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} max ${fmt(r.max)} ms` +
  `  (server p95 ${fmt(r.serverP95)}, send lag p95 ${fmt(r.sendLagP95)})  ${cpuPart(r)}` +
  `  ${fmt((r.serverCores * 1000) / r.reqPerSec, 2)} ms server CPU a request${failures(r)}`;

async function main() {
  const argv = process.argv.slice(2);
  const contacts = Number(argValue(argv, '--contacts') ?? 100_000);
  const seconds = Number(argValue(argv, '--seconds') ?? 5);
  const savesOnly = argv.includes('--saves-only');
  const cpuProfDir = argValue(argv, '--cpu-prof');
  console.log(machineLine());
  const where = await target(argv);
  try {
    const database = where.open();
    if (where.seeded) console.log('  reusing the seeded database');
    else await seed(database, contacts);
    const first = await firstContact(database);
    await database.close();
    console.log(`  engine ${where.engine}`);
    const app = await startServer(
      '../service-requests-server.ts',
      { ...where.serverEnv, BENCH_SERVER_TIMING: '1' },
      cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [],
      { built: true },
    );
    try {
      const headers = await login(app.url);
      if (!savesOnly) {
        console.log(`\n== GET /api/customers/by-phone over ${contacts} contacts, ${seconds} s a run ==`);
        for (const [i, k] of [7, Math.floor(contacts / 2), contacts - 3].entries()) {
          const phone = encodeURIComponent(`+86 ${phoneOf(k).slice(0, 3)} ${phoneOf(k).slice(3, 7)} ${phoneOf(k).slice(7)}`);
          const url = `${app.url}/api/customers/by-phone?phone=${phone}`;
          const label = `lookup #${i + 1}${i === 0 ? ` (first ${seconds} s after start)` : ''}`;
          const r = await runPaced({ url, serverPid: app.pid, seconds, rate: RATE, headers, seed: i + 1 });
          console.log(pacedLine(`${label}, ${RATE} req/s paced`, r));
          const check = (await (await fetch(url, { headers })).json()) as { items: unknown[] };
          if (check.items.length !== 1) throw new Error(`lookup of ${phoneOf(k)} found ${check.items.length}`);
        }
        const url = `${app.url}/api/customers/by-phone?phone=${phoneOf(11)}`;
        console.log(
          burstLine('lookup, saturated (10 connections)', await runLoad({ url, serverPid: app.pid, seconds, connections: 10, headers })),
        );
        console.log(
          burstLine(
            `lookup, ${RATE} req/s in bursts (autocannon)`,
            await runLoad({ url, serverPid: app.pid, seconds, connections: 10, overallRate: RATE, headers }),
          ),
        );
      }
      console.log(`\n== POST /api/calls, ${seconds} s a run ==`);
      const body = JSON.stringify({
        callerName: '联系人0-0',
        company: '基准客户0有限公司',
        phone: phoneOf(0),
        productType: '存储',
        symptom: '存储阵列告警，业务读写变慢',
        customerId: first.customerId,
        contactId: first.contactId,
      });
      const url = `${app.url}/api/calls`;
      for (let round = 1; round <= 3; round++) {
        const r = await runPaced({ url, serverPid: app.pid, seconds, rate: RATE, headers, method: 'POST', body, seed: 10 + round });
        console.log(pacedLine(`save a call, round ${round}${round === 1 ? ' (first saves)' : ''}, ${RATE} req/s paced`, r));
        if (round === 1)
          console.log(
            `    its first 10 saves, ms: ${r.latencies
              .slice(0, 10)
              .map((x) => fmt(x, 1))
              .join(' ')}`,
          );
      }
      console.log(
        burstLine(
          `save a call, ${RATE} req/s in bursts (autocannon)`,
          await runLoad({ url, serverPid: app.pid, seconds, connections: 10, overallRate: RATE, headers, method: 'POST', body }),
        ),
      );
    } finally {
      await app.stop();
    }
  } finally {
    await where.cleanUp();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
