/**
 * The SLA sweep's load of every open request and the engineer-filtered list, on a seeded SQLite
 * file (bench/service-requests-data.ts; 1 M requests): old and new query shapes side by side,
 * each with its EXPLAIN QUERY PLAN and timings. Migrates the file to the latest schema first.
 * Prints, never asserts.
 *
 *   node --import tsx bench/service-requests-sla-load.ts [--file /tmp/fuwu-sr/sr.sqlite] [--rounds 5]
 */
import { type CompiledQuery, Kysely, type SqlBool, sql, SqliteDialect } from 'kysely';
import { isTerminalState, ZServiceRequestState } from '../contract/service-request-workflow';
import type { TServiceRequestQuery } from '../contract/service-requests';
import type { Database } from '../server/src/db/schema';
import { openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { groupBy } from '../server/src/db/list-query';
import { loadCalendarSpec } from '../server/src/modules/calendar/calendar.service';
import { DEFAULT_TIME_ZONE } from '../server/src/modules/calendar/working-calendar';
import { slaClocksOf, slaStatusOf } from '../server/src/modules/service-requests/service-request-sla';
import { loadSlaSubjects } from '../server/src/modules/service-requests/service-request-sweeps';
import * as repo from '../server/src/modules/service-requests/service-requests.repo';
import { commitmentsOf } from '../server/src/modules/service-requests/service-requests.view';
import { machineLine } from './lib/machine';
import { argValue, fmt, median, percentileSorted } from './lib/stats';

const argv = process.argv.slice(2);
const file = argValue(argv, '--file') ?? '/tmp/fuwu-sr/sr.sqlite';
const rounds = Number(argValue(argv, '--rounds') ?? 5);

async function main() {
  console.log(`service-requests-sla-load — ${machineLine()}`);
  const h = openSqlite(file);
  const raw = h.sqlite!;
  const db = h.db;
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`  migrated: ${applied.join(', ')}`);
  const total = raw.prepare('select count(*) as n from service_request').get() as { n: number };
  const open = raw.prepare(`select count(*) as n from service_request where state not in ('closed','cancelled')`).get() as { n: number };
  console.log(`  ${file}: ${total.n} requests, ${open.n} open`);

  const plan = (cq: CompiledQuery) =>
    (raw.prepare(`explain query plan ${cq.sql}`).all(...(cq.parameters as unknown[])) as { detail: string }[])
      .map((r) => `      ${r.detail}`)
      .join('\n');
  const captured: CompiledQuery[] = [];
  const logging = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw as never }), log: (e) => void captured.push(e.query) });

  // ---- (1) SLA load + compute ----
  const now = new Date();
  const calendar = await loadCalendarSpec(db, DEFAULT_TIME_ZONE);
  console.log('\n== (1) SLA state of every open request: load + compute ==');
  captured.length = 0;
  await repo.findOpenRequestsWithTargets(logging);
  console.log(`  old load (findOpenRequestsWithTargets, 7 joins) plan:\n${plan(captured[0])}`);
  captured.length = 0;
  await loadSlaSubjects(logging);
  console.log(`  new load (findOpenSlaSubjects) plan:\n${plan(captured[0])}`);
  console.log(`  new load, contract targets plan:\n${plan(captured[1])}`);
  console.log(`  new load, pause spans plan:\n${plan(captured.find((c) => c.sql.includes('service_request_pause'))!)}`);

  const old: Record<string, number[]> = { load: [], pauses: [], compute: [], total: [] };
  const neu: Record<string, number[]> = { load: [], compute: [], total: [] };
  let nOld = 0;
  let nNew = 0;
  let breachedOld = 0;
  let breachedNew = 0;
  for (let i = 0; i < rounds; i++) {
    let a = performance.now();
    const rows = await repo.findOpenRequestsWithTargets(db);
    let b = performance.now();
    const pauses = groupBy(
      await repo.findPauses(
        db,
        rows.map((r) => Number(r.id)),
      ),
      (p) => Number(p.service_request_id),
    );
    let c = performance.now();
    breachedOld = 0;
    for (const r of rows)
      if (slaStatusOf(slaClocksOf(r, commitmentsOf(r), pauses.get(Number(r.id)) ?? [], now, calendar)) === 'breached') breachedOld++;
    const d = performance.now();
    old.load.push(b - a);
    old.pauses.push(c - b);
    old.compute.push(d - c);
    old.total.push(d - a);
    nOld = rows.length;

    a = performance.now();
    const s = await loadSlaSubjects(db);
    b = performance.now();
    breachedNew = 0;
    for (const { r, commitments } of s.rows)
      if (slaStatusOf(slaClocksOf(r, commitments, s.pauses.get(Number(r.id)) ?? [], now, calendar)) === 'breached') breachedNew++;
    c = performance.now();
    neu.load.push(b - a);
    neu.compute.push(c - b);
    neu.total.push(c - a);
    nNew = s.rows.length;
  }
  const show = (k: string, v: number[]) =>
    console.log(`    ${k.padEnd(40)} median ${fmt(median(v), 1)} ms  (runs ${v.map((x) => fmt(x, 0)).join(', ')})`);
  console.log(`  old: ${nOld} open requests with targets, ${breachedOld} breached`);
  for (const [k, v] of Object.entries(old)) show(`old ${k}`, v);
  console.log(`  new: ${nNew} open requests with targets, ${breachedNew} breached`);
  for (const [k, v] of Object.entries(neu)) show(k === 'load' ? 'new load (open rows + contracts + pauses)' : `new ${k}`, v);

  // ---- (2) engineer-filtered list ----
  console.log('\n== (2) manager list, open states + engineer, -createdAt, page 1 of 50 (in-process, rows + count) ==');
  const counts = raw
    .prepare(
      `select responsible_engineer_id as e, count(*) as n from service_request where state not in ('closed','cancelled') and responsible_engineer_id is not null group by 1 order by 2, 1`,
    )
    .all() as { e: number; n: number }[];
  const engineerId = Number(argValue(argv, '--engineer') ?? counts[Math.floor(counts.length / 2)].e);
  const openStates = ZServiceRequestState.options.filter((st) => !isTerminalState(st) && st !== 'resolved');
  const q: TServiceRequestQuery = { page: 1, pageSize: 50, state: openStates as never, engineerId, sort: '-createdAt' };
  // The old shape: `responsible = ? or backup = ?` in one query.
  const oldIds = (x: Kysely<Database>) =>
    x
      .selectFrom('service_request as sr')
      .select('sr.id')
      .where(sql<SqlBool>`sr.state not in ('closed','cancelled')`)
      .where('sr.state', 'not in', ['resolved'])
      .where((eb) => eb.or([eb('sr.responsible_engineer_id', '=', engineerId), eb('sr.backup_engineer_id', '=', engineerId)]))
      .orderBy('sr.created_at', 'desc')
      .orderBy('sr.id', 'desc')
      .limit(50);
  console.log(`  engineer ${engineerId}; old ids query (OR) plan:\n${plan(oldIds(db).compile())}`);
  captured.length = 0;
  const page = await repo.listRequests(logging, q);
  console.log(`  new listRequests: ${page.rows.length} rows, total ${page.total}`);
  for (const cq of captured) console.log(`    ${cq.sql.slice(0, 70)}…\n${plan(cq)}`);
  const time = async (fn: () => Promise<unknown>, n = 200) => {
    for (let i = 0; i < 20; i++) await fn();
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      await fn();
      t.push(performance.now() - a);
    }
    t.sort((x, y) => x - y);
    return `p50 ${fmt(percentileSorted(t, 50), 3)} p95 ${fmt(percentileSorted(t, 95), 3)} ms`;
  };
  const oldCq = oldIds(db).compile();
  const oldStmt = raw.prepare(oldCq.sql);
  const newStmt = raw.prepare(captured[0].sql);
  console.log(`  old ids query alone (OR + temp B-tree): ${await time(async () => oldStmt.all(...(oldCq.parameters as unknown[])))}`);
  console.log(`  new ids query alone (UNION merge):      ${await time(async () => newStmt.all(...(captured[0].parameters as unknown[])))}`);
  console.log(`  new listRequests page 1 (ids + count + 50 rows): ${await time(() => repo.listRequests(db, q))}`);
  await h.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
