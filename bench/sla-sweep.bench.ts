/**
 * The SLA sweep over many open requests (issue: "≤ 100 ms per 36,000 open; no event-loop stall
 * > 20 ms"), on 36,000 open requests (of 200,000) seeded by bench/service-requests-data.ts:
 *
 * - "all due": every open request made due at once (as after a holiday-calendar edit, or the first
 *   sweep after migration 3000) and swept in chunks of SLA_SWEEP_CHUNK, yielding between them;
 * - "minute": then the sweep of each following minute (`now` one minute on each time), which reads
 *   only the requests whose next check time passed in that minute (`sla_next_check_at`).
 *
 * Prints the wall time of each run (and the process's CPU time, which survives a loaded machine
 * better), the requests it read and the longest event-loop stall during it (a 1 ms timer's largest gap), and that gap in an idle process first (the machine's own noise).
 * Prints, never asserts.
 *
 *   node --import tsx bench/sla-sweep.bench.ts [--engine sqlite|postgres] [--open 36000] [--rounds 10]
 *        [--file /tmp/fuwu-sla-sweep/36000.sqlite] [--keep-pg NAME] [--cpu-prof FILE]
 *
 * --cpu-prof FILE: a V8 CPU profile of the "all due again" run alone (summarise with
 * bench/cpu-profile-summary.ts FILE).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Engine } from '../server/src/db/database';
import { SLA_SWEEP_CHUNK, sweepSla } from '../server/src/modules/service-requests/service-request-sweeps';
import { slaChecksDueForAllOpen } from '../server/src/modules/service-requests/sla-checks';
import { seedServiceRequests } from './service-requests-data';
import { machineLine } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

const argv = process.argv.slice(2);
const engine = (argValue(argv, '--engine') ?? 'sqlite') as Engine;
const open = Number(argValue(argv, '--open') ?? 36_000);
const rounds = Number(argValue(argv, '--rounds') ?? 10);
const file = argValue(argv, '--file') ?? `/tmp/fuwu-sla-sweep/${open}.sqlite`;
const keepPg = argValue(argv, '--keep-pg');

/** Run `work` while a 1 ms timer measures how late it fires: the longest stall of the event loop. */
async function withStallProbe<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpu: number; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  const c0 = process.cpuUsage();
  const result = await work();
  const ms = performance.now() - start;
  const c = process.cpuUsage(c0);
  stall = Math.max(stall, performance.now() - last);
  clearInterval(timer);
  return { result, ms, cpu: (c.user + c.system) / 1000, stall };
}

async function main() {
  console.log(`sla-sweep — ${machineLine()}`);
  const seeded = await seedServiceRequests(engine, {
    file,
    keepPg,
    size: { engineers: 200, customers: 20_000, requests: 200_000, open },
    reuse: true,
    log: () => {},
    // The sweep runs in this process: its WAL checkpoints in a worker thread, as in the server, not
    // inside a commit of the sweep's (that is a 60–70 ms stall the server does not have).
    checkpointer: true,
  });
  const db = seeded.handle.db;
  const timeZone = 'Asia/Shanghai';
  const t0 = Date.now();
  const minute = (i: number) => ({ now: new Date(t0 + i * 60_000), timeZone });
  const openCount = await db
    .selectFrom('service_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'not in', ['closed', 'cancelled'])
    .executeTakeFirstOrThrow();
  // The machine's own noise: the probe's longest gap while the process does nothing for 2 s.
  const idle = await withStallProbe(() => new Promise((resolve) => setTimeout(resolve, 2000)));
  console.log(`  idle process, longest stall over 2 s: ${fmt(idle.stall, 1)} ms`);
  await slaChecksDueForAllOpen(db);
  const all = await withStallProbe(() => sweepSla(db, minute(0)));
  console.log(
    `  ${engine}: ${Number(openCount.n)} open; all due, chunks of ${SLA_SWEEP_CHUNK}: ${all.result.checked} with targets read, ${fmt(all.ms, 0)} ms (CPU ${fmt(all.cpu, 0)} ms), longest stall ${fmt(all.stall, 1)} ms (${all.result.notified} notices)`,
  );
  // The same again, the calendar compiled and the notices sent: what a holiday-calendar edit costs.
  await slaChecksDueForAllOpen(db);
  const profFile = argValue(argv, '--cpu-prof');
  const session = profFile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const again = await withStallProbe(() => sweepSla(db, minute(0)));
  if (session && profFile) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(profFile, JSON.stringify(profile));
    console.log(`  profile of the "all due again" run: ${profFile}`);
  }
  console.log(
    `  all due again (calendar edit): ${again.result.checked} read, ${fmt(again.ms, 0)} ms (CPU ${fmt(again.cpu, 0)} ms), longest stall ${fmt(again.stall, 1)} ms (${again.result.notified} notices)`,
  );
  const runs = [];
  for (let i = 1; i <= rounds; i++) runs.push(await withStallProbe(() => sweepSla(db, minute(i))));
  console.log(
    `  minute sweeps: wall median ${fmt(median(runs.map((r) => r.ms)), 1)} ms, max ${fmt(Math.max(...runs.map((r) => r.ms)), 1)} ms; longest stall median ${fmt(median(runs.map((r) => r.stall)), 1)} ms, max ${fmt(Math.max(...runs.map((r) => r.stall)), 1)} ms`,
  );
  console.log(`    (read/ms/stall per minute: ${runs.map((r) => `${r.result.checked}/${fmt(r.ms, 0)}/${fmt(r.stall, 0)}`).join(', ')})`);
  await seeded.drop();
  await seeded.handle.close();
}

void main();
