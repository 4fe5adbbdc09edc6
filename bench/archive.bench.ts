/**
 * The archive at scale through HTTP: 10,000 customers, 50,000 contracts, 1,000,000 equipment
 * rows with their search entries (bench/archive-data.ts), the real app in a child process
 * (bench/archive-server.ts), signed in as an engineer (prices masked) and as sales.
 *
 * Per endpoint: p50/p95/p99 at a nominal 50 req/s (one connection, autocannon overallRate) and
 * saturated req/s at 50 connections, with a bare Fastify route returning the same JSON as the
 * baseline (interleaved); the service call's own time in the database (in this process); the
 * plans of every statement the call runs (EXPLAIN QUERY PLAN / EXPLAIN (ANALYZE, BUFFERS)),
 * captured with a logging Kysely; and a 10,000-row equipment sheet imported over HTTP into the
 * big database. Prints, never asserts.
 *
 *   node --import tsx bench/archive.bench.ts [--engine sqlite,postgres] [--seconds 10] [--rounds 1]
 *        [--reuse] [--file F.sqlite] [--keep-pg NAME] [--only contracts,sn,search,import] [--no-load]
 *        [--customers 10000] [--contracts 50000] [--equipment 1000000]
 *
 * --reuse: SQLite reuses the loaded file (default /tmp/fuwu-archive-bench/archive-….sqlite);
 * PostgreSQL reuses the database named by --keep-pg (otherwise a fresh one is made and dropped).
 * Each import adds 10,000 units with a new SN prefix, so a reused database grows by 1 % a run.
 */
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { CompiledQuery, Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { TContractQuery } from '@contract/contracts';
import type { TRole } from '@contract/roles';
import type { Actor } from '../server/src/actor';
import type { Db, Engine } from '../server/src/db/database';
import type { Database } from '../server/src/db/schema';
import { listContracts } from '../server/src/modules/contracts/contracts.service';
import { findEquipmentBySn } from '../server/src/modules/equipment/equipment.service';
import { multipartBody } from '../server/src/modules/files/files.fixtures';
import { searchEntries } from '../server/src/modules/search/search.service';
import {
  ARCHIVE_ENGINEER_EMAIL,
  ARCHIVE_RARE,
  ARCHIVE_SALES_EMAIL,
  ARCHIVE_USER_PASSWORD,
  type ArchiveSize,
  archiveCounts,
  DEFAULT_SIZE,
  openArchive,
} from './archive-data';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { type ChildServer, startServer } from './lib/child-server';
import { type LoadResult, runLoad } from './lib/load';
import { machineLine } from './lib/machine';
import { argValue, fmt, median, pct, percentileSorted } from './lib/stats';

const CONNECTIONS = 50;
const NOMINAL_RATE = 50;
const TODAY = new Date().toISOString().slice(0, 10);

interface Session {
  cookie: string;
  csrf: string;
  actor: Actor;
}

interface Endpoint {
  group: 'contracts' | 'sn' | 'search';
  name: string;
  path: string;
  who: 'engineer' | 'sales';
  target: number;
  /** The service call, in the database (timed in this process, and run on a logging Kysely for the plans). */
  call: (db: Db, actor: Actor) => Promise<unknown>;
}

async function login(url: string, email: string, password: string, roles: TRole[]): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${text}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fuwu_session='));
  if (!cookie) throw new Error('login set no fuwu_session cookie');
  const body = JSON.parse(text) as { csrfToken: string; user?: { id: number; name: string } };
  return {
    cookie: cookie.split(';')[0],
    csrf: body.csrfToken,
    actor: { id: body.user?.id ?? null, name: body.user?.name ?? null, roles, requestId: null },
  };
}

const contractQuery = (q: Partial<TContractQuery>): TContractQuery =>
  ({ page: 1, pageSize: 50, sort: '-signedAt', ...q }) as TContractQuery;
const qs = (q: Record<string, string | number>) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

async function endpoints(db: Db): Promise<Endpoint[]> {
  // Hard cases from the data: the customer with most contracts, a real SN and fragment of one.
  const busiest = await db
    .selectFrom('contract')
    .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('customer_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const unit = await db.selectFrom('equipment').select(['sn']).where('id', '=', 654_321).executeTakeFirst();
  const sn = unit?.sn ?? (await db.selectFrom('equipment').select('sn').limit(1).executeTakeFirstOrThrow()).sn ?? '';
  const fragment = sn.slice(3, 9);
  const customerId = Number(busiest.customer_id);
  console.log(`  busiest customer ${customerId} holds ${busiest.n} contracts; SN ${sn}, fragment ${fragment}`);

  const list = (name: string, q: Partial<TContractQuery>, who: 'engineer' | 'sales' = 'engineer'): Endpoint => ({
    group: 'contracts',
    name,
    path: `/api/contracts?${qs(q as Record<string, string>)}`,
    who,
    target: 10,
    call: (d, actor) => listContracts(d, actor, contractQuery(q)),
  });
  const base = { status: 'active', stage: 'contract_execution', sort: '-signedAt' } as const;
  const search = (name: string, q: string): Endpoint => ({
    group: 'search',
    name,
    path: `/api/search?q=${encodeURIComponent(q)}`,
    who: 'engineer',
    target: 30,
    call: (d, actor) => searchEntries(d, actor.roles, { q }),
  });
  return [
    list('contracts status+stage, -signedAt', base),
    list('  … as sales (prices)', base, 'sales'),
    list('  … + busiest customer', { ...base, customerId }),
    list('  … + q=华讯 (customer name)', { ...base, q: '华讯' }),
    list('  … + q=HT-2024 (number)', { ...base, q: 'HT-2024' }),
    list('  … + q=鲲鹏 (matches nothing)', { ...base, q: '鲲鹏' }),
    list('contracts, no filter, -signedAt', { sort: '-signedAt' }),
    {
      group: 'sn',
      name: 'SN lookup (exists)',
      path: `/api/equipment/by-sn/${encodeURIComponent(sn.toLowerCase())}`,
      who: 'engineer',
      target: 5,
      call: (d, actor) => findEquipmentBySn(d, actor, sn, TODAY),
    },
    {
      group: 'sn',
      name: 'SN lookup (no such SN)',
      path: '/api/equipment/by-sn/NOSUCHSN0000',
      who: 'engineer',
      target: 5,
      call: (d, actor) => findEquipmentBySn(d, actor, 'NOSUCHSN0000', TODAY),
    },
    search('search 硬盘 (common)', '硬盘'),
    search(`search ${ARCHIVE_RARE} (rare)`, ARCHIVE_RARE),
    search('search 鲲鹏 (2 chars, no match)', '鲲鹏'),
    search('search 盘 (1 char)', '盘'),
    search(`search ${fragment} (SN fragment)`, fragment),
    search('search 北京 服务器 (two terms)', '北京 服务器'),
  ];
}

// ---------- plans ----------

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

function loggingDb(engine: Engine, location: string, into: Captured[]): { db: Db; close: () => Promise<void> } {
  const log = (e: LogEvent) => {
    if (e.level === 'query') into.push({ sql: e.query.sql, parameters: e.query.parameters });
  };
  if (engine === 'sqlite') {
    const raw = new SQLite(location, { readonly: true });
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log });
    return { db, close: () => db.destroy() };
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location, max: 4 }) }), log });
  return { db, close: () => db.destroy() };
}

const PLAN_FLAGS = [/TEMP B-TREE/i, /^SCAN (?!search_fts|\(subquery)/i, /Seq Scan/i, /^\s*(->\s*)?Sort\b/i];

async function printPlans(engine: Engine, location: string, ep: Endpoint, actor: Actor): Promise<string[]> {
  const captured: Captured[] = [];
  const { db, close } = loggingDb(engine, location, captured);
  const flagged: string[] = [];
  try {
    await ep.call(db, actor);
    const statements = captured.splice(0);
    console.log(`\n  plans: ${ep.name}  (${ep.path})`);
    for (const [i, q] of statements.entries()) {
      const prefix = engine === 'sqlite' ? 'explain query plan ' : 'explain (analyze, buffers, timing off, summary on) ';
      const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + q.sql, [...q.parameters]));
      const shownSql = q.sql.length > 400 ? `${q.sql.slice(0, 400)}…` : q.sql;
      const params = JSON.stringify(q.parameters).slice(0, 160);
      console.log(`   [${i + 1}] ${shownSql}\n       params ${params}`);
      for (const row of r.rows) {
        const line = String(row['QUERY PLAN'] ?? row.detail);
        const bad = PLAN_FLAGS.some((re) => re.test(line.trim()));
        if (bad) flagged.push(`${ep.name} [${i + 1}]: ${line.trim()}`);
        console.log(`       ${bad ? '!!' : '  '} ${line}`);
      }
    }
  } finally {
    await close();
  }
  return flagged;
}

// ---------- in the database ----------

async function timeInDb(db: Db, ep: Endpoint, actor: Actor, runs: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await ep.call(db, actor);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await ep.call(db, actor);
    times.push(performance.now() - s);
  }
  const sorted = Float64Array.from(times).sort();
  return { p50: percentileSorted(sorted, 50), p95: percentileSorted(sorted, 95) };
}

// ---------- import ----------

async function equipmentSheet(contractNumber: string, prefix: string, rows: number): Promise<Buffer> {
  const types: [string, string, string][] = [
    ['服务器', '华为', 'FusionServer 2288H V6'],
    ['磁盘阵列', '浪潮', 'AS5300G5'],
    ['硬盘柜', 'Dell', 'PowerVault ME484'],
    ['交换机', '新华三', 'S6850-56HF'],
    ['防火墙', '华为', 'USG6650E'],
    ['UPS', '华为', 'UPS2000-G-10KRTL'],
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据 Data');
  ws.addRow([
    '*合同编号\nContract number',
    '*产品类型\nProduct type',
    '*品牌\nBrand',
    '*型号\nModel',
    'PN',
    '序列号\nSerial number',
    '数量',
    '安装地点',
    '保修开始',
    '保修结束',
  ]);
  for (let i = 0; i < rows; i++) {
    const [type, brand, model] = types[i % types.length];
    ws.addRow([
      contractNumber,
      type,
      brand,
      model,
      `PN-${i % 997}`,
      `${prefix}${String(i).padStart(8, '0')}`,
      1,
      '上海数据中心 3F-A12',
      new Date(Date.UTC(2026, i % 12, 1)),
      '2029-12-31',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function benchImport(db: Db, server: ChildServer, rows: number): Promise<void> {
  const admin = await login(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, ['admin']);
  const contract = await db
    .selectFrom('contract')
    .select('number')
    .where('id', '<=', 4242)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const prefix = `IMP${Date.now().toString(36).toUpperCase()}`;
  const sheet = await equipmentSheet(contract.number, prefix, rows);
  const { payload, headers } = multipartBody({}, { name: 'equipment.xlsx', content: sheet });
  const before = (await archiveCounts(db)).equipment;
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/imports/equipment`, {
    method: 'POST',
    headers: { ...headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: new Uint8Array(payload),
  });
  const text = await res.text();
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 200) {
    console.log(`  import: ${res.status} ${text.slice(0, 400)}`);
    return;
  }
  console.log(
    `\n  import ${rows.toLocaleString()} equipment rows (.xlsx ${fmt(sheet.length / 1e6)} MB) over HTTP into ${before.toLocaleString()} units: ` +
      `${fmt(seconds)} s (${fmt(rows / seconds, 0)} rows/s; target < 10 s) — ${text.slice(0, 120)}`,
  );
}

// ---------- HTTP ----------

function runLine(label: string, r: LoadResult): string {
  const bad = r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx}, errors ${r.errors}` : '';
  return (
    `    ${label.padEnd(22)} ${fmt(r.reqPerSec, 0).padStart(6)} req/s  p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} ms` +
    `  cores: server ${fmt(r.serverCores)}, client ${fmt(r.clientCores)}, other ${fmt(r.otherCores)}${bad}`
  );
}

interface Row {
  ep: Endpoint;
  nominal: LoadResult[];
  saturated: LoadResult[];
  bare: LoadResult[];
  db: { p50: number; p95: number };
  bytes: number;
}

async function benchEngine(
  engine: Engine,
  opts: {
    size: ArchiveSize;
    seconds: number;
    rounds: number;
    reuse: boolean;
    file?: string;
    keepPg?: string;
    only: string[];
    load: boolean;
  },
) {
  console.log(`\n== ${engine} ==`);
  const t0 = performance.now();
  const archive = await openArchive({
    engine,
    size: opts.size,
    file: opts.file,
    reuse: opts.reuse,
    keepPg: opts.keepPg,
    log: (l) => console.log(l),
  });
  const counts = await archiveCounts(archive.handle.db);
  console.log(`  ${JSON.stringify(counts)} (ready in ${fmt((performance.now() - t0) / 1000, 1)} s)`);
  const server = await startServer(
    '../archive-server.ts',
    engine === 'sqlite' ? { ARCHIVE_SQLITE_FILE: archive.location } : { ARCHIVE_DATABASE_URL: archive.location },
  );
  const rows: Row[] = [];
  const flagged: string[] = [];
  try {
    const sessions = {
      engineer: await login(server.url, ARCHIVE_ENGINEER_EMAIL, ARCHIVE_USER_PASSWORD, ['engineer']),
      sales: await login(server.url, ARCHIVE_SALES_EMAIL, ARCHIVE_USER_PASSWORD, ['sales']),
    };
    const eps = (await endpoints(archive.handle.db)).filter((e) => opts.only.includes(e.group));

    if (opts.load) {
      console.log(
        `\n  HTTP: ${NOMINAL_RATE} req/s on 1 connection and saturated on ${CONNECTIONS}, ${opts.seconds} s a run, ${opts.rounds} round(s); bare Fastify with the same body interleaved`,
      );
      for (const ep of eps) {
        const s = sessions[ep.who];
        const url = `${server.url}${ep.path}`;
        const res = await fetch(url, { headers: { cookie: s.cookie } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${ep.path}: ${res.status} ${body.slice(0, 300)}`);
        const bare = await startServer('bare-server.ts', { BENCH_BODY: body });
        const row: Row = {
          ep,
          nominal: [],
          saturated: [],
          bare: [],
          db: await timeInDb(archive.handle.db, ep, s.actor, 100),
          bytes: Buffer.byteLength(body),
        };
        const summary = body.length > 110 ? `${body.slice(0, 110)}…` : body;
        console.log(`\n  ${ep.name} — GET ${ep.path} as ${ep.who} (${row.bytes} bytes: ${summary})`);
        console.log(`    in the database (service call, this process): p50 ${fmt(row.db.p50)} p95 ${fmt(row.db.p95)} ms`);
        try {
          await runLoad({ url, serverPid: server.pid, seconds: 1, connections: 10, headers: { cookie: s.cookie } });
          for (let round = 1; round <= opts.rounds; round++) {
            const n = await runLoad({
              url,
              serverPid: server.pid,
              seconds: opts.seconds,
              connections: 1,
              overallRate: NOMINAL_RATE,
              headers: { cookie: s.cookie },
            });
            row.nominal.push(n);
            console.log(runLine(`[${NOMINAL_RATE} req/s ${round}] app`, n));
            const sat = await runLoad({
              url,
              serverPid: server.pid,
              seconds: opts.seconds,
              connections: CONNECTIONS,
              headers: { cookie: s.cookie },
            });
            row.saturated.push(sat);
            console.log(runLine(`[saturated ${round}] app`, sat));
            const b = await runLoad({
              url: `${bare.url}/api/me`,
              serverPid: bare.pid,
              seconds: opts.seconds,
              connections: CONNECTIONS,
              headers: { cookie: s.cookie },
            });
            row.bare.push(b);
            console.log(runLine(`[saturated ${round}] bare`, b));
          }
        } finally {
          await bare.stop();
        }
        rows.push(row);
      }
    }

    for (const ep of eps) flagged.push(...(await printPlans(engine, archive.location, ep, sessions[ep.who].actor)));

    if (opts.only.includes('import')) await benchImport(archive.handle.db, server, 10_000);

    if (rows.length) {
      const m = (rs: LoadResult[], k: keyof LoadResult) => median(rs.map((r) => r[k]));
      console.log(
        `\n  ${engine} summary — ${counts.customers.toLocaleString()} customers, ${counts.contracts.toLocaleString()} contracts, ${counts.equipment.toLocaleString()} equipment, ${counts.searchEntries.toLocaleString()} search entries; ${machineLine()}`,
      );
      console.log(
        `  ${'endpoint'.padEnd(36)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'p99'.padStart(6)} @${NOMINAL_RATE}/s  target  ${'sat req/s'.padStart(9)}  ${'bare'.padStart(6)}  ${'ratio'.padStart(7)}  sat p95  db p95  srv cores`,
      );
      for (const r of rows) {
        const p95 = m(r.nominal, 'p95');
        const over = p95 >= r.ep.target ? ' !!' : '   ';
        console.log(
          `  ${r.ep.name.padEnd(36)} ${fmt(m(r.nominal, 'p50')).padStart(6)} ${fmt(p95).padStart(6)} ${fmt(m(r.nominal, 'p99')).padStart(6)}      ${`<${r.ep.target}`.padStart(4)}${over} ` +
            `${fmt(m(r.saturated, 'reqPerSec'), 0).padStart(9)}  ${fmt(m(r.bare, 'reqPerSec'), 0).padStart(6)}  ${pct(m(r.saturated, 'reqPerSec') / m(r.bare, 'reqPerSec')).padStart(7)}  ` +
            `${fmt(m(r.saturated, 'p95')).padStart(7)}  ${fmt(r.db.p95).padStart(6)}  ${fmt(m(r.saturated, 'serverCores')).padStart(5)}`,
        );
      }
    }
    if (flagged.length) {
      console.log(`\n  plan steps to look at (temporary B-tree, full scan, seq scan, sort):`);
      for (const f of flagged) console.log(`    ${f}`);
    } else console.log('\n  no plan step with a temporary B-tree, a full scan or a seq scan');
  } finally {
    await server.stop();
    await archive.close();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const engines = (argValue(argv, '--engine')?.split(',') ??
    (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'])) as Engine[];
  const size: ArchiveSize = {
    customers: Number(argValue(argv, '--customers') ?? DEFAULT_SIZE.customers),
    contracts: Number(argValue(argv, '--contracts') ?? DEFAULT_SIZE.contracts),
    equipment: Number(argValue(argv, '--equipment') ?? DEFAULT_SIZE.equipment),
  };
  const opts = {
    size,
    seconds: Number(argValue(argv, '--seconds') ?? 10),
    rounds: Number(argValue(argv, '--rounds') ?? 1),
    reuse: argv.includes('--reuse'),
    file: argValue(argv, '--file'),
    keepPg: argValue(argv, '--keep-pg'),
    only: (argValue(argv, '--only') ?? 'contracts,sn,search,import').split(','),
    load: !argv.includes('--no-load'),
  };
  console.log(`archive.bench — ${machineLine()}`);
  if (!process.env.TEST_DATABASE_URL) console.log('TEST_DATABASE_URL unset: SQLite only');
  for (const engine of engines) await benchEngine(engine, opts);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
