/**
 * Servers for service-requests.bench.ts, on an existing seeded database (service-requests-data.ts),
 * each in a process of its own (bench/lib/child-server, entry `../service-requests-server.ts`).
 * Prints `{"port":N}` once listening.
 *
 * BENCH_MODE=app (default): the real application, logging on (JSON to /dev/null, as app-server.ts).
 * BENCH_MODE=bare: bare Fastify (no plugins, no logging) with
 *   POST /bare/insert — one row into a simple table of the SAME database (same engine, same file
 *                      and pragmas as the app: openSqlite / openPostgres), answering 201 + {id};
 *   GET  /bare/json   — returns BENCH_BODY (a real list page), the read baseline.
 *
 * Env: SR_SQLITE_FILE or SR_DATABASE_URL; LOG_LEVEL (info); BENCH_LOG_FILE (/dev/null);
 * BENCH_SQLITE_SYNC (experiment only: override synchronous=NORMAL, e.g. FULL, to price the fsync);
 * BENCH_SERVER_TIMING=1: each response carries `server-timing: app;dur=<ms>`, from the request's
 * arrival (node:http's 'request' event) to its response head, so a client can tell the time the
 * server spent from the time the request spent queued or in transit (bench/lib/paced-load.ts).
 */
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import { type DbHandle, openPostgres, openSqlite } from '../server/src/db/database';

function open(): DbHandle {
  const file = process.env.SR_SQLITE_FILE;
  const url = process.env.SR_DATABASE_URL;
  if (!file && !url) throw new Error('SR_SQLITE_FILE or SR_DATABASE_URL');
  const database = url ? openPostgres(url) : openSqlite(file as string);
  const sync = process.env.BENCH_SQLITE_SYNC;
  if (sync && database.sqlite) database.sqlite.pragma(`synchronous = ${sync}`);
  return database;
}

async function bare(database: DbHandle) {
  const app = Fastify({ logger: false });
  const body: unknown = JSON.parse(process.env.BENCH_BODY ?? '{}');
  app.get('/bare/json', async () => body);
  if (database.sqlite) {
    const raw = database.sqlite;
    raw.exec('create table if not exists bench_sr_baseline (id integer primary key, description text not null, created_at text not null)');
    const ins = raw.prepare('insert into bench_sr_baseline (description, created_at) values (?, ?)');
    app.post('/bare/insert', async (req, reply) => {
      const b = req.body as { description?: string };
      const r = ins.run(b.description ?? '', new Date().toISOString());
      return reply.status(201).send({ id: Number(r.lastInsertRowid) });
    });
  } else {
    await sql`create table if not exists bench_sr_baseline (id bigserial primary key, description text not null, created_at text not null)`.execute(database.db);
    app.post('/bare/insert', async (req, reply) => {
      const b = req.body as { description?: string };
      const r = await sql<{ id: number }>`insert into bench_sr_baseline (description, created_at) values (${b.description ?? ''}, ${new Date().toISOString()}) returning id`.execute(database.db);
      return reply.status(201).send({ id: Number(r.rows[0].id) });
    });
  }
  return app;
}

function timeResponses(server: http.Server) {
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const t0 = performance.now();
    const writeHead = res.writeHead;
    res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
      this.setHeader('server-timing', `app;dur=${(performance.now() - t0).toFixed(3)}`);
      return writeHead.apply(this, args);
    } as typeof writeHead;
  });
}

async function main() {
  const database = open();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-sr-server-'));
  const app =
    process.env.BENCH_MODE === 'bare'
      ? await bare(database)
      : await buildApp({
          config: parseConfig({
            FUWU_DATA_DIR: dataDir,
            LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
            HOST: '127.0.0.1',
            PORT: '0',
            FUWU_LOGIN_RATE_PER_MINUTE: '1000',
          }),
          database,
          logger: { level: process.env.LOG_LEVEL ?? 'info', file: process.env.BENCH_LOG_FILE ?? '/dev/null' },
        });
  if (process.env.BENCH_SERVER_TIMING === '1') timeResponses(app.server);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  console.log(JSON.stringify({ port: address.port }));
  process.once('SIGTERM', async () => {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
