/**
 * The archive at scale: customers (default 10,000, each with a contact), contracts (50,000) and
 * equipment (1,000,000), with their search entries, on SQLite or PostgreSQL. Realistic Chinese
 * vocabulary (company names, industries, equipment types, brands, sites) and Latin SNs/PNs.
 *
 * Customers and contracts go through the services' bulk functions (createCustomersMany,
 * createContractsMany: audit, stage history and search entries included). Equipment goes
 * through the repo's multi-row insert (repo.insertEquipment) and the search module's bulk
 * indexNewEntries, the same writes createEquipmentMany does minus the per-unit audit rows and
 * the SN uniqueness read (generated SNs are unique). Large transactions throughout.
 *
 * PostgreSQL: the GIN index of search_entry is dropped during the load and rebuilt afterwards
 * (same definition as migrations 0950 + 1501), then VACUUM ANALYZE. SQLite: FTS5 'optimize' after the
 * load (as search.bench does); no ANALYZE (the app never runs one).
 *
 * As a script (seed only, print counts):
 *   node --import tsx bench/archive-data.ts [--engine sqlite|postgres] [--file /tmp/fuwu-archive/archive.sqlite]
 *        [--customers 10000] [--contracts 50000] [--equipment 1000000] [--reuse] [--keep-pg NAME]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ZCreateContract } from '@contract/contracts';
import { ZCreateCustomer } from '@contract/customers';
import { normaliseBrand } from '@contract/equipment';
import { systemActor } from '../server/src/actor';
import { type DbHandle, type Engine, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { createContractsMany } from '../server/src/modules/contracts/contracts.service';
import { createCustomersMany } from '../server/src/modules/customers/customers.service';
import * as equipmentRepo from '../server/src/modules/equipment/equipment.repo';
import { equipmentEntry } from '../server/src/modules/equipment/equipment.search';
import { equipmentFields } from '../server/src/modules/equipment/equipment.view';
import { optimizeSearchIndex } from '../server/src/modules/search/search.repo';
import { indexNewEntries } from '../server/src/modules/search/search.service';
import { createUser, ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './lib/bench-admin';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

export const ARCHIVE_USER_PASSWORD = 'bench-password-1';
export const ARCHIVE_ENGINEER_EMAIL = 'engineer@bench.local';
export const ARCHIVE_SALES_EMAIL = 'sales@bench.local';
/** One equipment row in RARE_EVERY carries this word in its site: the "rare term". */
export const ARCHIVE_RARE = '昆仑';
const RARE_EVERY = 20_000;

export interface ArchiveSize {
  customers: number;
  contracts: number;
  equipment: number;
}

export const DEFAULT_SIZE: ArchiveSize = { customers: 10_000, contracts: 50_000, equipment: 1_000_000 };

// ---------- vocabulary ----------

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES =
  '北京 上海 广州 深圳 杭州 南京 成都 武汉 西安 重庆 天津 苏州 长沙 郑州 青岛 厦门 合肥 济南 沈阳 大连 昆明 福州 南昌 宁波 无锡 佛山 东莞 石家庄 太原 哈尔滨'.split(
    ' ',
  );
const DISTRICTS = '海淀区 朝阳区 浦东新区 天河区 南山区 西湖区 鼓楼区 高新区 经开区 滨江区 江北区 开发区'.split(' ');
const ROADS = '中关村大街 建国路 世纪大道 科技园路 文三路 中山路 人民路 解放路 长江路 学院路'.split(' ');
const BRAND_WORDS =
  '华讯 星海 金桥 宏达 鼎信 天元 联创 恒通 博远 中科 卓越 东方 泰和 瑞丰 汇智 新锐 远景 同方 航信 安泰 启明 长城 银河 易通 华瑞 正和 海纳 信达 德润 云帆'.split(
    ' ',
  );
const TRADES = '科技 信息技术 数据 电子 网络 软件 通信 医疗 教育 物流 能源 金融服务 制造'.split(' ');
const SUFFIXES = ['有限公司', '有限公司', '股份有限公司', '集团有限公司'];
const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗'.split(' ');
const GIVEN = '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英'.split(' ');
const TITLES = ['信息中心主任', 'IT 经理', '运维工程师', '采购经理', '机房负责人'];
/** [brand, model, type, SN prefix]: the type words are what users search for. */
const MODELS: [string, string, string, string][] = [
  ['华为', 'FusionServer 2288H V6', '服务器', '2102'],
  ['华为', 'OceanStor 5310', '磁盘阵列', '2102'],
  ['华为', 'OceanStor 2200 V3 硬盘框', '硬盘柜', '2102'],
  ['华为', 'CloudEngine S6730', '交换机', '2102'],
  ['华为', 'USG6650E', '防火墙', '2102'],
  ['华为', 'UPS2000-G-10KRTL', 'UPS', '2102'],
  ['浪潮', 'NF5280M6', '服务器', '22'],
  ['浪潮', 'AS5300G5', '磁盘阵列', '22'],
  ['浪潮', 'JBOD 12 盘位', '硬盘柜', '22'],
  ['联想', 'ThinkSystem SR650 V2', '服务器', 'J'],
  ['联想', 'ThinkSystem DE2000H', '磁盘阵列', 'J'],
  ['联想', 'ThinkSystem D1224', '硬盘柜', 'J'],
  ['新华三', 'UniServer R4900 G5', '服务器', '210235'],
  ['新华三', 'S6850-56HF', '交换机', '210235'],
  ['新华三', 'SecPath F1000-AI', '防火墙', '210235'],
  ['Dell', 'PowerEdge R750', '服务器', ''],
  ['Dell', 'PowerVault ME5024', '磁盘阵列', ''],
  ['Dell', 'PowerVault ME484', '硬盘柜', ''],
  ['HPE', 'ProLiant DL380 Gen10 Plus', '服务器', 'CN'],
  ['HPE', 'MSA 2060', '磁盘阵列', 'CN'],
  ['HPE', 'D3610 硬盘柜', '硬盘柜', 'CN'],
  ['IBM', 'Power S1022', '服务器', '78'],
  ['IBM', 'FlashSystem 5200', '磁盘阵列', '78'],
  ['IBM', 'TS4300', '磁带库', '78'],
];
const NOTES = ['', '', '', '含原厂三年维保', '机房搬迁后续签', '年度巡检四次', '备件库驻场', '7×24 小时响应', '含硬盘不返还服务'];
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
/** Stages a signed contract is in, weighted: most are being executed. */
const SIGNED_STAGES = [
  'contract_execution',
  'contract_execution',
  'contract_execution',
  'contract_execution',
  'project_acceptance',
  'payment_collection',
  'warranty_maintenance',
  'commerce_order',
] as const;

export function makeVocabulary(seed: number) {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const code = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[Math.floor(r() * ALNUM.length)];
    return s;
  };
  return {
    r,
    pick,
    code,
    company: () => `${pick(CITIES)}${pick(BRAND_WORDS)}${pick(TRADES)}${pick(SUFFIXES)}`,
    address: () => `${pick(CITIES)}市${pick(DISTRICTS)}${pick(ROADS)}${1 + Math.floor(r() * 300)}号`,
    person: () => `${pick(SURNAMES)}${pick(GIVEN)}`,
    phone: () => `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
    date: (fromYear: number, years: number) => {
      const d = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(r() * years * 365) * 86_400_000);
      return d.toISOString().slice(0, 10);
    },
  };
}

// ---------- database ----------

export interface ArchiveDb {
  handle: DbHandle;
  engine: Engine;
  /** SQLite file, or PostgreSQL database URL (for the app server child). */
  location: string;
  /** Close; a temporary PostgreSQL database is dropped. */
  close(): Promise<void>;
}

export interface OpenOptions {
  engine: Engine;
  size: ArchiveSize;
  /** SQLite: the file. Default /tmp/fuwu-archive-bench/archive-<sizes>.sqlite. */
  file?: string;
  /** Reuse a loaded database (SQLite file; PostgreSQL database named by keepPg). */
  reuse?: boolean;
  /** PostgreSQL: keep the database under this name (not dropped) so --reuse finds it. */
  keepPg?: string;
  log?: (line: string) => void;
}

export function defaultSqliteFile(size: ArchiveSize): string {
  return path.join('/tmp/fuwu-archive-bench', `archive-${size.customers}-${size.contracts}-${size.equipment}.sqlite`);
}

async function countRows(db: DbHandle['db'], table: 'customer' | 'contract' | 'equipment'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function archiveCounts(db: DbHandle['db']): Promise<ArchiveSize & { searchEntries: number }> {
  const s = await db
    .selectFrom('search_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    customers: await countRows(db, 'customer'),
    contracts: await countRows(db, 'contract'),
    equipment: await countRows(db, 'equipment'),
    searchEntries: Number(s.n),
  };
}

async function isLoaded(h: DbHandle, size: ArchiveSize): Promise<boolean> {
  try {
    const c = await archiveCounts(h.db);
    return c.customers >= size.customers && c.contracts >= size.contracts && c.equipment >= size.equipment;
  } catch {
    return false;
  }
}

/** Open (and load, unless reusing a loaded one) the archive database. */
export async function openArchive(opts: OpenOptions): Promise<ArchiveDb> {
  const log = opts.log ?? ((l: string) => console.log(l));
  if (opts.engine === 'sqlite') {
    const file = opts.file ?? defaultSqliteFile(opts.size);
    if (!opts.reuse) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    const handle = openSqlite(file);
    const archive: ArchiveDb = { handle, engine: 'sqlite', location: file, close: () => handle.close() };
    if (opts.reuse && (await isLoaded(handle, opts.size))) {
      log(`  reusing ${file} (${fmt(fs.statSync(file).size / 1e6, 0)} MB)`);
      return archive;
    }
    if (opts.reuse) {
      await handle.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      return openArchive({ ...opts, reuse: false });
    }
    // Bulk load: the app's synchronous=FULL is for signatures; a benchmark load can skip it.
    handle.sqlite?.pragma('synchronous = NORMAL');
    await migrateToLatest(handle.db);
    await seed(handle, opts.size, log);
    handle.sqlite?.pragma('synchronous = FULL');
    handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    log(`  file ${file}: ${fmt(fs.statSync(file).size / 1e6, 0)} MB`);
    return archive;
  }

  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('PostgreSQL needs TEST_DATABASE_URL');
  const name = opts.keepPg ?? `fuwu_archive_bench_${randomBytes(5).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  let handle: DbHandle;
  let fresh = true;
  if (exists.rows[0].n > 0 && opts.reuse) {
    handle = openPostgres(dbUrl.toString(), { max: 4 });
    if (await isLoaded(handle, opts.size)) {
      log(`  reusing PostgreSQL database ${name}`);
      fresh = false;
    } else {
      await handle.close();
      await sql`drop database ${sql.id(name)} with (force)`.execute(admin.db);
      await sql`create database ${sql.id(name)}`.execute(admin.db);
      handle = openPostgres(dbUrl.toString(), { max: 1 });
    }
  } else {
    if (exists.rows[0].n > 0) await sql`drop database ${sql.id(name)} with (force)`.execute(admin.db);
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    // One connection for the load: session settings (maintenance_work_mem) hold for all of it.
    handle = openPostgres(dbUrl.toString(), { max: 1 });
  }
  if (fresh) {
    log(`  PostgreSQL database ${name}`);
    await migrateToLatest(handle.db);
    await seed(handle, opts.size, log);
  }
  const keep = opts.keepPg !== undefined;
  return {
    handle,
    engine: 'postgres',
    location: dbUrl.toString(),
    close: async () => {
      await handle.close();
      if (!keep) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

// ---------- seeding ----------

async function seed(h: DbHandle, size: ArchiveSize, log: (l: string) => void): Promise<void> {
  const { db } = h;
  const pg = h.engine === 'postgres';
  const v = makeVocabulary(20261127);
  const actor = systemActor('archive-bench');
  const t0 = performance.now();
  const since = () => `${fmt((performance.now() - t0) / 1000, 1)} s`;

  if (pg) {
    // Filling a GIN index row by row costs ~1 ms a row here; building it once at the end is minutes faster.
    await sql`drop index search_entry_tsv_idx`.execute(db);
    await sql`set maintenance_work_mem = '512MB'`.execute(db);
    // The app's pool cancels statements after 30 s (database.ts); the index build at the end takes minutes.
    await sql`set statement_timeout = 0`.execute(db);
  }

  // Users: the first admin, an engineer and a sales user to sign in as, and 20 sales owners.
  await ensureFirstAdmin(db, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  const salesOwners: number[] = [];
  await createUser(db, actor, {
    email: ARCHIVE_ENGINEER_EMAIL,
    name: '工程师甲',
    roles: ['engineer'],
    password: ARCHIVE_USER_PASSWORD,
    active: true,
  });
  salesOwners.push(
    (
      await createUser(db, actor, {
        email: ARCHIVE_SALES_EMAIL,
        name: '销售甲',
        roles: ['sales'],
        password: ARCHIVE_USER_PASSWORD,
        active: true,
      })
    ).id,
  );
  for (let i = 1; i < 20; i++) {
    salesOwners.push(
      (
        await createUser(db, actor, {
          email: `sales${i}@bench.local`,
          name: `${v.person()}${i}`,
          roles: ['sales'],
          password: ARCHIVE_USER_PASSWORD,
          active: true,
        })
      ).id,
    );
  }

  // Customers, each with one contact and a mobile number.
  const customerIds: number[] = [];
  const customerNames: string[] = [];
  const CUSTOMER_BATCH = 2000;
  for (let from = 0; from < size.customers; from += CUSTOMER_BATCH) {
    const n = Math.min(CUSTOMER_BATCH, size.customers - from);
    const inputs = Array.from({ length: n }, () =>
      ZCreateCustomer.parse({
        name: v.company(),
        industryId: 1 + Math.floor(v.r() * 10),
        region: v.pick(CITIES),
        address: v.address(),
        contacts: [{ name: v.person(), title: v.pick(TITLES), phones: [v.phone()], primary: true }],
      }),
    );
    const created = await transact(db, (trx) => createCustomersMany(trx, actor, inputs));
    for (const c of created) {
      customerIds.push(c.id);
      customerNames.push(c.name);
    }
  }
  log(`  customers: ${customerIds.length.toLocaleString()} (${since()})`);

  // Contracts: skewed over customers (a few large customers hold hundreds), most signed and active.
  const contracts: { id: number; number: string; customer: number; endDate: string | null }[] = [];
  const CONTRACT_BATCH = 5000;
  const customerIndex = new Map(customerIds.map((id, i) => [id, i]));
  for (let from = 0; from < size.contracts; from += CONTRACT_BATCH) {
    const n = Math.min(CONTRACT_BATCH, size.contracts - from);
    const inputs = Array.from({ length: n }, (_x, k) => {
      const i = from + k;
      const customer = Math.floor(v.r() ** 2.5 * customerIds.length);
      const roll = v.r();
      const status = roll < 0.08 ? 'draft' : roll < 0.6 ? 'active' : roll < 0.92 ? 'expired' : 'terminated';
      const signed = status === 'draft' ? null : v.date(2019, 7);
      const end = signed
        ? `${Number(signed.slice(0, 4)) + 1 + Math.floor(v.r() * 3)}${signed.slice(4, 8)}${signed.slice(8) > '28' ? '28' : signed.slice(8)}`
        : null;
      return ZCreateContract.parse({
        number: `HT-${signed?.slice(0, 4) ?? '2026'}-${String(i + 1).padStart(6, '0')}`,
        customerId: customerIds[customer],
        serviceKinds: v.r() < 0.7 ? ['onsite_maintenance'] : ['onsite_maintenance', 'routine_inspection'],
        status,
        stage: status === 'draft' ? 'customer_demand' : v.pick(SIGNED_STAGES),
        ...(signed && { signedAt: signed, startDate: signed, endDate: end }),
        salesOwnerId: v.pick(salesOwners),
        notes: `${v.pick(CITIES)}${v.pick(['数据中心', '灾备中心', '总部机房'])}${v.pick(['服务器', '存储', '网络'])}维保${v.pick(NOTES)}`,
        totalAmount: Math.floor(v.r() * 5e7),
      });
    });
    const created = await transact(db, (trx) => createContractsMany(trx, actor, inputs));
    for (const [k, c] of created.entries())
      contracts.push({ id: c.id, number: c.number, customer: customerIndex.get(inputs[k].customerId) ?? 0, endDate: c.endDate });
  }
  log(`  contracts: ${contracts.length.toLocaleString()} (${since()})`);

  // Equipment: skewed over contracts, unique SNs, one in RARE_EVERY sites carries the rare word.
  const EQUIPMENT_TX = 20_000;
  let written = 0;
  let seq = 0;
  while (written < size.equipment) {
    const n = Math.min(EQUIPMENT_TX, size.equipment - written);
    const at = new Date().toISOString();
    const rows = Array.from({ length: n }, () => {
      const c = contracts[Math.floor(v.r() ** 1.5 * contracts.length)];
      const [brand, model, type, prefix] = v.pick(MODELS);
      seq++;
      const sn =
        brand === 'Dell'
          ? `${v.code(7)}${seq.toString(36).toUpperCase()}`
          : `${prefix}${v.code(12 - prefix.length)}${seq.toString(36).toUpperCase()}`;
      const warrantyEnd = c.endDate ?? (v.r() < 0.5 ? null : v.date(2024, 5));
      return {
        contract_id: c.id,
        product_type: type,
        brand,
        brand_key: normaliseBrand(brand),
        model,
        pn: v.r() < 0.8 ? `${v.pick(['02', 'P', '01', 'SR', '7X'])}${v.code(6)}${v.r() < 0.3 ? '-B21' : ''}` : null,
        sn,
        quantity: 1,
        site: `${v.address()} ${1 + Math.floor(v.r() * 5)}号机房${seq % RARE_EVERY === 7 ? ` ${ARCHIVE_RARE}项目` : ''}`,
        warranty_start: null,
        warranty_end: warrantyEnd,
        vendor_warranty_end: null,
        license_key: null,
        hostid: null,
        software_serial: null,
        notes: null,
        version: 1,
        created_at: at,
        updated_at: at,
        _contract: c,
      };
    });
    await transact(db, async (trx) => {
      const ids = await equipmentRepo.insertEquipment(
        trx,
        rows.map(({ _contract, ...row }) => row),
      );
      await indexNewEntries(
        trx,
        rows.map(({ _contract, ...row }, i) =>
          equipmentEntry(
            equipmentFields({
              ...row,
              id: ids[i],
              contract_number: _contract.number,
              customer_id: customerIds[_contract.customer],
              customer_name: customerNames[_contract.customer],
            }),
          ),
        ),
      );
    });
    written += n;
    if (written % 100_000 === 0 || written === size.equipment) log(`  equipment: ${written.toLocaleString()} (${since()})`);
  }

  if (pg) {
    await sql`create index search_entry_tsv_idx on search_entry using gin (tsv) with (fastupdate = on, gin_pending_list_limit = 256)`.execute(db);
    log(`  GIN index rebuilt (${since()})`);
    await sql`vacuum analyze`.execute(db);
    log(`  vacuum analyze (${since()})`);
  } else {
    await optimizeSearchIndex(db);
    log(`  FTS5 optimize (${since()})`);
  }
}

// ---------- script ----------

async function main() {
  const argv = process.argv.slice(2);
  const engine = (argValue(argv, '--engine') ?? 'sqlite') as Engine;
  const size: ArchiveSize = {
    customers: Number(argValue(argv, '--customers') ?? DEFAULT_SIZE.customers),
    contracts: Number(argValue(argv, '--contracts') ?? DEFAULT_SIZE.contracts),
    equipment: Number(argValue(argv, '--equipment') ?? DEFAULT_SIZE.equipment),
  };
  console.log(`archive-data — ${machineLine()}`);
  const t0 = performance.now();
  const archive = await openArchive({
    engine,
    size,
    file: argValue(argv, '--file'),
    reuse: argv.includes('--reuse'),
    keepPg: argValue(argv, '--keep-pg'),
  });
  console.log(`  ${engine}: ${JSON.stringify(await archiveCounts(archive.handle.db))} in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  await archive.close();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
