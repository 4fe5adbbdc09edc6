/**
 * The phone desk (R-CALL-1): caller lookup by phone (`GET /api/customers/by-phone`) over 100,000
 * contacts, and saving a call (`POST /api/calls`) at 50 req/s, over HTTP against the real
 * application in a process of its own. Prints, never asserts. SQLite only.
 *
 *   node --import tsx bench/calls.bench.ts [--contacts 100000] [--seconds 5] [--saves-only] [--cpu-prof DIR]
 *
 * `--saves-only`: skip the lookups. `--cpu-prof DIR`: a V8 CPU profile of the app server in DIR
 * (summarise with `node --import tsx bench/cpu-profile-summary.ts <file>.cpuprofile`). Each line
 * gives the server's CPU in cores: divided by the rate, the CPU a request costs.
 *
 * Each lookup run asks for one existing number (a different one per run): the cost is the index
 * seek on the match key, the same for every number.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TCreateCustomer, ZCreateCustomer } from '../contract/customers';
import { ZCreateUser } from '../contract/users';
import { systemActor } from '../server/src/actor';
import { openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { createCustomersMany } from '../server/src/modules/customers/customers.service';
import { createUser, ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { startServer } from './lib/child-server';
import { type LoadResult, runLoad } from './lib/load';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

const CONTACTS_PER_CUSTOMER = 5;
const RECEIVER = { email: 'receiver@bench.local', password: 'bench-password-1' };

const phoneOf = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;

async function seed(file: string, contacts: number): Promise<{ customerId: number; contactId: number }> {
  const database = openSqlite(file);
  await migrateToLatest(database.db);
  await ensureFirstAdmin(database.db, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  await createUser(database.db, systemActor('bench'), ZCreateUser.parse({ ...RECEIVER, name: '接线员', roles: ['receiver'] }));
  const t0 = performance.now();
  const customers = Math.ceil(contacts / CONTACTS_PER_CUSTOMER);
  let first = { customerId: 0, contactId: 0 };
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
    const created = await transact(database.db, (trx) => createCustomersMany(trx, systemActor('bench'), inputs));
    if (from === 0) first = { customerId: created[0].id, contactId: created[0].contacts[0].id };
  }
  console.log(
    `  seeded ${customers} customers, ${customers * CONTACTS_PER_CUSTOMER} contacts in ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );
  await database.close();
  return first;
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

const line = (label: string, r: LoadResult) =>
  `  ${label.padEnd(44)} ${fmt(r.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} ms  ` +
  `CPU server ${fmt(r.serverCores)} client ${fmt(r.clientCores)} other ${fmt(r.otherCores)}` +
  (r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx} errors ${r.errors}` : '');

async function main() {
  const argv = process.argv.slice(2);
  const contacts = Number(argValue(argv, '--contacts') ?? 100_000);
  const seconds = Number(argValue(argv, '--seconds') ?? 5);
  const savesOnly = argv.includes('--saves-only');
  const cpuProfDir = argValue(argv, '--cpu-prof');
  console.log(machineLine());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-calls-bench-'));
  const file = path.join(dir, 'fuwu.sqlite');
  try {
    const first = await seed(file, contacts);
    const app = await startServer(
      '../service-requests-server.ts',
      { SR_SQLITE_FILE: file },
      cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [],
      { built: true },
    );
    try {
      const headers = await login(app.url);
      if (!savesOnly) console.log(`\n== GET /api/customers/by-phone over ${contacts} contacts, ${seconds} s a run ==`);
      for (const [i, k] of (savesOnly ? [] : [7, Math.floor(contacts / 2), contacts - 3]).entries()) {
        const phone = encodeURIComponent(`+86 ${phoneOf(k).slice(0, 3)} ${phoneOf(k).slice(3, 7)} ${phoneOf(k).slice(7)}`);
        const url = `${app.url}/api/customers/by-phone?phone=${phone}`;
        const check = (await (await fetch(url, { headers })).json()) as { items: unknown[] };
        if (check.items.length !== 1) throw new Error(`lookup of ${phoneOf(k)} found ${check.items.length}`);
        console.log(
          line(
            `lookup #${i + 1}, 50 req/s`,
            await runLoad({ url, serverPid: app.pid, seconds, connections: 10, overallRate: 50, headers }),
          ),
        );
        console.log(
          line(
            `lookup #${i + 1}, saturated (10 connections)`,
            await runLoad({ url, serverPid: app.pid, seconds, connections: 10, headers }),
          ),
        );
      }
      console.log(`\n== POST /api/calls at 50 req/s, ${seconds} s a run ==`);
      const body = JSON.stringify({
        callerName: '联系人0-0',
        company: '基准客户0有限公司',
        phone: phoneOf(0),
        productType: '存储',
        symptom: '存储阵列告警，业务读写变慢',
        customerId: first.customerId,
        contactId: first.contactId,
      });
      for (let round = 1; round <= 2; round++) {
        const r = await runLoad({
          url: `${app.url}/api/calls`,
          serverPid: app.pid,
          seconds,
          connections: 10,
          overallRate: 50,
          headers,
          method: 'POST',
          body,
        });
        console.log(`${line(`save a call, round ${round}`, r)}  (${fmt((r.serverCores * 1000) / r.reqPerSec, 2)} ms server CPU a save)`);
      }
    } finally {
      await app.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
