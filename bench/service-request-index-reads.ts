/**
 * The reads outside the list that walked an index migration 3100 dropped or changed (issue 14,
 * item 6): a contract's open requests counted (`countOpenOfContracts`, the reports) and marked due
 * for the SLA sweep (`markSlaChecksDue`, in a transaction rolled back), for the contract with the
 * most requests and for twenty contracts; each with its plan and the median / min of `rounds`
 * runs. Does not migrate: run it before and after migrating the copy. Prints, never asserts.
 *
 *   node --import tsx bench/service-request-index-reads.ts --engine sqlite --file /tmp/x/sr.sqlite [--rounds 20]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/service-request-index-reads.ts --engine postgres --pg NAME
 */
import { type CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type DbHandle, openPostgres, openSqlite } from '../server/src/db/database';
import type { Database } from '../server/src/db/schema';
import { countOpenOfContracts } from '../server/src/modules/reports/reports.repo';
import { markSlaChecksDue } from '../server/src/modules/service-requests/service-requests.repo';
import { machineLine } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

const argv = process.argv.slice(2);
const engine = argValue(argv, '--engine') ?? 'sqlite';
const rounds = Number(argValue(argv, '--rounds') ?? 20);

function pgUrl(): string {
  const u = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${argValue(argv, '--pg') ?? 'fuwu_srbench'}`;
  return u.toString();
}

async function main() {
  console.log(`service-request-index-reads — ${engine} — ${machineLine()}`);
  const h: DbHandle = engine === 'sqlite' ? openSqlite(argValue(argv, '--file') ?? '/tmp/fuwu-sr/sr.sqlite') : openPostgres(pgUrl());
  const db = h.db;
  const captured: CompiledQuery[] = [];
  const logging = new Kysely<Database>({
    dialect:
      engine === 'sqlite'
        ? new SqliteDialect({ database: h.sqlite as never })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: pgUrl(), max: 1 }) }),
    log: (e) => void captured.push(e.query),
  });
  const plan = async (cq: CompiledQuery): Promise<string> => {
    if (h.sqlite)
      return (h.sqlite.prepare(`explain query plan ${cq.sql}`).all(...(cq.parameters as unknown[])) as { detail: string }[])
        .map((r) => `    ${r.detail}`)
        .join('\n');
    const r = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...cq, sql: `explain ${cq.sql}` } as CompiledQuery<{
      'QUERY PLAN': string;
    }>);
    return r.rows.map((x) => `    ${x['QUERY PLAN']}`).join('\n');
  };
  const indexes = await sql<{ n: string }>`${sql.raw(
    engine === 'sqlite'
      ? `select name as n from sqlite_master where type = 'index' and tbl_name = 'service_request' order by 1`
      : `select indexname as n from pg_indexes where tablename = 'service_request' order by 1`,
  )}`.execute(db);
  console.log(`  ${indexes.rows.length} indexes on service_request: ${indexes.rows.map((r) => r.n).join(', ')}`);
  const top = await sql<{ contract_id: number; n: number }>`select contract_id, count(*) as n from service_request
    where contract_id is not null group by contract_id order by n desc limit 20`.execute(db);
  const busiest = Number(top.rows[0].contract_id);
  const twenty = top.rows.map((r) => Number(r.contract_id));
  console.log(`  busiest contract ${busiest}: ${top.rows[0].n} requests; the 20 busiest: ${top.rows.reduce((a, r) => a + Number(r.n), 0)}`);

  const cases: [string, (d: Kysely<Database>) => Promise<unknown>][] = [
    ['countOpenOfContracts(busiest)', (d) => countOpenOfContracts(d as never, [busiest])],
    ['countOpenOfContracts(20 busiest)', (d) => countOpenOfContracts(d as never, twenty)],
    [
      'markSlaChecksDue(busiest), rolled back',
      (d) =>
        d
          .transaction()
          .execute(async (trx) => {
            await markSlaChecksDue(trx as never, { contractId: busiest });
            throw new Rollback();
          })
          .catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          }),
    ],
  ];
  for (const [name, run] of cases) {
    captured.length = 0;
    await run(logging);
    const stmt = captured.find((c) => /service_request/.test(c.sql));
    const ms: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await run(db as never);
      ms.push(performance.now() - t0);
    }
    console.log(`  ${name}: median ${fmt(median(ms), 3)} ms, min ${fmt(Math.min(...ms), 3)} ms (${rounds} runs)`);
    if (stmt) console.log(await plan(stmt));
  }
  await logging.destroy();
  await h.close();
}

class Rollback extends Error {}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
