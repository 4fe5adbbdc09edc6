/**
 * The SLA sweep over many open requests (issue: "≤ 100 ms per 36,000 open; no event-loop stall
 * > 20 ms"): the sweep as it runs every minute — in chunks of SLA_SWEEP_CHUNK, yielding between
 * them — against the same sweep in one pass, on 36,000 open requests (of 200,000) seeded by
 * bench/service-requests-data.ts. Prints the wall time of each run and the longest event-loop
 * stall during it (a 1 ms timer's largest gap). Prints, never asserts.
 *
 *   node --import tsx bench/sla-sweep.bench.ts [--engine sqlite|postgres] [--open 36000] [--rounds 3]
 */
import type { Engine } from '../server/src/db/database';
import { SLA_SWEEP_CHUNK, sweepSla } from '../server/src/modules/service-requests/service-request-sweeps';
import { seedServiceRequests } from './service-requests-data';
import { machineLine } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

const argv = process.argv.slice(2);
const engine = (argValue(argv, '--engine') ?? 'sqlite') as Engine;
const open = Number(argValue(argv, '--open') ?? 36_000);
const rounds = Number(argValue(argv, '--rounds') ?? 3);

/** Run `work` while a 1 ms timer measures how late it fires: the longest stall of the event loop. */
async function withStallProbe<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  stall = Math.max(stall, performance.now() - last);
  clearInterval(timer);
  return { result, ms, stall };
}

async function main() {
  console.log(`sla-sweep — ${machineLine()}`);
  const seeded = await seedServiceRequests(engine, {
    file: `/tmp/fuwu-sla-sweep/${open}.sqlite`,
    size: { engineers: 200, customers: 20_000, requests: 200_000, open },
    reuse: true,
    log: () => {},
  });
  const db = seeded.handle.db;
  const opts = { now: new Date(), timeZone: 'Asia/Shanghai' };
  // The first sweep sets every status and sends the notices; later sweeps are the steady minute.
  const first = await withStallProbe(() => sweepSla(db, opts));
  console.log(`  ${engine}: ${first.result.checked} open requests with targets; first sweep ${fmt(first.ms, 0)} ms (${first.result.notified} notices)`);
  for (const [name, chunk] of [
    [`chunks of ${SLA_SWEEP_CHUNK}`, SLA_SWEEP_CHUNK],
    ['one pass', Number.MAX_SAFE_INTEGER],
  ] as const) {
    const runs = [];
    for (let i = 0; i < rounds; i++) runs.push(await withStallProbe(() => sweepSla(db, opts, chunk)));
    console.log(
      `  ${name.padEnd(16)} wall median ${fmt(median(runs.map((r) => r.ms)), 0)} ms  longest stall median ${fmt(median(runs.map((r) => r.stall)), 1)} ms  (runs ${runs.map((r) => `${fmt(r.ms, 0)}/${fmt(r.stall, 0)}`).join(', ')})`,
    );
  }
  await seeded.drop();
  await seeded.handle.close();
}

void main();
