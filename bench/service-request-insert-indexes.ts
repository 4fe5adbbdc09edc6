/**
 * What the indexes of `service_request` cost the create's row insert (issue 14, item 6): the
 * create's INSERT (every column bound, as service-requests.create.repo's prepared insert; open,
 * issued to an engineer, with a contract, no backup engineer: the HTTP bench's create) into two
 * seeded 1 M-request databases, A and B (before and after a migration), alternately, each round
 * `n` rows in a transaction rolled back — the databases are left as they were. SQLite: the
 * process's CPU time per row (the engine runs in it); PostgreSQL: the backend process's CPU time
 * (/proc/<pid>/stat: the database on this machine). Medians of `rounds`. Prints, never asserts.
 *
 *   node --import tsx bench/service-request-insert-indexes.ts --sqlite A.sqlite B.sqlite [--n 200] [--rounds 11] [--commit]
 *   node --import tsx bench/service-request-insert-indexes.ts --pg postgres://…/A postgres://…/B [--n 200] [--rounds 11]
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { machineLine } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

const argv = process.argv.slice(2);
const n = Number(argValue(argv, '--n') ?? 200);
const rounds = Number(argValue(argv, '--rounds') ?? 11);
const commitEach = argv.includes('--commit');

const COLUMNS = [
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
  'planned_start',
  'planned_end',
  'priority',
  'incomplete',
  'issued_at',
  'version',
  'created_at',
  'updated_at',
] as const;

function row(i: number, engineer: number): unknown[] {
  const now = new Date().toISOString();
  const start = new Date(Date.now() + 86_400_000).toISOString();
  const end = new Date(Date.now() + 100_000_000).toISOString();
  return [
    `BENCH-IDX-${process.pid}-${i}`,
    'emergency_repair',
    'issued',
    'phone',
    1234,
    1234,
    '王伟',
    '13800138000',
    '北京市海淀区中关村大街1号',
    '华为 磁盘阵列 硬盘故障告警，请尽快安排工程师上门',
    1,
    engineer,
    start,
    end,
    'high',
    0,
    now,
    1,
    now,
    now,
  ];
}

async function main() {
  console.log(`service-request-insert-indexes — ${machineLine()}`);
  const sqliteFiles = argv.includes('--sqlite') ? argv.slice(argv.indexOf('--sqlite') + 1, argv.indexOf('--sqlite') + 3) : undefined;
  const pgUrls = argv.includes('--pg') ? argv.slice(argv.indexOf('--pg') + 1, argv.indexOf('--pg') + 3) : undefined;
  const perRow: number[][] = [[], []];
  const labels = (sqliteFiles ?? pgUrls ?? []).map((x, i) => `${i === 0 ? 'A' : 'B'} ${x}`);
  if (sqliteFiles) {
    const dbs = sqliteFiles.map((f) => new SQLite(f, { timeout: 10_000 }));
    const insert = dbs.map((d) =>
      d.prepare(`insert into service_request (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`),
    );
    for (const [i, d] of dbs.entries()) {
      const idx = d.prepare(`select count(*) as n from sqlite_master where type = 'index' and tbl_name = 'service_request'`).get() as {
        n: number;
      };
      console.log(`  ${labels[i]}: ${idx.n} indexes`);
    }
    for (let r = 0; r < rounds; r++)
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const d = dbs[i];
        const c0 = process.cpuUsage();
        if (commitEach) for (let k = 0; k < n; k++) insert[i].run(...row(r * n + k, 113));
        else {
          d.exec('begin');
          for (let k = 0; k < n; k++) insert[i].run(...row(r * n + k, 113));
        }
        const c = process.cpuUsage(c0);
        if (!commitEach) d.exec('rollback');
        perRow[i].push((c.user + c.system) / n);
      }
    // --commit: each row its own transaction (a create alone: its commit writes every page it
    // dirtied, one leaf at least per index, to the WAL), then the rows are deleted again.
    if (commitEach) for (const d of dbs) d.prepare(`delete from service_request where number like ?`).run(`BENCH-IDX-${process.pid}-%`);
    console.log(
      `  SQLite: µs of CPU per inserted row (this process), ${commitEach ? 'each row committed' : 'rows in a transaction rolled back'}`,
    );
  } else if (pgUrls) {
    const clients = pgUrls.map((u) => new pg.Client({ connectionString: u }));
    for (const c of clients) await c.connect();
    const text = `insert into service_request (${COLUMNS.join(', ')}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
    const pids: number[] = [];
    for (const [i, c] of clients.entries()) {
      pids.push((await c.query('select pg_backend_pid() as pid')).rows[0].pid);
      const idx = await c.query(`select count(*) as n from pg_indexes where tablename = 'service_request'`);
      console.log(`  ${labels[i]}: ${idx.rows[0].n} indexes`);
    }
    for (let r = 0; r < rounds; r++)
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const c = clients[i];
        await c.query('begin');
        const t0 = backendCpuMs(pids[i]);
        for (let k = 0; k < n; k++) await c.query({ name: 'bench_sr_insert', text, values: row(r * n + k, 113) });
        perRow[i].push(((backendCpuMs(pids[i]) - t0) * 1000) / n);
        await c.query('rollback');
      }
    for (const c of clients) await c.end();
    console.log("  PostgreSQL: µs of the backend process's CPU per inserted row (/proc/<pid>/stat, 10 ms ticks: use n ≥ 2000)");
  } else throw new Error('--sqlite A B or --pg A B');
  for (const i of [0, 1])
    console.log(
      `  ${labels[i]}: median ${fmt(median(perRow[i]), 1)} µs, min ${fmt(Math.min(...perRow[i]), 1)} µs per row (${rounds} rounds of ${n})`,
    );
  console.log(`  B ÷ A (medians): ${fmt((median(perRow[1]) / median(perRow[0])) * 100, 1)} %`);
}

/** A local PostgreSQL backend's CPU time so far (user + system), ms. */
function backendCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state is field 0, utime field 11, stime field 12 (clock ticks, 100 a second).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
