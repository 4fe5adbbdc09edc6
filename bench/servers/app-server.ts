/**
 * The real application on a freshly migrated database, as production runs it (logging on),
 * in a process of its own. Prints `{"port":N}` once listening.
 *
 * Env: BENCH_ENGINE (sqlite | postgres, the latter in a fresh database on TEST_DATABASE_URL's server),
 * LOG_LEVEL (info), BENCH_LOG_FILE (/dev/null: the lines are written as production writes them to
 * stdout — a turn's lines in one write — but the sink costs nothing; give a file path to pay for the disk too).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../../server/src/app';
import { parseConfig } from '../../server/src/config';
import { type DbHandle, openPostgres, openSqlite } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { LogDestination } from '../../server/src/http/log-destination';
import { ensureFirstAdmin } from '../../server/src/modules/users/users.service';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from '../lib/bench-admin';

async function openFreshDatabase(engine: string, dataDir: string): Promise<{ database: DbHandle; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const database = openSqlite(path.join(dataDir, 'fuwu.sqlite'));
    return { database, drop: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('BENCH_ENGINE=postgres needs TEST_DATABASE_URL');
  // A database of its own rather than a schema: Kysely's migrator, given no
  // migrationTableSchema, finds its lock table in any schema of the database and then fails.
  const name = `fuwu_bench_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = openPostgres(dbUrl.toString(), { max: 10 });
  return {
    database,
    drop: async () => {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-bench-'));

async function main() {
  const engine = process.env.BENCH_ENGINE ?? 'sqlite';
  const logLevel = process.env.LOG_LEVEL ?? 'info';
  const logFile = process.env.BENCH_LOG_FILE ?? '/dev/null';
  const config = parseConfig({ FUWU_DATA_DIR: dataDir, LOG_LEVEL: logLevel, HOST: '127.0.0.1', PORT: '0' });
  const { database, drop } = await openFreshDatabase(engine, dataDir);
  await migrateToLatest(database.db);
  await ensureFirstAdmin(database.db, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  // The destination production uses (app.ts), on the file instead of stdout.
  const stream = new LogDestination(fs.openSync(logFile, 'a'));
  const app = await buildApp({ config, database, logger: { level: config.LOG_LEVEL, stream } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  console.log(JSON.stringify({ port: address.port }));

  process.once('SIGTERM', async () => {
    await app.close();
    await database.close();
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
