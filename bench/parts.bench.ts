/**
 * Spare-part stock (R-EMER-4): stock on hand for one part over a 1,000,000-entry ledger (read from
 * the running balance, `stockOnHand`, beside a full scan of the ledger for contrast), and 50
 * concurrent emergency loans of the last unit of a part (exactly one may succeed). In-process,
 * through the parts service. SQLite always (a file in the temp folder); PostgreSQL too when
 * TEST_DATABASE_URL is set (a schema of its own, dropped afterwards). Prints, never asserts.
 *
 *   node --import tsx bench/parts.bench.ts [--entries 1000000] [--reads 2000] [--rounds 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { replayLedger, type TLedgerMove } from '../contract/parts-ledger';
import type { Actor } from '../server/src/actor';
import { systemActor } from '../server/src/actor';
import { AppError } from '../server/src/app-error';
import type { Db, Engine } from '../server/src/db/database';
import { insertInChunks } from '../server/src/db/batch-insert';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import * as repo from '../server/src/modules/parts/parts.repo';
import { createLoan, createPart, moveStock, stockOnHand } from '../server/src/modules/parts/parts.service';
import { createUser } from '../server/src/modules/users/users.service';
import { ZCreateUser } from '../contract/users';
import { createTestDatabase } from '../server/src/testing/test-db';
import { machineLine } from './lib/machine';
import { argValue, fmt, percentileSorted } from './lib/stats';

const argv = process.argv.slice(2);
const ENTRIES = Number(argValue(argv, '--entries') ?? 1_000_000);
const READS = Number(argValue(argv, '--reads') ?? 2000);
const ROUNDS = Number(argValue(argv, '--rounds') ?? 5);
/** Parts in the ledger besides the one measured; the measured part has a fifth of all entries. */
const OTHER_PARTS = 200;

async function seedLedger(db: Db, actor: Actor): Promise<number> {
  const at = new Date().toISOString();
  const store = await repo.mainStoreId(db);
  const bag = await repo.ensureLocation(db, 'bag', actor.id as number, at);
  const vendor = await repo.insertLocation(db, { kind: 'vendor', name: '厂商维修', created_at: at });
  const parts: number[] = [];
  for (let i = 0; i <= OTHER_PARTS; i++)
    parts.push((await createPart(db, actor, { pn: `BENCH-${i}`, description: `基准备件 ${i}`, tracking: 'count' })).id);
  const target = parts[0];
  // A plausible history: receipts, transfers to bags and back, repairs at the vendor, write-offs;
  // never below zero (each move is checked on a running model), so the ledger replays cleanly.
  const held = new Map<string, number>();
  const qty = (p: number, l: number) => held.get(`${p}@${l}`) ?? 0;
  const moves: TLedgerMove[] = [];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const routes: [number | null, number | null][] = [
    [null, store],
    [store, bag],
    [bag, store],
    [store, vendor],
    [vendor, store],
    [bag, null],
  ];
  while (moves.length < ENTRIES) {
    const part = rand(5) === 0 ? target : parts[1 + rand(OTHER_PARTS)];
    const [from, to] = routes[rand(routes.length)];
    const quantity = 1 + rand(3);
    if (from !== null && qty(part, from) < quantity) continue;
    if (from !== null) held.set(`${part}@${from}`, qty(part, from) - quantity);
    if (to !== null) held.set(`${part}@${to}`, qty(part, to) + quantity);
    moves.push({ partId: part, tracking: 'count', sn: null, quantity, from, to });
  }
  const t0 = performance.now();
  const rows = moves.map((m) => ({
    part_id: m.partId,
    sn: null,
    quantity: m.quantity,
    from_location_id: m.from,
    to_location_id: m.to,
    kind: m.from === null ? 'receipt' : m.to === null ? 'write_off' : 'transfer',
    reason: 'bench',
    actor_id: actor.id,
    at,
    service_request_id: null,
    loan_id: null,
    tag_id: null,
    inspection_id: null,
  }));
  await db.transaction().execute(async (trx) => {
    await insertInChunks(rows, (chunk) => trx.insertInto('stock_movement').values(chunk).execute());
    const stock = replayLedger(moves);
    const balances = [...stock.counts].map(([key, quantity]) => {
      const [p, l] = key.split('@').map(Number);
      return { part_id: p, location_id: l, quantity };
    });
    await trx.deleteFrom('stock_balance').execute();
    await insertInChunks(balances, (chunk) => trx.insertInto('stock_balance').values(chunk).execute());
  });
  console.log(
    `  seeded ${moves.length.toLocaleString('en')} ledger entries (${moves.filter((m) => m.partId === target).length.toLocaleString('en')} of the measured part) in ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );
  return target;
}

async function measureReads(db: Db, partId: number): Promise<void> {
  for (let i = 0; i < 50; i++) await stockOnHand(db, partId);
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t0 = performance.now();
    await stockOnHand(db, partId);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const scan: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await sql`select l, sum(q) from (
        select to_location_id as l, quantity as q from stock_movement where part_id = ${partId} and to_location_id is not null
        union all select from_location_id, -quantity from stock_movement where part_id = ${partId} and from_location_id is not null
      ) x group by l`.execute(db);
    scan.push(performance.now() - t0);
  }
  const check = await stockOnHand(db, partId);
  console.log(
    `  stock on hand of one part (running balance, ${READS} reads): p50 ${fmt(percentileSorted(times, 50), 3)} ms, p95 ${fmt(percentileSorted(times, 95), 3)} ms, p99 ${fmt(percentileSorted(times, 99), 3)} ms — ${check.length} places, ${check.reduce((s, r) => s + r.quantity, 0)} units`,
  );
  console.log(`  the same from a scan of the part's ledger entries (for contrast): ${scan.map((s) => fmt(s, 1)).join(' / ')} ms`);
}

async function lastUnitRace(db: Db, actor: Actor, customerId: number): Promise<void> {
  const outcomes: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const part = await createPart(db, actor, { pn: `LAST-${round}-${Date.now()}`, description: '最后一件', tracking: 'count' });
    await moveStock(db, actor, {
      partId: part.id,
      quantity: 1,
      fromLocationId: null,
      toLocationId: await repo.mainStoreId(db),
      reason: 'bench',
      inspection: { result: 'pass' },
    });
    const t0 = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        createLoan(
          db,
          actor,
          { partId: part.id, purpose: 'replacement', customerId, dueDate: '2099-01-01', emergency: true },
          'Asia/Shanghai',
        ),
      ),
    );
    const ms = performance.now() - t0;
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof AppError).length;
    const other = results.length - ok - refused;
    outcomes.push(`${ok} succeeded, ${refused} refused${other ? `, ${other} failed otherwise` : ''} (${fmt(ms, 0)} ms)`);
  }
  console.log(`  50 concurrent emergency loans of the last unit, ${ROUNDS} rounds:`);
  for (const o of outcomes) console.log(`    ${o}`);
}

async function runEngine(engine: Engine): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-parts-bench-'));
  const handle = await createTestDatabase(engine, path.join(dir, 'bench.sqlite'));
  try {
    const db = handle.db;
    const user = await createUser(
      db,
      systemActor('bench'),
      ZCreateUser.parse({
        email: 'eng@bench.local',
        name: '基准工程师',
        roles: ['engineer', 'tech_manager'],
        password: 'bench-password-1',
      }),
    );
    const actor: Actor = { id: user.id, name: user.name, roles: ['engineer', 'tech_manager'], requestId: null };
    const customerId = (await makeCustomer(db, { name: '基准借用客户' })).id;
    console.log(`${engine}:`);
    const target = await seedLedger(db, actor);
    await measureReads(db, target);
    await lastUnitRace(db, actor, customerId);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(machineLine());
await runEngine('sqlite');
if (process.env.TEST_DATABASE_URL) await runEngine('postgres');
else console.log('postgres: skipped (TEST_DATABASE_URL not set)');
