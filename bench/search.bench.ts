/**
 * Search over a realistic installed base: N equipment rows (default 1,000,000) plus customers
 * (N/20), contracts (N/10) and documents (N/50), Chinese text with a realistic vocabulary and
 * Latin SNs, written through the search repo in batches inside transactions. Then p50/p95 of
 * the hard cases, in the database (service call) and through HTTP (app.inject), and the plans.
 * Prints, never asserts.
 *
 *   node --import tsx bench/search.bench.ts [--rows 1000000] [--pg-rows 200000] [--engine sqlite,postgres]
 *                                          [--runs 200] [--file F.sqlite] [--pg-schema NAME]
 *
 * PostgreSQL runs too when TEST_DATABASE_URL is set, by default on 200,000 equipment rows: its
 * GIN index takes ~1 ms a row to fill on this machine, so a million is a long run (--pg-rows).
 * By default each run loads a fresh temporary SQLite file / PostgreSQL schema and removes it at
 * the end. --file / --pg-schema name one to keep: loaded if empty, reused as it is otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { ZSearchResult } from '@contract/search';
import { buildApp } from '../server/src/app';
import { parseConfig, testEnv } from '../server/src/config';
import { type DbHandle, type Engine, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { indexTokens, parseQuery, scopeQuery, scopeTokens } from '../server/src/modules/search/search-tokens';
import { explainMatches, optimizeSearchIndex, searchIndexSize } from '../server/src/modules/search/search.repo';
import { indexNewEntries, type SearchEntryInput, searchEntries } from '../server/src/modules/search/search.service';
import { ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { machineLine } from './lib/machine';
import { argValue, fmt, percentileSorted } from './lib/stats';

const BATCH = 1000;
const ADMIN = { email: 'admin@bench.local', password: 'bench-password-1' };

// ---------- data ----------

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
  '华讯 星海 金桥 宏达 鼎信 天元 联创 恒通 博远 中科 卓越 东方 泰和 瑞丰 汇智 新锐 远景 同方 航信 beyond 安泰 启明 长城 银河 易通 华瑞 正和 海纳 信达 德润'.split(
    ' ',
  );
const INDUSTRIES = '科技 信息技术 数据 电子 网络 软件 通信 医疗 教育 物流 能源 金融服务 制造'.split(' ');
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司'];
const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗'.split(' ');
const GIVEN = '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英'.split(' ');
/** [vendor, model, type]: the type words are what users search for. */
const MODELS: [string, string, string][] = [
  ['华为', 'OceanStor 5300 V5', '硬盘柜'],
  ['华为', 'OceanStor Dorado 5000', '磁盘阵列'],
  ['华为', 'CloudEngine S5735', '交换机'],
  ['华为', 'FusionServer 2288H V5', '服务器'],
  ['戴尔', 'PowerEdge R740', '服务器'],
  ['戴尔', 'PowerVault ME4024', '硬盘柜'],
  ['戴尔', 'Unity XT 480', '磁盘阵列'],
  ['惠普', 'ProLiant DL380 Gen10', '服务器'],
  ['惠普', 'MSA 2060', '磁盘阵列'],
  ['联想', 'ThinkSystem SR650', '服务器'],
  ['联想', 'ThinkSystem DE2000H', '硬盘柜'],
  ['浪潮', 'NF5280M6', '服务器'],
  ['浪潮', 'AS5300G5', '磁盘阵列'],
  ['新华三', 'UniServer R4900 G3', '服务器'],
  ['新华三', 'S5130S-28S-EI', '交换机'],
  ['思科', 'Catalyst 9300-48P', '交换机'],
  ['思科', 'ISR4331', '路由器'],
  ['飞塔', 'FortiGate 100F', '防火墙'],
  ['曙光', 'I620-G30', '服务器'],
  ['NetApp', 'FAS2750', '存储'],
  ['IBM', 'TS4300', '磁带库'],
  ['山特', 'C10KS', 'UPS 电源'],
  ['F5', 'BIG-IP i4800', '负载均衡'],
];
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
/** One row in RARE_EVERY carries this word: the "rare term". */
const RARE = '昆仑';
const RARE_EVERY = 20_000;

interface Generated {
  entries: SearchEntryInput[];
  sns: string[];
}

function makeGenerator(seed: number) {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const code = (n: number) => Array.from({ length: n }, () => ALNUM[Math.floor(r() * ALNUM.length)]).join('');
  const company = () => `${pick(CITIES)}${pick(BRAND_WORDS)}${pick(INDUSTRIES)}${pick(SUFFIXES)}`;
  const address = () => `${pick(CITIES)}市${pick(DISTRICTS)}${pick(ROADS)}${1 + Math.floor(r() * 300)}号`;
  const person = () => `${pick(SURNAMES)}${pick(GIVEN)}`;
  const phone = () => `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
  const customers: string[] = [];
  return {
    customerName(i: number): string {
      if (!customers[i]) customers[i] = company();
      return customers[i];
    },
    /** Rows for equipment ids [from, from + n), with customers, contracts and documents interleaved. */
    batch(from: number, n: number, totalEquipment: number): Generated {
      const entries: SearchEntryInput[] = [];
      const sns: string[] = [];
      const customerCount = Math.max(1, Math.floor(totalEquipment / 20));
      for (let id = from; id < from + n; id++) {
        const cust = Math.floor(r() * customerCount);
        const custName = this.customerName(cust);
        const [vendor, model, type] = pick(MODELS);
        const sn = `${code(2)}${code(6)}${code(6)}`;
        sns.push(sn);
        const rare = id % RARE_EVERY === 7 ? ` ${RARE}项目` : '';
        entries.push({
          kind: 'equipment',
          id,
          title: `${vendor} ${model} ${type}`,
          subtitle: custName,
          text: `SN: ${sn} PN: ${code(8)} 安装地点: ${address()} ${1 + Math.floor(r() * 5)}号机房${rare}`,
          customerId: cust,
          contractId: Math.floor(id / 10),
        });
        if (id % 20 === 0) {
          entries.push({
            kind: 'customer',
            id: id / 20,
            title: this.customerName(id / 20),
            text: `${address()} 电话 ${phone()} 联系人 ${person()}`,
          });
        }
        if (id % 10 === 0) {
          const year = 2020 + Math.floor(r() * 6);
          entries.push({
            kind: 'contract',
            id: id / 10,
            title: `HT-${year}-${String(id / 10).padStart(5, '0')} ${pick(['维保合同', '采购合同', '服务合同', '续保合同'])}`,
            subtitle: custName,
            text: `${vendor} ${type} 维护 ${pick(CITIES)}`,
            customerId: cust,
          });
        }
        if (id % 50 === 0) {
          const original = r() < 0.3;
          entries.push({
            kind: 'document',
            id: id / 50,
            title: original ? `原始合同扫描件 ${custName}` : `${pick(['巡检报告', '安装报告', '验收单', '服务报告'])} ${custName}`,
            text: `${vendor} ${model}`,
            customerId: cust,
            restricted: original,
          });
        }
      }
      return { entries, sns };
    },
  };
}

// ---------- setup ----------

interface Target {
  /** SQLite file or PostgreSQL schema. */
  name: string;
  /** Remove it at the end (it was made for this run). */
  temporary: boolean;
}

async function openBenchDb(engine: Engine, target: Target): Promise<DbHandle> {
  if (engine === 'sqlite') {
    const h = openSqlite(target.name);
    // Bulk load: the app's synchronous=FULL is for signatures and stock; a benchmark index can skip it.
    h.sqlite?.pragma('synchronous = NORMAL');
    await migrateToLatest(h.db);
    return h;
  }
  const url = testEnv().TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const adminDb = openPostgres(url, { max: 1 });
  await sql`create schema if not exists ${sql.id(target.name)}`.execute(adminDb.db);
  await adminDb.close();
  const h = openPostgres(url, { schema: target.name, max: 10 });
  await migrateToLatest(h.db, target.name);
  return h;
}

async function removeBenchDb(engine: Engine, target: Target): Promise<void> {
  if (!target.temporary) return;
  if (engine === 'sqlite') {
    fs.rmSync(path.dirname(target.name), { recursive: true, force: true });
    return;
  }
  const url = testEnv().TEST_DATABASE_URL;
  if (!url) return;
  const adminDb = openPostgres(url, { max: 1 });
  await sql`drop schema if exists ${sql.id(target.name)} cascade`.execute(adminDb.db);
  await adminDb.close();
}

async function countEntries(h: DbHandle): Promise<number> {
  const r = await h.db
    .selectFrom('search_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function load(h: DbHandle, rows: number): Promise<string[]> {
  const gen = makeGenerator(20261127);
  const sampleSns: string[] = [];
  const t0 = performance.now();
  let written = 0;
  for (let from = 1; from <= rows; from += BATCH) {
    const n = Math.min(BATCH, rows - from + 1);
    const { entries, sns } = gen.batch(from, n, rows);
    if (sampleSns.length < 200) sampleSns.push(...sns.slice(0, 2));
    await transact(h.db, (trx) => indexNewEntries(trx, entries));
    written += entries.length;
    if ((from - 1) % (BATCH * 100) === 0 || from + BATCH > rows) {
      const s = (performance.now() - t0) / 1000;
      process.stdout.write(
        `\r  loaded ${written.toLocaleString()} entries (${Math.min(from + n - 1, rows).toLocaleString()} equipment) in ${fmt(s, 0)} s, ${fmt(written / s, 0)}/s   `,
      );
    }
  }
  process.stdout.write('\n');
  const t1 = performance.now();
  await optimizeSearchIndex(h.db);
  console.log(`  optimize/analyze: ${fmt((performance.now() - t1) / 1000, 1)} s`);
  return sampleSns;
}

/** SNs to search fragments of, when the data was loaded by an earlier run. */
function regenerateSns(rows: number): string[] {
  const gen = makeGenerator(20261127);
  const out: string[] = [];
  for (let from = 1; from <= rows && out.length < 200; from += BATCH)
    out.push(...gen.batch(from, Math.min(BATCH, rows - from + 1), rows).sns.slice(0, 2));
  return out;
}

// ---------- measuring ----------

interface Case {
  name: string;
  queries: string[];
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  const sorted = Float64Array.from(times).sort();
  return { p50: percentileSorted(sorted, 50), p95: percentileSorted(sorted, 95), max: sorted[sorted.length - 1] };
}

async function benchEngine(engine: Engine, opts: { rows: number; runs: number; target: Target }) {
  console.log(`\n== ${engine}: ${opts.rows.toLocaleString()} equipment rows (+ customers, contracts, documents) in ${opts.target.name} ==`);
  let h: DbHandle;
  try {
    h = await openBenchDb(engine, opts.target);
  } catch (err) {
    await removeBenchDb(engine, opts.target);
    throw err;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-search-bench-'));
  try {
    const existing = await countEntries(h);
    let sns: string[];
    if (existing > 0) {
      console.log(`  reusing ${existing.toLocaleString()} entries already loaded`);
      sns = regenerateSns(opts.rows);
    } else {
      sns = await load(h, opts.rows);
    }
    const total = await countEntries(h);
    const sample = makeGenerator(1).batch(1, 1000, opts.rows).entries;
    const tokenBytes = sample.reduce(
      (sum, e) => sum + scopeTokens(e.kind, indexTokens(`${e.title}\n${e.subtitle ?? ''}\n${e.text}`), false).join(' ').length,
      0,
    );
    console.log(
      `  tokens: ${fmt(tokenBytes / sample.length, 0)} bytes an entry on average (not stored as text: ~${fmt(((tokenBytes / sample.length) * total) / 1e6, 0)} MB more if they were)`,
    );
    const sizes = await searchIndexSize(h.db);
    console.log(
      `  entries: ${total.toLocaleString()}; storage: ${Object.entries(sizes)
        .map(([k, v]) => `${k} ${fmt(v / 1e6, 0)} MB`)
        .join(', ')}`,
    );

    const fragments = sns.slice(0, 50).map((sn, i) => sn.slice(3 + (i % 5), 9 + (i % 5)));
    const cases: Case[] = [
      { name: 'common two-char term 硬盘', queries: ['硬盘'] },
      { name: 'common three-char term 硬盘柜', queries: ['硬盘柜'] },
      { name: `rare term ${RARE}`, queries: [RARE] },
      { name: 'two-char term matching nothing 鲲鹏', queries: ['鲲鹏'] },
      { name: 'two-char, common chars, no match 列交', queries: ['列交'] },
      { name: 'one-character query 盘', queries: ['盘'] },
      { name: 'one-character query 合', queries: ['合'] },
      { name: 'SN fragment (6 chars, 50 SNs)', queries: fragments },
      { name: 'Latin word prefix power', queries: ['power'] },
      { name: 'Latin word prefix d (one letter)', queries: ['d'] },
      { name: 'two terms 北京 服务器', queries: ['北京 服务器'] },
      { name: 'company name 华讯科技', queries: ['华讯科技'] },
    ];

    const roles = ['admin'] as const;
    console.log(`\n  in the database (searchEntries: every kind, limit 10), ${opts.runs} runs each after 20 warm-up:`);
    console.log(`  ${'query'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}   groups (kind total)`);
    for (const c of cases) {
      let i = 0;
      const first = await searchEntries(h.db, roles, { q: c.queries[0] });
      const r = await timeIt(() => searchEntries(h.db, roles, { q: c.queries[i++ % c.queries.length] }), opts.runs);
      const shape = first.groups.map((g) => `${g.kind} ${g.total}${g.totalCapped ? '+' : ''}`).join(', ') || 'none';
      console.log(
        `  ${c.name.padEnd(40)} ${fmt(r.p50, 3).padStart(8)} ${fmt(r.p95, 3).padStart(8)} ${fmt(r.max, 2).padStart(8)}   ${shape}`,
      );
    }

    // Equipment only, the issue's target (Chinese search p95 < 30 ms with 1 M equipment rows).
    console.log(`\n  equipment only (kinds=equipment), in the database:`);
    for (const c of cases.filter((x) => /[\u4e00-\u9fff]/.test(x.queries[0]))) {
      const r = await timeIt(() => searchEntries(h.db, roles, { q: c.queries[0], kinds: ['equipment'] }), opts.runs);
      console.log(`  ${c.name.padEnd(40)} ${fmt(r.p50, 3).padStart(8)} ${fmt(r.p95, 3).padStart(8)} ${fmt(r.max, 2).padStart(8)}`);
    }

    // Through HTTP: the whole app (auth hook, validation, serialisation) over app.inject.
    const config = parseConfig({
      FUWU_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      FUWU_ADMIN_EMAIL: ADMIN.email,
      FUWU_ADMIN_PASSWORD: ADMIN.password,
    });
    await ensureFirstAdmin(h.db, ADMIN.email, ADMIN.password);
    const app = await buildApp({ config, database: h, logger: false });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
      const cookie = login.cookies.find((x) => x.name === 'fuwu_session');
      if (!cookie) throw new Error(`login failed: ${login.body}`);
      console.log(`\n  through HTTP (app.inject GET /api/search, every kind, limit 10):`);
      for (const c of cases) {
        let i = 0;
        const r = await timeIt(async () => {
          const q = c.queries[i++ % c.queries.length];
          const res = await app.inject({
            method: 'GET',
            url: `/api/search?q=${encodeURIComponent(q)}`,
            headers: { cookie: `fuwu_session=${cookie.value}` },
          });
          if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
          ZSearchResult.parse(res.json());
        }, opts.runs);
        console.log(`  ${c.name.padEnd(40)} ${fmt(r.p50, 3).padStart(8)} ${fmt(r.p95, 3).padStart(8)} ${fmt(r.max, 2).padStart(8)}`);
      }
    } finally {
      await app.close();
    }

    for (const q of ['硬盘', '硬盘柜', '盘', '北京 服务器', '鲲鹏', RARE, fragments[0]]) {
      const parsed = parseQuery(q);
      if (!parsed) continue;
      const plan = await explainMatches(h.db, 'equipment', scopeQuery('equipment', parsed, { excludeRestricted: true }), {
        window: 30,
        countUpTo: 1000,
      });
      console.log(`\n  plan, equipment, q=${q}:`);
      for (const line of plan) console.log(`    ${line}`);
    }
  } finally {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await removeBenchDb(engine, opts.target);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const rows = Number(argValue(argv, '--rows') ?? 1_000_000);
  const pgRows = Number(argValue(argv, '--pg-rows') ?? 200_000);
  const runs = Number(argValue(argv, '--runs') ?? 200);
  const file = argValue(argv, '--file');
  const schema = argValue(argv, '--pg-schema');
  const engines = (argValue(argv, '--engine')?.split(',') ??
    (testEnv().TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'])) as Engine[];
  console.log(`search.bench — ${machineLine()}`);
  if (!testEnv().TEST_DATABASE_URL) console.log('TEST_DATABASE_URL unset: SQLite only');
  for (const engine of engines) {
    const target: Target =
      engine === 'sqlite'
        ? file
          ? { name: path.resolve(file), temporary: false }
          : { name: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-search-bench-')), 'search.sqlite'), temporary: true }
        : schema
          ? { name: schema, temporary: false }
          : { name: `bench_search_${process.pid}`, temporary: true };
    await benchEngine(engine, { rows: engine === 'sqlite' ? rows : pgRows, runs, target });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
