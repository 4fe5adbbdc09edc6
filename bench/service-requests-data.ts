/**
 * Service requests at scale: 200 engineers, 50,000 customers (one contract each, with SLA
 * commitments), 1,000,000 service requests over the past year (≈ 10,000 open, the rest
 * closed or cancelled), pauses of the ones that waited for the customer, number sequences set
 * so that new requests continue the series. Raw multi-row INSERTs in big transactions (not the
 * services: the point is the volume the list and the sweep meet, not the write path).
 *
 * Chinese text: company names, addresses, people and a fault vocabulary (brand + equipment type
 * + symptom), from bench/archive-data.ts's vocabulary.
 *
 * As a script (seed only, print counts and timing):
 *   node --import tsx bench/service-requests-data.ts [--engine sqlite|postgres]
 *        [--file /tmp/fuwu-sr/sr.sqlite] [--requests 1000000] [--reuse] [--keep-pg NAME]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DbHandle, type Engine, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { backfillRequestSearch } from '../server/src/modules/service-requests/service-requests.search.repo';
import { ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { makeVocabulary } from './archive-data';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

export interface SrSize {
  engineers: number;
  customers: number;
  requests: number;
  open: number;
}
export const SR_DEFAULT_SIZE: SrSize = { engineers: 200, customers: 50_000, requests: 1_000_000, open: 10_000 };

/** Open (not closed/cancelled) states and their weights among the ≈ 10,000 open requests. */
export const OPEN_STATE_WEIGHTS: [string, number][] = [
  ['draft', 4],
  ['issued', 14],
  ['accepted', 14],
  ['scheduled', 28],
  ['travelling', 3],
  ['on_site', 7],
  ['waiting_customer', 10],
  ['waiting_parts', 7],
  ['reopened', 2],
  ['resolved', 8],
  ['follow_up', 3],
];
export const ACTIVE_OPEN_STATES = [
  'draft',
  'issued',
  'accepted',
  'scheduled',
  'travelling',
  'on_site',
  'waiting_customer',
  'waiting_parts',
  'reopened',
];
const KINDS: [string, number][] = [
  ['emergency_repair', 35],
  ['preventive_maintenance', 25],
  ['installation', 12],
  ['goods_inspection', 8],
  ['spare_parts', 8],
  ['consulting', 6],
  ['training', 3],
  ['outsourcing', 3],
];
const FAULTS =
  '硬盘故障告警 电源模块损坏 风扇异常噪音 主板报错无法开机 内存校验错误 控制器离线 链路中断 端口闪断 固件升级失败 RAID 降级 温度过高告警 系统蓝屏 备份任务失败 磁带机卡带 UPS 电池老化 配置丢失 性能下降 网卡丢包 光模块故障 机房巡检'.split(
    ' ',
  );
const EQUIP = '服务器 磁盘阵列 交换机 防火墙 硬盘柜 UPS 磁带库 存储'.split(' ');
const BRANDS = '华为 浪潮 联想 新华三 Dell HPE IBM 曙光'.split(' ');
const ASKS = ['请尽快安排工程师上门', '客户要求今日到场', '需远程协助排查', '已报原厂备件', '请携带备件', ''];

const DAY = 86_400_000;

export interface SeededSr {
  handle: DbHandle;
  engine: Engine;
  /** SQLite file, or the PostgreSQL URL of the database. */
  location: string;
  engineerIds: number[];
  /** An engineer with a typical number of open requests. */
  sampleEngineerId: number;
  adminId: number;
  drop(): Promise<void>;
}

function weighted<T>(r: () => number, table: [T, number][]): () => T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = r() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1][0];
  };
}

/** Multi-row INSERT executor on either engine, inside one transaction the caller opens. */
interface RawWriter {
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  exec(text: string): Promise<void>;
}

function sqliteWriter(handle: DbHandle): RawWriter {
  const raw = handle.sqlite;
  if (!raw) throw new Error('no raw sqlite');
  const stmts = new Map<string, ReturnType<typeof raw.prepare>>();
  return {
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const key = `${table}:${chunk.length}`;
        let st = stmts.get(key);
        if (!st) {
          const one = `(${columns.map(() => '?').join(',')})`;
          st = raw.prepare(`insert into ${table} (${columns.join(',')}) values ${Array(chunk.length).fill(one).join(',')}`);
          stmts.set(key, st);
        }
        st.run(chunk.flat());
      }
    },
    async exec(text) {
      raw.exec(text);
    },
  };
}

function pgWriter(client: pg.PoolClient): RawWriter {
  return {
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(60_000 / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        let n = 0;
        const values = chunk.map(() => `(${columns.map(() => `$${++n}`).join(',')})`).join(',');
        await client.query(`insert into ${table} (${columns.join(',')}) values ${values}`, chunk.flat());
      }
    },
    async exec(text) {
      await client.query(text);
    },
  };
}

async function generate(w: RawWriter, size: SrSize, nowMs: number, log: (s: string) => void) {
  const v = makeVocabulary(7);
  const { r, pick } = v;
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = iso(nowMs - 400 * DAY);

  // Users: engineers, a few managers. Password hash copied from the admin (id 1), never used to log in.
  const userCols = ['id', 'email', 'name', 'active', 'password_hash', 'locale', 'version', 'created_at', 'updated_at'];
  const users: unknown[][] = [];
  const roles: unknown[][] = [];
  const engineerIds: number[] = [];
  for (let i = 0; i < size.engineers; i++) {
    const id = 10 + i;
    engineerIds.push(id);
    users.push([id, `eng${i}@bench.local`, `${v.person()}${i}`, 1, 'x', 'zh-CN', 1, created, created]);
    roles.push([id, 'engineer']);
  }
  for (let i = 0; i < 5; i++) {
    const id = 2 + i;
    users.push([id, `mgr${i}@bench.local`, `经理${v.person()}`, 1, 'x', 'zh-CN', 1, created, created]);
    roles.push([id, 'tech_manager']);
  }
  await w.insert('app_user', userCols, users);
  // The bench admin (id 1) is also the technical manager who issues requests and reads the lists.
  roles.push([1, 'tech_manager']);
  await w.insert('user_role', ['user_id', 'role'], roles);
  // The user row's copy of its roles (read by the session lookup; users.repo's replaceRoles keeps it in the app).
  await w.exec(`update app_user set roles = 'engineer' where id >= 10`);
  await w.exec(`update app_user set roles = 'tech_manager' where id between 2 and 6`);
  await w.exec(`update app_user set roles = 'admin,tech_manager' where id = 1`);
  await w.exec(`update app_user set password_hash = (select password_hash from app_user where id = 1) where id <> 1`);

  // Customers, one contract each (SLA commitments from a few typical levels).
  const t0 = performance.now();
  const customers: unknown[][] = [];
  const contracts: unknown[][] = [];
  const LEVELS: [string, string, number, number, number | null, number | null, number | null][] = [
    ['5x8', '1,2,3,4,5', 9, 17, 4, 8, 72],
    ['5x8', '1,2,3,4,5', 9, 17, 2, 8, 48],
    ['5x8', '1,2,3,4,5', 9, 17, null, null, null],
    ['7x24', '1,2,3,4,5,6,7', 0, 24, 1, 4, 24],
    ['custom', '1,2,3,4,5,6', 8, 20, 2, 6, 48],
  ];
  for (let id = 1; id <= size.customers; id++) {
    const name = `${v.company()}${id}`;
    customers.push([
      id,
      name,
      name.toLowerCase(),
      pick(['华北', '华东', '华南', '西南', '东北', '西北', '华中']),
      v.address(),
      1,
      created,
      created,
    ]);
    const l = pick(LEVELS);
    contracts.push([
      id,
      `HT-${2024 + (id % 3)}-${String(id).padStart(6, '0')}`,
      id,
      r() < 0.9 ? 'active' : 'expired',
      'contract_execution',
      v.date(2024, 2),
      0,
      l[0],
      l[1],
      l[2],
      l[3],
      l[4],
      l[5],
      l[6],
      r() < 0.05 ? 1 : 0,
      1,
      created,
      created,
    ]);
  }
  await w.insert('customer', ['id', 'name', 'name_key', 'region', 'address', 'version', 'created_at', 'updated_at'], customers);
  await w.insert(
    'contract',
    [
      'id',
      'number',
      'customer_id',
      'status',
      'stage',
      'signed_at',
      'total_amount_fen',
      'coverage_kind',
      'coverage_days',
      'coverage_start_hour',
      'coverage_end_hour',
      'response_hours',
      'arrival_hours',
      'resolution_hours',
      'remote_only',
      'version',
      'created_at',
      'updated_at',
    ],
    contracts,
  );
  log(`  ${size.customers} customers + contracts in ${fmt((performance.now() - t0) / 1000, 1)} s`);

  // Requests: ids in creation order over the past year; the open ones are the most recent.
  const srCols = [
    'id',
    'number',
    'kind',
    'state',
    'origin',
    'customer_id',
    'contract_id',
    'contact_name',
    'contact_phone',
    'site_address',
    'description',
    'issued_by_id',
    'responsible_engineer_id',
    'backup_engineer_id',
    'planned_start',
    'planned_end',
    'priority',
    'incomplete',
    'sla_status',
    'issued_at',
    'responded_at',
    'arrived_at',
    'resolved_at',
    'closed_at',
    'version',
    'created_at',
    'updated_at',
  ];
  const pauseCols = ['service_request_id', 'state', 'started_at', 'ended_at', 'reason', 'by_id'];
  const openState = weighted(r, OPEN_STATE_WEIGHTS);
  const kind = weighted(r, KINDS);
  const start = nowMs - 365 * DAY;
  const openShare = size.open / size.requests;
  const seq = new Map<number, number>();
  const batch = 50_000;
  const t1 = performance.now();
  let open = 0;
  for (let base = 0; base < size.requests; base += batch) {
    const rows: unknown[][] = [];
    const pauses: unknown[][] = [];
    for (let i = base; i < Math.min(size.requests, base + batch); i++) {
      const id = i + 1;
      const createdMs = start + Math.floor((i / size.requests) * 365 * DAY + r() * 60_000);
      const age = nowMs - createdMs;
      // Open probability rises steeply over the last 45 days; a few very old stragglers stay open.
      const isOpen = age < 45 * DAY ? r() < ((openShare * 365) / 45) * 0.97 : r() < openShare * 0.03;
      const state = isOpen ? openState() : r() < 0.03 ? 'cancelled' : 'closed';
      if (isOpen) open++;
      const year = new Date(createdMs).getUTCFullYear();
      const n = (seq.get(year) ?? 0) + 1;
      seq.set(year, n);
      const customerId = 1 + Math.floor(r() ** 1.5 * size.customers);
      const k = kind();
      const eng = engineerIds[Math.floor(r() * engineerIds.length)];
      const backup = r() < 0.3 ? engineerIds[Math.floor(r() * engineerIds.length)] : null;
      const draft = state === 'draft';
      const issuedMs = draft ? null : createdMs + Math.floor(r() * 2 * 3_600_000);
      const plannedMs = draft || r() < 0.1 ? null : createdMs + Math.floor((0.2 + r() * 4) * DAY);
      const pastResponse = !isOpen || !['draft', 'issued'].includes(state);
      const respondedMs = issuedMs !== null && pastResponse ? issuedMs + Math.floor(r() * 6 * 3_600_000) : null;
      const pastArrival = !isOpen || ['on_site', 'waiting_customer', 'waiting_parts', 'resolved', 'follow_up', 'reopened'].includes(state);
      const arrivedMs = respondedMs !== null && pastArrival ? respondedMs + Math.floor(r() * 20 * 3_600_000) : null;
      const resolvedMs =
        arrivedMs !== null && (!isOpen || state === 'resolved' || state === 'follow_up') ? arrivedMs + Math.floor(r() * 3 * DAY) : null;
      const closedMs = !isOpen && resolvedMs !== null ? resolvedMs + Math.floor(r() * 5 * DAY) : !isOpen ? createdMs + DAY : null;
      // Closed ones keep the status of the last sweep that saw them open; the open ones are set by the sweep.
      const sla = isOpen ? null : r() < 0.13 ? 'breached' : r() < 0.02 ? 'at_risk' : 'ok';
      const urgent = k === 'emergency_repair' && r() < 0.05;
      rows.push([
        id,
        `SR-${year}-${String(n).padStart(5, '0')}`,
        k,
        state,
        pick(['call', 'call', 'call', 'manual', 'pm_plan']),
        customerId,
        k === 'consulting' && r() < 0.5 ? null : customerId,
        v.person(),
        v.phone(),
        v.address(),
        `${pick(BRANDS)} ${pick(EQUIP)} ${pick(FAULTS)}，${pick(ASKS)}`,
        2 + Math.floor(r() * 5),
        draft && r() < 0.5 ? null : eng,
        backup,
        plannedMs === null ? null : iso(plannedMs),
        plannedMs === null ? null : iso(plannedMs + 4 * 3_600_000),
        urgent ? 'urgent' : pick(['normal', 'normal', 'normal', 'high', 'low']),
        urgent && isOpen && r() < 0.3 ? 1 : 0,
        sla,
        issuedMs === null ? null : iso(issuedMs),
        respondedMs === null ? null : iso(respondedMs),
        arrivedMs === null ? null : iso(arrivedMs),
        resolvedMs === null ? null : iso(resolvedMs),
        closedMs === null ? null : iso(closedMs),
        1,
        iso(createdMs),
        iso(closedMs ?? createdMs),
      ]);
      // One in five waited for the customer at some point; the ones waiting now have an open pause.
      if (state === 'waiting_customer' && issuedMs !== null) {
        const from = Math.min(nowMs - 3_600_000, (arrivedMs ?? issuedMs) + 3_600_000);
        pauses.push([id, 'waiting_customer', iso(from), null, '等待客户确认', eng]);
      } else if (issuedMs !== null && r() < 0.2) {
        const from = issuedMs + Math.floor(r() * 8 * 3_600_000);
        const to = Math.min(nowMs - 60_000, from + Math.floor(r() * DAY));
        if (to > from) pauses.push([id, 'waiting_customer', iso(from), iso(to), '客户不在现场', eng]);
      }
    }
    await w.insert('service_request', srCols, rows);
    await w.insert('service_request_pause', pauseCols, pauses);
  }
  for (const [year, n] of seq) await w.insert('number_sequence', ['series', 'last_value'], [[`SR-${year}`, n]]);
  log(`  ${size.requests} requests (${open} open) in ${fmt((performance.now() - t1) / 1000, 1)} s`);
  return engineerIds;
}

/** The list's text index of every generated request (service-requests.search.repo.ts), as migration 1121 backfills it. */
async function indexRequests(handle: DbHandle, log: (s: string) => void): Promise<void> {
  const t0 = performance.now();
  const n = await backfillRequestSearch(handle.db, 10_000);
  log(`  text index of ${n} requests in ${fmt((performance.now() - t0) / 1000, 1)} s`);
}

/**
 * A migrated database with the bench admin (id 1) and the data above. SQLite: the file is kept
 * and reused with `reuse` when it exists (seeding 1 M rows takes a minute or two).
 */
export async function seedServiceRequests(
  engine: Engine,
  opts: {
    file?: string;
    size?: SrSize;
    reuse?: boolean;
    keepPg?: string;
    log?: (s: string) => void;
    /** SQLite: checkpoint the WAL in a worker thread, as the server does (for work measured in this process). */
    checkpointer?: boolean;
  } = {},
): Promise<SeededSr> {
  const size = opts.size ?? SR_DEFAULT_SIZE;
  const log = opts.log ?? console.log;
  const nowMs = Date.now();
  let handle: DbHandle;
  let location: string;
  let drop = async () => {};
  let fresh = true;
  if (engine === 'sqlite') {
    const file = opts.file ?? '/tmp/fuwu-sr/sr.sqlite';
    if (opts.reuse && fs.existsSync(file)) fresh = false;
    else for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // No checkpoint worker in the bench's own process unless asked: the servers under test run theirs.
    handle = openSqlite(file, { backgroundCheckpoint: opts.checkpointer ?? false });
    location = file;
  } else {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('postgres needs TEST_DATABASE_URL');
    const name = opts.keepPg ?? `fuwu_srbench_${randomBytes(5).toString('hex')}`;
    const admin = openPostgres(url, { max: 1 });
    const exists = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db);
    if (opts.reuse && exists.rows[0].n > 0) fresh = false;
    else {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await sql`create database ${sql.id(name)}`.execute(admin.db);
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    location = u.toString();
    handle = openPostgres(location, { max: 10 });
    drop = async () => {
      if (!opts.keepPg) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    };
  }
  const engineerIds = Array.from({ length: size.engineers }, (_, i) => 10 + i);
  if (fresh) {
    const t0 = performance.now();
    await migrateToLatest(handle.db);
    await ensureFirstAdmin(handle.db, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
    if (engine === 'sqlite') {
      const raw = handle.sqlite as NonNullable<DbHandle['sqlite']>;
      raw.pragma('synchronous = OFF');
      raw.exec('begin');
      await generate(sqliteWriter(handle), size, nowMs, log);
      await indexRequests(handle, log);
      raw.exec('commit');
      raw.pragma('synchronous = FULL');
      raw.pragma('wal_checkpoint(TRUNCATE)');
    } else {
      const pool = new pg.Pool({ connectionString: location, max: 1 });
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('set local synchronous_commit = off');
        await generate(pgWriter(client), size, nowMs, log);
        await client.query('commit');
        for (const t of ['app_user', 'customer', 'contract', 'service_request', 'service_request_pause'])
          await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
        // The text index: GIN built once after the rows, as archive-data does for search_entry.
        await client.query('drop index service_request_search_tsv_idx');
        await handle.db.transaction().execute((trx) => indexRequests({ ...handle, db: trx }, log));
        await client.query(
          'create index service_request_search_tsv_idx on service_request_search using gin (tsv) with (fastupdate = on, gin_pending_list_limit = 256)',
        );
        const t1 = performance.now();
        await client.query('vacuum analyze');
        log(`  vacuum analyze ${fmt((performance.now() - t1) / 1000, 1)} s`);
      } finally {
        client.release();
        await pool.end();
      }
    }
    log(`  seeded ${engine} in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  } else {
    // Migrations added since the file was seeded (indexes, search) apply to it as they would in production.
    const t0 = performance.now();
    await migrateToLatest(handle.db);
    log(`  reusing ${location} (migrated in ${fmt((performance.now() - t0) / 1000, 1)} s)`);
  }
  // The engineer with the median number of open requests.
  const counts = await sql<{ e: number; n: number }>`
    select responsible_engineer_id as e, count(*) as n from service_request
    where state not in ('closed', 'cancelled') and responsible_engineer_id is not null group by 1 order by 2, 1`.execute(handle.db);
  const sampleEngineerId = Number(counts.rows[Math.floor(counts.rows.length / 2)]?.e ?? engineerIds[0]);
  return { handle, engine, location, engineerIds, sampleEngineerId, adminId: 1, drop };
}

async function main() {
  const argv = process.argv.slice(2);
  const engine = (argValue(argv, '--engine') ?? 'sqlite') as Engine;
  const requests = Number(argValue(argv, '--requests') ?? SR_DEFAULT_SIZE.requests);
  console.log(`service-requests-data — ${machineLine()}`);
  const s = await seedServiceRequests(engine, {
    file: argValue(argv, '--file'),
    size: { ...SR_DEFAULT_SIZE, requests, open: Math.round((SR_DEFAULT_SIZE.open * requests) / SR_DEFAULT_SIZE.requests) },
    reuse: argv.includes('--reuse'),
    keepPg: argValue(argv, '--keep-pg'),
  });
  const counts = await sql<{
    state: string;
    n: number;
  }>`select state, count(*) as n from service_request group by state order by 2 desc`.execute(s.handle.db);
  console.log(`  by state: ${counts.rows.map((c) => `${c.state} ${c.n}`).join(', ')}`);
  console.log(`  sample engineer ${s.sampleEngineerId}; ${machineLine()}`);
  await s.handle.close();
  await s.drop();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
