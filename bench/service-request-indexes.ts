/**
 * Which statement uses each index of `service_request` (issue 14, item 6: "show which list uses
 * each remaining index"). Reads the SQL texts captured from a test run (bench/lib/capture-sql.ts),
 * adds those of the service-request list for every filter and sort (a matrix run here through
 * `repo.listRequests` on the seeded file), keeps those that read `service_request`, asks SQLite for each one's plan on a seeded database
 * (bench/service-requests-data.ts: its statistics decide the plans) and prints, per index, how
 * many statements use it and a few of them; then the indexes no captured statement uses.
 *
 *   CAPTURE_SQL_FILE=/tmp/sql.jsonl node --import tsx --import ./bench/lib/capture-sql.ts --test <test files>
 *   node --import tsx bench/service-request-indexes.ts /tmp/sql.jsonl /tmp/fuwu-sr/sr.sqlite [--show 3]
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { SERVICE_REQUEST_SORTS, type TServiceRequestQuery } from '@contract/service-requests';
import type { Database } from '../server/src/db/schema';
import * as repo from '../server/src/modules/service-requests/service-requests.repo';
import { argValue } from './lib/stats';
import { ACTIVE_OPEN_STATES } from './service-requests-data';

const [captured, file] = process.argv.slice(2);
if (!captured || !file) {
  console.error('usage: service-request-indexes.ts <captured.jsonl> <seeded.sqlite> [--show 3]');
  process.exit(2);
}
const show = Number(argValue(process.argv, '--show') ?? 3);
const db = new SQLite(file, { readonly: true });
const indexes = (
  db.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'service_request'`).all() as { name: string }[]
).map((r) => r.name);
/** The list's statements for each filter alone and with the open states, in each sort (first page and a deep one). */
async function listStatements(): Promise<string[]> {
  const out: string[] = [];
  const logging = new Kysely<Database>({ dialect: new SqliteDialect({ database: db as never }), log: (e) => void out.push(e.query.sql) });
  const filters: Partial<TServiceRequestQuery>[] = [
    {},
    { state: ['closed'] },
    { state: ['issued'] },
    { state: ACTIVE_OPEN_STATES as never },
    { kind: 'emergency_repair' },
    { engineerId: 20 },
    { customerId: 42 },
    { contractId: 42 },
    { projectId: 1 },
    { issuedById: 1 },
    { salesOwnerId: 1 },
    { incomplete: 'true' },
    { sla: 'breached' },
    { sla: 'at_risk' },
    { closedFrom: '2026-01-01T00:00:00Z', closedBefore: '2026-02-01T00:00:00Z' },
    { q: 'SR-2026' },
  ];
  for (const f of filters)
    for (const extra of [{}, { state: ACTIVE_OPEN_STATES as never }])
      for (const sort of SERVICE_REQUEST_SORTS)
        for (const page of [1, 40])
          await repo
            .listRequests(logging, { page, pageSize: 50, sort, ...f, ...(f.state ? {} : extra) } as TServiceRequestQuery)
            .catch(() => undefined);
  // The SLA sweep's read of the due requests, first chunk and the next.
  await repo.findDueSlaSubjects(logging, new Date().toISOString(), null, 250);
  await repo.findDueSlaSubjects(logging, new Date().toISOString(), { at: '1970-01-01T00:00:00.000Z', id: 1 }, 250);
  return out;
}

function countParams(sql: string): number {
  return (sql.replace(/'(?:[^']|'')*'/g, '').match(/\?/g) ?? []).length;
}

async function main() {
  const texts = [
    ...new Set([
      ...fs
        .readFileSync(captured, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string),
      ...(await listStatements()),
    ]),
  ].filter((t) => /\bservice_request\b/.test(t) && !/^\s*(create|drop|alter|pragma|explain)\b/i.test(t));

  const users = new Map<string, string[]>(indexes.map((i) => [i, []]));
  let planned = 0;
  for (const text of texts) {
    let plan: { detail: string }[];
    try {
      const stmt = db.prepare(`explain query plan ${text}`);
      plan = stmt.all(...Array.from({ length: countParams(text) }, () => null)) as { detail: string }[];
    } catch {
      continue; // a statement of a table the seeded file lacks, or a write the read-only handle refuses
    }
    planned++;
    const details = plan.map((p) => p.detail).join(' | ');
    for (const i of indexes) if (new RegExp(`\\b${i}\\b`).test(details)) users.get(i)?.push(text.replace(/\s+/g, ' ').slice(0, 220));
  }
  console.log(`${texts.length} captured statements read service_request; ${planned} planned on ${file}\n`);
  for (const [i, list] of [...users].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`${i}: ${list.length} statement(s)`);
    for (const t of list.slice(0, show)) console.log(`    ${t}`);
  }
  console.log(
    `\nunused by every captured statement: ${
      [...users]
        .filter(([, l]) => l.length === 0)
        .map(([i]) => i)
        .join(', ') || 'none'
    }`,
  );
  db.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
