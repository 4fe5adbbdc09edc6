/**
 * Importing a 10,000-row equipment sheet (.xlsx) through `app.inject` — multipart upload,
 * reading, checking every row, one transaction through the owners' bulk functions (per-unit
 * audit and search entries included) — with 0, then 100,000 (or `--existing` counts) units
 * already present. Baseline in the same run: a plain multi-row INSERT of the same 10,000 rows
 * in one transaction (no checks, no audit, no search). Prints, never asserts.
 *
 *   node --import tsx bench/import.bench.ts [--rows 10000] [--existing 0,100000] [--engine sqlite,postgres]
 *
 * PostgreSQL runs too when TEST_DATABASE_URL is set (schema bench_import, dropped and refilled).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { ZCreateEquipment } from '@contract/equipment';
import { systemActor } from '../server/src/actor';
import { buildApp } from '../server/src/app';
import { parseConfig, testEnv } from '../server/src/config';
import { type DbHandle, type Engine, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { createEquipmentMany } from '../server/src/modules/equipment/equipment.service';
import { multipartBody } from '../server/src/modules/files/files.fixtures';
import { ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

const ADMIN = { email: 'admin@bench.local', password: 'bench-password-1' };
const SEED_BATCH = 10_000;
const PG_SCHEMA = 'bench_import';
const argv = process.argv.slice(2);
const ROWS = Number(argValue(argv, '--rows') ?? 10_000);
const EXISTING = (argValue(argv, '--existing') ?? '0,100000').split(',').map(Number);
const ENGINES = (argValue(argv, '--engine') ?? 'sqlite,postgres').split(',') as Engine[];

const MODELS: [string, string, string][] = [
  ['华为', 'FusionServer 2288H V6', '服务器'],
  ['华为', 'OceanStor 5300 V5', '磁盘阵列'],
  ['戴尔', 'PowerEdge R750', '服务器'],
  ['联想', 'ThinkSystem SR650 V2', '服务器'],
  ['新华三', 'S6850-56HF', '交换机'],
  ['浪潮', 'NF5280M6', '服务器'],
  ['希捷', 'Exos X18 18TB', '硬盘'],
  ['飞塔', 'FortiGate 200F', '防火墙'],
];
const SITES = ['上海数据中心 3F-A12', '北京亦庄机房 B2', '广州南沙 IDC 5 楼', '成都天府软件园 D 区'];

function unit(prefix: string, i: number): { productType: string; brand: string; model: string; sn: string; site: string } {
  const [brand, model, productType] = MODELS[i % MODELS.length];
  return { productType, brand, model, sn: `${prefix}${String(i).padStart(8, '0')}`, site: SITES[i % SITES.length] };
}

async function equipmentSheet(contractNumber: string, prefix: string, rows: number): Promise<Buffer> {
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
    const u = unit(prefix, i);
    ws.addRow([
      contractNumber,
      u.productType,
      u.brand,
      u.model,
      `PN-${i % 997}`,
      u.sn,
      1,
      u.site,
      new Date(Date.UTC(2026, i % 12, 1)),
      '2029-12-31',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function open(engine: Engine): Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-import-bench-'));
    const handle = openSqlite(path.join(dir, 'bench.sqlite'));
    return { handle, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const url = testEnv().TEST_DATABASE_URL as string;
  const admin = openPostgres(url, { max: 1 });
  await sql`drop schema if exists ${sql.id(PG_SCHEMA)} cascade`.execute(admin.db);
  await sql`create schema ${sql.id(PG_SCHEMA)}`.execute(admin.db);
  const handle = openPostgres(url, { schema: PG_SCHEMA, max: 10 });
  return {
    handle,
    cleanup: async () => {
      await sql`drop schema if exists ${sql.id(PG_SCHEMA)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}

async function run(engine: Engine): Promise<void> {
  const { handle, cleanup } = await open(engine);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-import-bench-data-'));
  const { db } = handle;
  try {
    await migrateToLatest(db, engine === 'postgres' ? PG_SCHEMA : undefined);
    await ensureFirstAdmin(db, ADMIN.email, ADMIN.password);
    const app = await buildApp({
      config: parseConfig({ FUWU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', FUWU_UPLOAD_MAX_MB: '200' }),
      database: handle,
      logger: false,
    });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
    const cookie = `fuwu_session=${login.cookies.find((c) => c.name === 'fuwu_session')?.value}`;
    const csrf = login.json().csrfToken as string;
    const contract = await makeContract(db, { number: 'HT-BENCH-0001' });
    let present = 0;

    for (const [round, existing] of EXISTING.entries()) {
      while (present < existing) {
        const n = Math.min(SEED_BATCH, existing - present);
        const inputs = Array.from({ length: n }, (_v, i) =>
          ZCreateEquipment.parse({ contractId: contract.id, ...unit('SEED', present + i) }),
        );
        await transact(db, (trx) => createEquipmentMany(trx, systemActor('bench'), inputs));
        present += n;
      }
      const sheet = await equipmentSheet(contract.number, `R${round}-`, ROWS);
      const { payload, headers } = multipartBody({}, { name: 'equipment.xlsx', content: sheet });
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports/equipment',
        payload,
        headers: { ...headers, cookie, 'x-csrf-token': csrf },
      });
      const seconds = (performance.now() - started) / 1000;
      if (res.statusCode !== 200) throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      present += ROWS;

      // Baseline: the same rows as one plain multi-row INSERT per 1,000 in one transaction.
      const at = new Date().toISOString();
      const rows = Array.from({ length: ROWS }, (_v, i) => {
        const u = unit(`B${round}-`, i);
        return {
          contract_id: contract.id,
          product_type: u.productType,
          brand: u.brand,
          brand_key: u.brand.toLowerCase(),
          model: u.model,
          sn: u.sn,
          quantity: 1,
          site: u.site,
          version: 1,
          created_at: at,
          updated_at: at,
        };
      });
      const baseStart = performance.now();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 1000)
          await trx
            .insertInto('equipment')
            .values(rows.slice(i, i + 1000))
            .execute();
      });
      const baseline = (performance.now() - baseStart) / 1000;
      present += ROWS;

      console.log(
        `${engine.padEnd(8)} existing ${String(existing).padStart(9)}  import ${ROWS} rows: ${fmt(seconds)} s (${fmt(ROWS / seconds, 0)} rows/s)` +
          `  | plain INSERT baseline ${fmt(baseline)} s  | ratio ${fmt(seconds / baseline, 1)}x  | sheet ${fmt(sheet.length / 1024 / 1024)} MB`,
      );
    }
    await app.close();
  } finally {
    await handle.close();
    await cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(machineLine());
for (const engine of ENGINES) {
  if (engine === 'postgres' && !testEnv().TEST_DATABASE_URL) {
    console.log('postgres: skipped (TEST_DATABASE_URL not set)');
    continue;
  }
  await run(engine);
}
