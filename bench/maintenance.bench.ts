/**
 * PM timetables (R-PM-2): generating the timetables of 5,000 contracts (4 visits a year each,
 * moved onto working days, written with their audit entries), with the event loop's longest stall
 * meanwhile (perf_hooks.monitorEventLoopDelay); then the year's PM completion view per contract
 * over 50,000 visits (12,500 contracts), p50 / p95 of repeated calls. In-process, SQLite file
 * (PostgreSQL with --pg URL). Prints, never asserts.
 *
 *   node --import tsx bench/maintenance.bench.ts [--contracts 5000] [--completion-runs 100] [--pg postgres://…]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type TCreateContract, ZCreateContract } from '../contract/contracts';
import { type TCreateCustomer, ZCreateCustomer } from '../contract/customers';
import { ZGeneratePmPlan } from '../contract/maintenance';
import { ZCreateUser } from '../contract/users';
import { systemActor } from '../server/src/actor';
import { type DbHandle, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { createContractsMany } from '../server/src/modules/contracts/contracts.service';
import { createCustomersMany } from '../server/src/modules/customers/customers.service';
import { generatePmPlans, pmCompletion } from '../server/src/modules/maintenance/maintenance.service';
import { createUser } from '../server/src/modules/users/users.service';
import { machineLine } from './lib/machine';
import { argValue, fmt, percentileSorted } from './lib/stats';

const TZ = 'Asia/Shanghai';
const argv = process.argv.slice(2);
const CONTRACTS = Number(argValue(argv, '--contracts') ?? 5000);
const COMPLETION_VISITS = 50_000;
const RUNS = Number(argValue(argv, '--completion-runs') ?? 100);
const pgUrl = argValue(argv, '--pg');
const actor = systemActor('bench');

async function seedContracts(database: DbHandle, n: number, offset: number): Promise<number[]> {
  const ids: number[] = [];
  for (let from = 0; from < n; from += 500) {
    const count = Math.min(500, n - from);
    const customers: TCreateCustomer[] = Array.from({ length: count }, (_, i) =>
      ZCreateCustomer.parse({ name: `例检客户${offset + from + i}有限公司` }),
    );
    const made = await transact(database.db, (trx) => createCustomersMany(trx, actor, customers));
    const contracts: TCreateContract[] = made.map((c, i) =>
      ZCreateContract.parse({
        number: `HT-PM-B-${offset + from + i}`,
        customerId: c.id,
        serviceKinds: ['onsite_maintenance'],
        status: 'active',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        commitments: { pmVisitsPerYear: 4 },
      }),
    );
    const created = await transact(database.db, (trx) => createContractsMany(trx, actor, contracts));
    ids.push(...created.map((c) => c.id));
  }
  return ids;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-pm-bench-'));
  const database = pgUrl ? await openPostgres(pgUrl) : openSqlite(path.join(dir, 'pm.db'));
  await migrateToLatest(database.db);
  const eng = await Promise.all(
    ['a', 'b'].map((k) =>
      createUser(
        database.db,
        actor,
        ZCreateUser.parse({ email: `pm-${k}@bench.local`, name: `工程师${k}`, roles: ['engineer'], password: 'bench-password-1' }),
      ),
    ),
  );
  const input = ZGeneratePmPlan.parse({ responsibleEngineerId: eng[0].id, backupEngineerId: eng[1].id });
  console.log(machineLine());
  console.log(`engine: ${pgUrl ? 'postgresql' : 'sqlite'}`);

  const ids = await seedContracts(database, CONTRACTS, 0);
  const h = monitorEventLoopDelay({ resolution: 5 });
  // A timer that must keep firing while generation runs: its lateness is the stall an HTTP request would see.
  let worstTimerLateMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    worstTimerLateMs = Math.max(worstTimerLateMs, now - last - 5);
    last = now;
  }, 5);
  h.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const plans = await generatePmPlans(
    database.db,
    actor,
    ids.map((contractId) => ({ contractId, input })),
    TZ,
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  h.disable();
  clearInterval(ticker);
  console.log(
    `generate ${fmt(plans.length, 0)} timetables (${fmt(plans.length * 4, 0)} visits): ${fmt(ms, 0)} ms wall, ${fmt((cpu.user + cpu.system) / 1000, 0)} ms CPU` +
      ` | event-loop delay max ${fmt(h.max / 1e6, 1)} ms, p99 ${fmt(h.percentile(99) / 1e6, 1)} ms | 5 ms timer worst lateness ${fmt(worstTimerLateMs, 1)} ms`,
  );

  // Fill the year to 50,000 visits, then read the completion view.
  const more = Math.max(0, Math.ceil(COMPLETION_VISITS / 4) - CONTRACTS);
  const rest = await seedContracts(database, more, CONTRACTS);
  await generatePmPlans(
    database.db,
    actor,
    rest.map((contractId) => ({ contractId, input })),
    TZ,
  );
  const now = new Date('2026-07-01T02:00:00Z');
  const times: number[] = [];
  const ccpu: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    const s = performance.now();
    const c0 = process.cpuUsage();
    const r = await pmCompletion(database.db, { year: 2026 }, TZ, now);
    const c = process.cpuUsage(c0);
    if (i >= 5) {
      times.push(performance.now() - s);
      ccpu.push((c.user + c.system) / 1000);
    }
    rows = r.items.length;
  }
  times.sort((a, b) => a - b);
  ccpu.sort((a, b) => a - b);
  const visits = (CONTRACTS + more) * 4;
  console.log(
    `completion view, year 2026, ${fmt(visits, 0)} visits, first page of ${fmt(rows, 0)} contracts with the year's totals: p50 ${fmt(percentileSorted(times, 50), 1)} ms, p95 ${fmt(percentileSorted(times, 95), 1)} ms wall; CPU p50 ${fmt(percentileSorted(ccpu, 50), 1)} ms, p95 ${fmt(percentileSorted(ccpu, 95), 1)} ms (${RUNS} runs)`,
  );
  const one: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await pmCompletion(database.db, { year: 2026, contractId: ids[i % ids.length] }, TZ, now);
    one.push(performance.now() - s);
  }
  one.sort((a, b) => a - b);
  console.log(`completion of one contract: p50 ${fmt(percentileSorted(one, 50), 2)} ms, p95 ${fmt(percentileSorted(one, 95), 2)} ms`);
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
