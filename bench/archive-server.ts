/**
 * The real application on an existing, already loaded archive database (bench/archive-data.ts),
 * as production runs it (logging on, written synchronously to /dev/null like app-server.ts),
 * in a process of its own. Prints `{"port":N}` once listening. Started by archive.bench.ts
 * through bench/lib/child-server (entry `../archive-server.ts`).
 *
 * Env: ARCHIVE_SQLITE_FILE or ARCHIVE_DATABASE_URL (one of them), LOG_LEVEL (info), BENCH_LOG_FILE (/dev/null).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app';
import { parseConfig } from '../server/src/config';
import { openPostgres, openSqlite } from '../server/src/db/database';

async function main() {
  const file = process.env.ARCHIVE_SQLITE_FILE;
  const url = process.env.ARCHIVE_DATABASE_URL;
  if (!file && !url) throw new Error('ARCHIVE_SQLITE_FILE or ARCHIVE_DATABASE_URL');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-archive-server-'));
  const config = parseConfig({
    FUWU_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    FUWU_UPLOAD_MAX_MB: '200',
    FUWU_LOGIN_RATE_PER_MINUTE: '1000',
  });
  // The pool size main.ts would use (openDatabase → openPostgres default).
  const database = url ? openPostgres(url) : openSqlite(file as string);
  const app = await buildApp({ config, database, logger: { level: config.LOG_LEVEL, file: process.env.BENCH_LOG_FILE ?? '/dev/null' } });
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
