/**
 * EXPLAIN (ANALYZE, BUFFERS) of the service request list's statements on PostgreSQL at 10⁶
 * requests (seeded by bench/service-requests-data.ts --keep-pg NAME), with the app's session
 * settings (jit off). The plans are kept in bench/LIST_PLANS.md. Prints, never asserts.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/service-requests-plans.ts --pg NAME [--only TEXT]
 */
import os from 'node:os';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { isTerminalState, SERVICE_REQUEST_STATES } from '@contract/service-request-states';
import type { TServiceRequestQuery } from '@contract/service-requests';
import type { Database } from '../server/src/db/schema';
import * as repo from '../server/src/modules/service-requests/service-requests.repo';
import { argValue, fmt } from './lib/stats';

async function main() {
  const u = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${argValue(process.argv.slice(2), '--pg') ?? 'fuwu_srbench'}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 1, options: '-c jit=off' });
  let captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void captured.push(e.query) });
  const c = await db.selectFrom('customer').select('name').where('id', '=', 4242).executeTakeFirstOrThrow();
  const brand = [...c.name].slice(2, 4).join('');
  // Every state but the terminal ones (closed, cancelled).
  const open = SERVICE_REQUEST_STATES.filter((st) => !isTerminalState(st));
  const cases: [string, Partial<TServiceRequestQuery>][] = [
    ['page 1, no filter', {}],
    ['open states', { state: open as never }],
    ['engineer 113', { engineerId: 113 }],
    [`q=${brand} (3.5 % of requests)`, { q: brand }],
    ['q=有限 (every request)', { q: '有限' }],
    [`q=${c.name} (rare)`, { q: c.name }],
    ['q=硬盘 (common 2-char term)', { q: '硬盘' }],
  ];
  const only = argValue(process.argv.slice(2), '--only');
  console.log(
    `service-requests-plans — load ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
  );
  for (const [name, extra] of cases) {
    if (only && !name.includes(only)) continue;
    captured = [];
    await repo.listRequests(db as never, { page: 1, pageSize: 50, sort: '-createdAt', ...extra } as TServiceRequestQuery);
    console.log(`\n### ${name}\n`);
    for (const cq of captured) {
      if (cq.sql.includes('pg_stats')) continue;
      const r = await pool.query(`explain (analyze, buffers) ${cq.sql}`, [...cq.parameters]);
      console.log('```');
      console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
      console.log('```');
    }
  }
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
