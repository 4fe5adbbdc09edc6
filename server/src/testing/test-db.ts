import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { testEnv } from '../config';
import { type DbHandle, type Engine, openPostgres, openSqlite } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/** The engines the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return testEnv().TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A freshly migrated database. SQLite: a file in `dir` (or in memory). PostgreSQL: a schema
 * of its own on TEST_DATABASE_URL, dropped on close, so test files never share state.
 */
export async function createTestDatabase(engine: Engine, file = ':memory:'): Promise<DbHandle> {
  if (engine === 'sqlite') {
    const handle = openSqlite(file);
    await migrateToLatest(handle.db);
    return handle;
  }
  const url = testEnv().TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return createPostgresSchema(url);
}

async function createPostgresSchema(url: string): Promise<DbHandle> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const handle = openPostgres(url, { schema, max: 10 });
  try {
    await migrateToLatest(handle.db, schema);
  } catch (err) {
    await handle.close();
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
    throw err;
  }
  return {
    ...handle,
    async close() {
      await handle.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}

/**
 * A whole PostgreSQL database of its own on TEST_DATABASE_URL's server, for what works on a whole
 * database (start-up, pg_dump): `fn` gets its URL; it is dropped afterwards, connections and all.
 */
export async function withFreshPostgresDatabase(fn: (databaseUrl: string) => Promise<void>): Promise<void> {
  const url = testEnv().TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `fuwu_test_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  try {
    await fn(databaseUrl.toString());
  } finally {
    // A closed pool has told its connections to end, not seen them ended: wait for their sessions
    // to go, so that the drop interrupts none (it would, with FORCE, only one left behind).
    for (let wait = 0; wait < 50; wait++) {
      const open = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin.db);
      if (open.rows[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
}
