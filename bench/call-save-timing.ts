/**
 * Where a call save's time goes, in process (no HTTP): over the calls bench's data (100,000
 * contacts in the search index), `createCall` one at a time and in bursts of 10 (as 10 connections
 * at 50 req/s meet in one group commit), timing each save to its commit, and the process's CPU a
 * save (a ratio that holds on a loaded machine, where the latencies do not), and how that CPU falls
 * over the process's first saves as V8 optimises the path. Prints, never asserts.
 *
 *   node --import tsx bench/call-save-timing.ts [--contacts 100000] [--saves 600]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TCreateCustomer, ZCreateCustomer } from '../contract/customers';
import { ZCreateCall } from '../contract/calls';
import { ZCreateUser } from '../contract/users';
import { systemActor, type Actor } from '../server/src/actor';
import { openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { createCall } from '../server/src/modules/calls/calls.service';
import { createCustomersMany } from '../server/src/modules/customers/customers.service';
import { createUser } from '../server/src/modules/users/users.service';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

const phoneOf = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function main() {
  const argv = process.argv.slice(2);
  const contacts = Number(argValue(argv, '--contacts') ?? 100_000);
  const saves = Number(argValue(argv, '--saves') ?? 600);
  console.log(machineLine());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-call-timing-'));
  const database = openSqlite(path.join(dir, 'fuwu.sqlite'));
  try {
    await migrateToLatest(database.db);
    const user = await createUser(
      database.db,
      systemActor('bench'),
      ZCreateUser.parse({ email: 'r@bench.local', password: 'bench-password-1', name: '接线员', roles: ['receiver'] }),
    );
    const customers = Math.ceil(contacts / 5);
    let first = { customerId: 0, contactId: 0 };
    for (let from = 0; from < customers; from += 500) {
      const inputs: TCreateCustomer[] = [];
      for (let c = from; c < Math.min(customers, from + 500); c++)
        inputs.push(
          ZCreateCustomer.parse({
            name: `基准客户${c}有限公司`,
            contacts: Array.from({ length: 5 }, (_, k) => ({ name: `联系人${c}-${k}`, phones: [phoneOf(c * 5 + k)] })),
          }),
        );
      const created = await transact(database.db, (trx) => createCustomersMany(trx, systemActor('bench'), inputs));
      if (from === 0) first = { customerId: created[0].id, contactId: created[0].contacts[0].id };
    }
    const actor: Actor = { id: user.id, name: user.name, roles: ['receiver'], requestId: null };
    const input = ZCreateCall.parse({
      callerName: '联系人0-0',
      company: '基准客户0有限公司',
      phone: phoneOf(0),
      productType: '存储',
      symptom: '存储阵列告警，业务读写变慢',
      customerId: first.customerId,
      contactId: first.contactId,
    });
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const one: number[] = [];
    const cpuEach: number[] = [];
    const cpuOne = process.cpuUsage();
    for (let i = 0; i < saves; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await createCall(database.db, actor, input, 'Asia/Shanghai');
      cpuEach.push(cpuMs(process.cpuUsage(c0)));
      one.push(performance.now() - t0);
    }
    const oneCpu = cpuMs(process.cpuUsage(cpuOne)) / saves;
    const burst: number[] = [];
    const cpuBurst = process.cpuUsage();
    for (let i = 0; i < saves / 10; i++) {
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          createCall(database.db, actor, input, 'Asia/Shanghai').then(() => burst.push(performance.now() - t0)),
        ),
      );
    }
    const burstCpu = cpuMs(process.cpuUsage(cpuBurst)) / saves;
    const line = (label: string, xs: number[]) =>
      `  ${label.padEnd(24)} n ${xs.length}  mean ${fmt(xs.reduce((a, b) => a + b, 0) / xs.length)}  p50 ${fmt(pct(xs, 50))}  p95 ${fmt(pct(xs, 95))}  p99 ${fmt(pct(xs, 99))} ms`;
    // The first saves of a process: V8 compiles, then optimises the path as it runs hot.
    const warming = [
      [0, 1],
      [1, 10],
      [10, 50],
      [50, 200],
      [200, saves],
    ].map(([a, b]) => `#${a + 1}–${b} ${fmt(pct(cpuEach.slice(a, b), 50), 2)}`);
    console.log(`  first saves of the process, median CPU a save, ms: ${warming.join(', ')}`);
    console.log(`${line('one at a time', one.slice(50))}  CPU ${fmt(oneCpu, 3)} ms a save`);
    console.log(`${line('bursts of 10', burst)}  CPU ${fmt(burstCpu, 3)} ms a save`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
