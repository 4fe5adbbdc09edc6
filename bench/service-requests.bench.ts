/**
 * Service requests at 1,000,000 rows (bench/service-requests-data.ts). Prints, never asserts.
 *
 *   node --import tsx bench/service-requests.bench.ts [--engine sqlite|postgres] [--reuse]
 *        [--file /tmp/fuwu-sr/sr.sqlite] [--seconds 10] [--rounds 2] [--list-seconds 10]
 *        [--skip lists,sla,create,profile,listprof,sync] [--list-only TEXT (cases whose name contains it)] [--cpu-prof DIR]
 *
 * (a) the manager's filtered lists, page 1: EXPLAIN plans, in-database p50/p95, and through HTTP
 *     p95 at a nominal 50 req/s plus one saturated run against a bare Fastify route returning the
 *     same JSON;
 * (b) the SLA state of the ≈ 10,000 open requests: the sweep in-process (whole, and its phases),
 *     and computeSlaClocks alone;
 * (c) POST /api/service-requests (number, audit row, notification) against a bare Fastify route
 *     inserting one row into a simple table of the same database, interleaved (app, bare, app,
 *     bare), medians of `rounds` saturated runs at 50 connections; then p95 at 50 req/s; then a
 *     separate profiled app server (node --cpu-prof) for one create run, summarised; then (SQLite)
 *     the same app and bare with synchronous=FULL, to price a per-commit fsync (shipped: NORMAL,
 *     FULL only for durable transactions).
 *
 * The servers run bundled by esbuild on plain node, as production runs dist/server
 * (bench/lib/child-server `built`; BENCH_TSX=1 runs the TypeScript source under tsx instead).
 * A reused file or database is migrated to the latest migration first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../server/src/db/schema';
import { groupBy } from '../server/src/db/list-query';
import { sweepServiceRequests } from '../server/src/jobs/service-request-sweep';
import { slaClocksOf, slaStatusOf } from '../server/src/modules/service-requests/service-request-sla';
import { loadCalendarSpec } from '../server/src/modules/calendar/calendar.service';
import * as repo from '../server/src/modules/service-requests/service-requests.repo';
import { commitmentsOf } from '../server/src/modules/service-requests/service-requests.view';
import { coverageWindowOf } from '../server/src/modules/service-requests/coverage-window';
import { computeSlaClocks, type TSlaInput } from '../server/src/modules/sla/sla-clock';
import { isSlaPausingState, type TServiceRequestState } from '@contract/service-request-workflow';
import type { TServiceRequestQuery } from '@contract/service-requests';
import { DEFAULT_TIME_ZONE } from '../server/src/modules/calendar/working-calendar';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { type ChildServer, startServer } from './lib/child-server';
import { machineBusySeconds, machineLine, processCpuSeconds } from './lib/machine';
import { argValue, fmt, median, pct, percentileSorted } from './lib/stats';
import { ACTIVE_OPEN_STATES, seedServiceRequests, type SeededSr } from './service-requests-data';

const CONNECTIONS = 50;
const NOMINAL_RATE = 50;
const ENTRY = '../service-requests-server.ts';
/** App and bare run bundled by esbuild on plain node, as `npm start` runs dist/server (BENCH_TSX=1: from source under tsx). */
const BUILT = { built: true };

// ---------- load (lib/load.ts's runLoad, plus method and body) ----------

interface Load {
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  serverCores: number;
  clientCores: number;
  otherCores: number;
}

async function load(o: {
  url: string;
  pid: number;
  seconds: number;
  connections: number;
  rate?: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}): Promise<Load> {
  const lat: number[] = [];
  const s0 = processCpuSeconds(o.pid);
  const c0 = process.cpuUsage();
  const m0 = machineBusySeconds();
  const t0 = performance.now();
  const inst = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    ...(o.rate ? { overallRate: o.rate } : {}),
    method: o.method ?? 'GET',
    ...(o.body ? { body: o.body } : {}),
    headers: { ...(o.body ? { 'content-type': 'application/json' } : {}), ...(o.headers ?? {}) },
  });
  inst.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    if (status >= 200 && status < 300) lat.push(ms);
  });
  const res = await inst;
  const wall = (performance.now() - t0) / 1000;
  const serverCores = (processCpuSeconds(o.pid) - s0) / wall;
  const cc = process.cpuUsage(c0);
  const clientCores = (cc.user + cc.system) / 1e6 / wall;
  const sorted = Float64Array.from(lat).sort();
  return {
    reqPerSec: lat.length / res.duration || res.requests.average,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    non2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    serverCores,
    clientCores,
    otherCores: Math.max(0, (machineBusySeconds() - m0) / wall - serverCores - clientCores),
  };
}

/**
 * The server's CPU a request (cores ÷ req/s). On a machine shared with other work the saturated
 * req/s of two servers measured one after the other depends on how much of the cores each got;
 * their CPU a request much less: the ratio of those is the app's cost against the bare route's.
 */
const cpuPerRequest = (r: Load) => r.serverCores / r.reqPerSec;

const line = (label: string, r: Load) =>
  `  ${label.padEnd(40)} ${fmt(r.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} ms  ` +
  `CPU server ${fmt(r.serverCores)} (${fmt((r.serverCores / r.reqPerSec) * 1000, 2)} ms a request) client ${fmt(r.clientCores)} other ${fmt(r.otherCores)}` +
  (r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx} errors ${r.errors}` : '') +
  `  [load ${os
    .loadavg()
    .map((l) => fmt(l))
    .join(' ')}]`;

/** The session cookie header, with the CSRF token appended as `;;csrf` (split by authHeaders). */
async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fuwu_session='));
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return `${cookie.split(';')[0]};;${csrfToken}`;
}

/** Request headers of a logged-in session: cookie and x-csrf-token (needed on POST). */
function authHeaders(session: string): Record<string, string> {
  const [cookie, csrf] = session.split(';;');
  return { cookie, 'x-csrf-token': csrf };
}

function serverEnv(s: SeededSr, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(s.engine === 'sqlite' ? { SR_SQLITE_FILE: s.location } : { SR_DATABASE_URL: s.location }), ...extra };
}

// ---------- (a) lists ----------

/** Free-text terms from the data: a whole customer name, its first two characters, a request number fragment. */
async function textTerms(s: SeededSr): Promise<{ customer: string; brand: string; number: string; contract: { id: number; n: number } }> {
  const c = await s.handle.db.selectFrom('customer').select('name').where('id', '=', 4242).executeTakeFirstOrThrow();
  // Request 654,321, or the last one of a smaller seed (--requests).
  const r = await s.handle.db
    .selectFrom('service_request')
    .select('number')
    .where('id', '<=', 654_321)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // SR-2025-012345 → 2025-01234: ten numbers and the 3-gram look-alikes the LIKE then drops.
  // The contract with the most requests (the contract list and its open requests).
  const busiest = await s.handle.db
    .selectFrom('service_request')
    .select(['contract_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('contract_id', 'is not', null)
    .groupBy('contract_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    customer: c.name,
    brand: [...c.name].slice(2, 4).join(''),
    number: r.number.slice(3, -1),
    contract: { id: Number(busiest.contract_id), n: Number(busiest.n) },
  };
}

async function listCases(s: SeededSr): Promise<{ name: string; qs: string; q: TServiceRequestQuery }[]> {
  const open = ACTIVE_OPEN_STATES.join(',');
  const base = { page: 1, pageSize: 50 } as const;
  const t = await textTerms(s);
  const text = (name: string, term: string, extra: Partial<TServiceRequestQuery> = {}, extraQs = '') => ({
    name: `q=${term} (${name})${extraQs ? ` + ${extraQs.split('=')[0]}` : ''}`,
    qs: `q=${encodeURIComponent(term)}${extraQs ? `&${extraQs}` : ''}`,
    q: { ...base, q: term, sort: '-createdAt', ...extra } as TServiceRequestQuery,
  });
  return [
    text('customer name', t.customer),
    text('2 chars of a customer name', t.brand),
    text('number fragment', t.number),
    text('common 2-char term', '硬盘'),
    text('1 char', '盘'),
    text('2 chars, no match', '鲲鹏'),
    text('customer name', t.customer, { state: ACTIVE_OPEN_STATES as never }, `state=${open}`),
    {
      name: 'engineer, no state, -createdAt',
      qs: `engineerId=${s.sampleEngineerId}`,
      q: { ...base, engineerId: s.sampleEngineerId, sort: '-createdAt' },
    },
    {
      name: 'engineer, no state, plannedStart',
      qs: `engineerId=${s.sampleEngineerId}&sort=plannedStart`,
      q: { ...base, engineerId: s.sampleEngineerId, sort: 'plannedStart' },
    },
    {
      name: 'open states + engineer, -createdAt',
      qs: `state=${open}&engineerId=${s.sampleEngineerId}`,
      q: { ...base, state: ACTIVE_OPEN_STATES as never, engineerId: s.sampleEngineerId, sort: '-createdAt' },
    },
    {
      name: 'open states, plannedStart',
      qs: `state=${open}&sort=plannedStart`,
      q: { ...base, state: ACTIVE_OPEN_STATES as never, sort: 'plannedStart' },
    },
    { name: 'open states, -createdAt', qs: `state=${open}`, q: { ...base, state: ACTIVE_OPEN_STATES as never, sort: '-createdAt' } },
    { name: 'sla=breached, -createdAt', qs: 'sla=breached', q: { ...base, sla: 'breached', sort: '-createdAt' } },
    {
      name: 'sla=breached + open states',
      qs: `sla=breached&state=${open}`,
      q: { ...base, sla: 'breached', state: ACTIVE_OPEN_STATES as never, sort: '-createdAt' },
    },
    {
      name: 'kind=emergency_repair + state=issued',
      qs: 'kind=emergency_repair&state=issued',
      q: { ...base, kind: 'emergency_repair', state: ['issued'], sort: '-createdAt' },
    },
    { name: 'sla=breached, plannedStart', qs: 'sla=breached&sort=plannedStart', q: { ...base, sla: 'breached', sort: 'plannedStart' } },
    { name: 'sla=at_risk, number', qs: 'sla=at_risk&sort=number', q: { ...base, sla: 'at_risk', sort: 'number' } },
    {
      name: `busiest contract (${t.contract.n}), -createdAt`,
      qs: `contractId=${t.contract.id}`,
      q: { ...base, contractId: t.contract.id, sort: '-createdAt' },
    },
    {
      name: 'busiest contract, open states',
      qs: `contractId=${t.contract.id}&state=${open}`,
      q: { ...base, contractId: t.contract.id, state: ACTIVE_OPEN_STATES as never, sort: '-createdAt' },
    },
    { name: 'no filter, -createdAt (all 1 M)', qs: '', q: { ...base, sort: '-createdAt' } },
  ];
}

/** The SQL the repo sends (captured through a logging Kysely on the same connection). */
async function captureSql(s: SeededSr, q: TServiceRequestQuery): Promise<CompiledQuery[]> {
  const out: CompiledQuery[] = [];
  const dialect: SqliteDialect | PostgresDialect =
    s.engine === 'sqlite'
      ? new SqliteDialect({ database: s.handle.sqlite as never })
      : new PostgresDialect({ pool: new pg.Pool({ connectionString: s.location, max: 2 }) });
  const db = new Kysely<Database>({
    dialect,
    log: (e) => {
      out.push(e.query);
    },
  });
  await repo.listRequests(db, q);
  if (s.engine === 'postgres') await db.destroy();
  return out;
}

async function explain(s: SeededSr, cq: CompiledQuery): Promise<string> {
  if (s.engine === 'sqlite') {
    const rows = s.handle.sqlite?.prepare(`explain query plan ${cq.sql}`).all(...(cq.parameters as unknown[])) as {
      detail: string;
      parent: number;
      id: number;
    }[];
    const depth = new Map<number, number>([[0, 0]]);
    return rows
      .map((r) => {
        const d = (depth.get(r.parent) ?? 0) + 1;
        depth.set(r.id, d);
        return `      ${'  '.repeat(d - 1)}${r.detail}`;
      })
      .join('\n');
  }
  const r = await s.handle.db.executeQuery(CompiledQuery.raw(`explain (analyze, costs off, buffers off) ${interpolatePg(cq)}`));
  return (r.rows as { 'QUERY PLAN': string }[]).map((x) => `      ${x['QUERY PLAN']}`).join('\n');
}

function interpolatePg(cq: CompiledQuery): string {
  return cq.sql.replace(/\$(\d+)/g, (_, i) => {
    const v = cq.parameters[Number(i) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

async function timeInDb(s: SeededSr, q: TServiceRequestQuery, n: number): Promise<{ p50: number; p95: number }> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await repo.listRequests(s.handle.db, q);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { p50: percentileSorted(t, 50), p95: percentileSorted(t, 95) };
}

async function benchLists(s: SeededSr, opts: { listSeconds: number; only?: string }, summary: string[]) {
  console.log(`\n== (a) lists, page 1 of 50 — ${s.engine} ==`);
  const cases = (await listCases(s)).filter((c) => !opts.only || c.name.includes(opts.only));
  for (const c of cases) {
    const qs = await captureSql(s, c.q);
    const t = await timeInDb(s, c.q, 30);
    const r = await repo.listRequests(s.handle.db, c.q);
    console.log(`\n  ${c.name}: total ${r.total}, in-process (Kysely + DB, rows + count) p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} ms`);
    for (const [i, cq] of qs.entries()) {
      const plan = await explain(s, cq);
      const temp = /TEMP B-TREE|Sort Key|Sort {2}/i.test(plan);
      console.log(`    ${i === 0 ? 'rows' : 'count'} plan${temp ? '  !! sorts (temporary B-tree / Sort)' : ''}:\n${plan}`);
    }
  }

  const app = await startServer(ENTRY, serverEnv(s), [], BUILT);
  let bare: ChildServer | undefined;
  try {
    const cookie = await login(app.url);
    const body = await (await fetch(`${app.url}/api/service-requests?${cases[0].qs}`, { headers: authHeaders(cookie) })).text();
    bare = await startServer(ENTRY, serverEnv(s, { BENCH_MODE: 'bare', BENCH_BODY: body }), [], BUILT);
    console.log(
      `\n  HTTP (app server ${app.pid}, bare ${bare.pid}); bare returns the first case's page (${Buffer.byteLength(body)} bytes)`,
    );
    await load({
      url: `${app.url}/api/service-requests?${cases[0].qs}`,
      pid: app.pid,
      seconds: 2,
      connections: 10,
      headers: authHeaders(cookie),
    });
    const bareSat = await load({
      url: `${bare.url}/bare/json`,
      pid: bare.pid,
      seconds: opts.listSeconds,
      connections: CONNECTIONS,
      headers: authHeaders(cookie),
    });
    console.log(line('[saturated] bare GET same JSON', bareSat));
    for (const c of cases) {
      const url = `${app.url}/api/service-requests?${c.qs}`;
      const nom = await load({
        url,
        pid: app.pid,
        seconds: opts.listSeconds,
        connections: 1,
        rate: NOMINAL_RATE,
        headers: authHeaders(cookie),
      });
      console.log(line(`[${NOMINAL_RATE} req/s] ${c.name}`, nom));
      const sat = await load({
        url,
        pid: app.pid,
        seconds: Math.max(3, opts.listSeconds / 2),
        connections: CONNECTIONS,
        headers: authHeaders(cookie),
      });
      console.log(line(`[saturated] ${c.name}`, sat));
      summary.push(
        `| ${s.engine} | list: ${c.name} | ${fmt(nom.p50)} / ${fmt(nom.p95)} | ${fmt(sat.reqPerSec, 0)} | ${c === cases[0] ? `${pct(sat.reqPerSec / bareSat.reqPerSec)} of bare JSON (by CPU a request: ${pct(cpuPerRequest(bareSat) / cpuPerRequest(sat))})` : ''} | ${fmt(sat.serverCores)} | ${os
          .loadavg()
          .map((l) => fmt(l))
          .join(' ')} |`,
      );
    }
  } finally {
    await app.stop();
    await bare?.stop();
  }
}

// ---------- (b) SLA ----------

async function benchSla(s: SeededSr, summary: string[]) {
  console.log(`\n== (b) SLA state of the open requests — ${s.engine} ==`);
  const tz = DEFAULT_TIME_ZONE;
  const now = new Date();
  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const first = await sweepServiceRequests(s.handle.db, { now, timeZone: tz });
  const firstMs = performance.now() - t0;
  t0 = performance.now();
  const second = await sweepServiceRequests(s.handle.db, { now, timeZone: tz });
  const secondMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `  sweepServiceRequests, first run (writes sla_status of every open request, notifications): ${fmt(firstMs, 0)} ms, checked ${first.checked}, notified ${first.notified}`,
  );
  console.log(
    `  sweepServiceRequests, second run (nothing changes): ${fmt(secondMs, 0)} ms, checked ${second.checked}  (CPU of both ${fmt((cpu.user + cpu.system) / 1000, 0)} ms)`,
  );

  // Phases of the sweep's compute, as sweepSla does them.
  const calendar = await loadCalendarSpec(s.handle.db, tz);
  const phases: Record<string, number[]> = { 'load open rows': [], 'load pauses': [], 'slaClocksOf + slaStatusOf ×N': [], total: [] };
  let rows: repo.RequestRow[] = [];
  let pauses = new Map<number, repo.PauseRow[]>();
  for (let round = 0; round < 3; round++) {
    const a = performance.now();
    rows = await repo.findOpenRequestsWithTargets(s.handle.db);
    const b = performance.now();
    pauses = groupBy(
      await repo.findPauses(
        s.handle.db,
        rows.map((r) => Number(r.id)),
      ),
      (p) => Number(p.service_request_id),
    );
    const c = performance.now();
    let breached = 0;
    for (const r of rows) {
      const clocks = slaClocksOf(r, commitmentsOf(r), pauses.get(Number(r.id)) ?? [], now, calendar);
      if (slaStatusOf(clocks) === 'breached') breached++;
    }
    const d = performance.now();
    phases['load open rows'].push(b - a);
    phases['load pauses'].push(c - b);
    phases['slaClocksOf + slaStatusOf ×N'].push(d - c);
    phases.total.push(d - a);
    if (round === 0)
      console.log(
        `  ${rows.length} open requests with targets, ${[...pauses.values()].reduce((n, p) => n + p.length, 0)} pauses, ${breached} breached`,
      );
  }
  for (const [k, v] of Object.entries(phases))
    console.log(`    ${k.padEnd(32)} median of 3 ${fmt(median(v), 1)} ms  (runs ${v.map((x) => fmt(x, 0)).join(', ')})`);

  // computeSlaClocks alone, inputs prepared beforehand.
  const inputs: TSlaInput[] = [];
  for (const r of rows) {
    const cm = commitmentsOf(r);
    if (!cm) continue;
    const d = (x: string | null) => (x === null ? null : new Date(x));
    inputs.push({
      startedAt: new Date(r.issued_at ?? r.created_at),
      targets: { responseHours: cm.responseHours, arrivalHours: cm.arrivalHours, resolutionHours: cm.resolutionHours },
      window: coverageWindowOf(cm.coverage),
      calendar,
      pauses: (pauses.get(Number(r.id)) ?? [])
        .filter((p) => isSlaPausingState(p.state as TServiceRequestState))
        .map((p) => ({ from: new Date(p.started_at), to: d(p.ended_at) })),
      respondedAt: d(r.responded_at),
      arrivedAt: d(r.arrived_at),
      resolvedAt: d(r.resolved_at),
      now,
    });
  }
  const alone: number[] = [];
  for (let round = 0; round < 5; round++) {
    const a = performance.now();
    for (const i of inputs) computeSlaClocks(i);
    alone.push(performance.now() - a);
  }
  console.log(
    `  computeSlaClocks alone ×${inputs.length}: median of 5 ${fmt(median(alone), 1)} ms (runs ${alone.map((x) => fmt(x, 1)).join(', ')})`,
  );
  summary.push(
    `| ${s.engine} | SLA sweep compute over ${rows.length} open (load + clocks) | ${fmt(median(phases.total), 0)} ms | | | | ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')} |`,
  );
  summary.push(`| ${s.engine} | computeSlaClocks alone ×${inputs.length} | ${fmt(median(alone), 1)} ms | | | | |`);
  summary.push(`| ${s.engine} | whole sweep (first / steady) | ${fmt(firstMs, 0)} / ${fmt(secondMs, 0)} ms | | | | |`);
}

// ---------- (c) creating requests ----------

function createBody(s: SeededSr): string {
  // Customer 1234 has contract 1234 (one each); issued at once to an engineer, planned tomorrow.
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(1, 0, 0, 0);
  return JSON.stringify({
    kind: 'emergency_repair',
    customerId: 1234,
    contractId: 1234,
    contactName: '王伟',
    contactPhone: '13800138000',
    siteAddress: '北京市海淀区中关村大街1号',
    description: '华为 磁盘阵列 硬盘故障告警，请尽快安排工程师上门',
    responsibleEngineerId: s.sampleEngineerId,
    plannedStart: tomorrow.toISOString(),
    plannedEnd: new Date(tomorrow.getTime() + 4 * 3_600_000).toISOString(),
    priority: 'high',
    issue: true,
  });
}

async function createPair(
  s: SeededSr,
  label: string,
  extraEnv: Record<string, string>,
  o: { seconds: number; rounds: number; nominal: boolean },
  summary: string[],
) {
  const body = createBody(s);
  // The seed writes no service kinds; contract 1234 must cover the repair (R-SCOPE-1), or the create is refused.
  await sql`insert into contract_service_kind (contract_id, kind) values (1234, 'onsite_maintenance') on conflict do nothing`.execute(
    s.handle.db,
  );
  const app = await startServer(ENTRY, serverEnv(s, extraEnv), [], BUILT);
  const bare = await startServer(ENTRY, serverEnv(s, { ...extraEnv, BENCH_MODE: 'bare' }), [], BUILT);
  try {
    const cookie = await login(app.url);
    const probe = await fetch(`${app.url}/api/service-requests`, {
      method: 'POST',
      headers: { ...authHeaders(cookie), 'content-type': 'application/json' },
      body,
    });
    const probeText = await probe.text();
    if (probe.status !== 201) throw new Error(`POST /api/service-requests: ${probe.status} ${probeText}`);
    console.log(
      `  ${label}: app ${app.pid}, bare ${bare.pid}; one create answers ${Buffer.byteLength(probeText)} bytes: ${probeText.slice(0, 100)}…`,
    );
    const targets = [
      {
        name: `app POST /api/service-requests`,
        url: `${app.url}/api/service-requests`,
        pid: app.pid,
        sat: [] as Load[],
        nom: [] as Load[],
      },
      { name: 'bare POST one-row insert', url: `${bare.url}/bare/insert`, pid: bare.pid, sat: [] as Load[], nom: [] as Load[] },
    ];
    for (const t of targets)
      await load({ url: t.url, pid: t.pid, seconds: 2, connections: CONNECTIONS, method: 'POST', body, headers: authHeaders(cookie) });
    for (let round = 1; round <= o.rounds; round++)
      for (const t of targets) {
        const r = await load({
          url: t.url,
          pid: t.pid,
          seconds: o.seconds,
          connections: CONNECTIONS,
          method: 'POST',
          body,
          headers: authHeaders(cookie),
        });
        t.sat.push(r);
        console.log(line(`[saturated ${round}] ${t.name}`, r));
      }
    if (o.nominal)
      for (const t of targets) {
        const r = await load({
          url: t.url,
          pid: t.pid,
          seconds: o.seconds,
          connections: 1,
          rate: NOMINAL_RATE,
          method: 'POST',
          body,
          headers: authHeaders(cookie),
        });
        t.nom.push(r);
        console.log(line(`[${NOMINAL_RATE} req/s] ${t.name}`, r));
      }
    const m = (rs: Load[], k: keyof Load) => median(rs.map((r) => r[k]));
    const ratio = m(targets[0].sat, 'reqPerSec') / m(targets[1].sat, 'reqPerSec');
    console.log(`  ${label}: app/bare = ${pct(ratio)} (medians of ${o.rounds}; target ≥ 20 %)`);
    // The WAL left after the runs: it stays small while checkpoints keep up (db/wal-checkpointer.ts).
    if (s.engine === 'sqlite' && fs.existsSync(`${s.location}-wal`))
      console.log(`  WAL after the runs: ${fmt(fs.statSync(`${s.location}-wal`).size / 1048576, 1)} MB`);
    for (const t of targets)
      summary.push(
        `| ${s.engine} | create ${label}: ${t.name} | ${t.nom.length ? `${fmt(m(t.nom, 'p50'))} / ${fmt(m(t.nom, 'p95'))}` : '—'} | ${fmt(m(t.sat, 'reqPerSec'), 0)} | ${t === targets[0] ? pct(ratio) : ''} | ${fmt(m(t.sat, 'serverCores'))} | ${os
          .loadavg()
          .map((l) => fmt(l))
          .join(' ')} |`,
      );
  } finally {
    await app.stop();
    await bare.stop();
  }
}

async function profileCreate(s: SeededSr, dir: string, seconds: number) {
  fs.rmSync(dir, { recursive: true, force: true });
  const app = await startServer(ENTRY, serverEnv(s), ['--cpu-prof', '--cpu-prof-dir', dir], BUILT);
  try {
    const cookie = await login(app.url);
    const r = await load({
      url: `${app.url}/api/service-requests`,
      pid: app.pid,
      seconds,
      connections: CONNECTIONS,
      method: 'POST',
      body: createBody(s),
      headers: authHeaders(cookie),
    });
    console.log(line('[profiled, saturated] app POST', r));
  } finally {
    await app.stop();
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  // The main thread's profile is the biggest one (the others: the WAL checkpoint worker, tsx's loader thread).
  const main = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  console.log(`  profile: ${main}\n  summarise: node --import tsx bench/service-requests-profile.ts ${main}`);
  return main;
}

/**
 * Where a list page's CPU goes: a separate app server under node --cpu-prof, one saturated run of
 * the list `qs` (page 1 of 50), summarised; the CPU milliseconds per page from the server's own
 * CPU time over the pages answered.
 */
async function profileList(s: SeededSr, dir: string, qs: string, seconds: number) {
  fs.rmSync(dir, { recursive: true, force: true });
  const app = await startServer(ENTRY, serverEnv(s), ['--cpu-prof', '--cpu-prof-dir', dir], BUILT);
  try {
    const cookie = await login(app.url);
    const url = `${app.url}/api/service-requests?${qs}`;
    await load({ url, pid: app.pid, seconds: 2, connections: 10, headers: authHeaders(cookie) });
    const r = await load({ url, pid: app.pid, seconds, connections: CONNECTIONS, headers: authHeaders(cookie) });
    console.log(line('[profiled, saturated] app GET list', r));
    console.log(`  server CPU per page: ${fmt((r.serverCores / r.reqPerSec) * 1000, 2)} ms (profiling adds its own)`);
  } finally {
    await app.stop();
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  console.log(`  profile: ${main}\n  summarise: node --import tsx bench/service-requests-profile.ts ${main}`);
  return main;
}

async function main() {
  const argv = process.argv.slice(2);
  const engine = (argValue(argv, '--engine') ?? 'sqlite') as 'sqlite' | 'postgres';
  const seconds = Number(argValue(argv, '--seconds') ?? 10);
  const rounds = Number(argValue(argv, '--rounds') ?? 2);
  const listSeconds = Number(argValue(argv, '--list-seconds') ?? 10);
  const skip = new Set((argValue(argv, '--skip') ?? '').split(','));
  console.log(`service-requests.bench — ${machineLine()}`);
  const s = await seedServiceRequests(engine, {
    file: argValue(argv, '--file'),
    reuse: argv.includes('--reuse'),
    keepPg: argValue(argv, '--keep-pg'),
  });
  const total = await sql<{ n: number }>`select count(*) as n from service_request`.execute(s.handle.db);
  console.log(`  ${engine}: ${total.rows[0].n} service requests; sample engineer ${s.sampleEngineerId}`);
  const summary: string[] = [];
  try {
    if (!skip.has('sla')) await benchSla(s, summary);
    if (!skip.has('lists')) await benchLists(s, { listSeconds, only: argValue(argv, '--list-only') }, summary);
    if (!skip.has('create')) {
      console.log(`\n== (c) creating requests — ${engine}, ${CONNECTIONS} connections, ${seconds} s a run ==`);
      await createPair(
        s,
        engine === 'sqlite' ? 'as shipped (synchronous=NORMAL)' : 'as shipped',
        {},
        { seconds, rounds, nominal: true },
        summary,
      );
    }
    if (!skip.has('profile')) {
      console.log('\n== (c) where the time goes: app server under node --cpu-prof, one saturated create run ==');
      const prof = await profileCreate(s, argValue(argv, '--cpu-prof') ?? `/tmp/fuwu-sr/prof-${engine}`, seconds);
      const { summariseProfile } = await import('./service-requests-profile');
      summariseProfile(prof, 25);
    }
    if (!skip.has('listprof')) {
      console.log("\n== (a) where a list page's CPU goes: app server under node --cpu-prof, one saturated list run ==");
      const first = (await listCases(s)).filter((c) => c.name.includes(argValue(argv, '--list-only') ?? ''))[0];
      console.log(`  list: ${first.name}`);
      const prof = await profileList(s, `${argValue(argv, '--cpu-prof') ?? `/tmp/fuwu-sr/prof-${engine}`}-list`, first.qs, seconds);
      const { summariseProfile } = await import('./service-requests-profile');
      summariseProfile(prof, 25);
    }
    if (!skip.has('sync') && engine === 'sqlite') {
      console.log('\n== (c) experiment: both servers with synchronous=FULL (WAL: an fsync per commit) ==');
      await createPair(s, 'synchronous=FULL (experiment)', { BENCH_SQLITE_SYNC: 'FULL' }, { seconds, rounds, nominal: false }, summary);
    }
  } finally {
    console.log(`\n== summary — ${machineLine()} ==`);
    console.log('| engine | what | p50 / p95 ms @50 req/s (or time) | saturated req/s | ratio | server cores | load avg |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const l of summary) console.log(l);
    await s.handle.close();
    await s.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
