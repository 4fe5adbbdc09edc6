import { Migrator, sql } from 'kysely';
import { type Db, isPostgres } from './database';
import { migrations } from './migrations/index';

/** Apply every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  // PostgreSQL: on a connection of their own without the pool's statement timeout (database.ts): an
  // index built over a big table may take minutes.
  if (isPostgres(db))
    return db.connection().execute(async (conn) => {
      await sql`set statement_timeout = 0`.execute(conn);
      try {
        return await migrateOn(conn, schema);
      } finally {
        await sql`reset statement_timeout`.execute(conn);
      }
    });
  return migrateOn(db, schema);
}

async function migrateOn(db: Db, schema?: string): Promise<string[]> {
  // A named schema keeps Kysely's bookkeeping tables there too (tests give each file a schema).
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema && { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

// The advisory lock of start-up ('Fuwu' in ASCII); Kysely's migrator takes one of its own, with another key.
const STARTUP_LOCK = 0x46757775;

/**
 * Run start-up's database steps (migrations, first-run data) one instance at a time. PostgreSQL:
 * replicas started together (an orchestrator scaling out) wait on a session advisory lock, held on a
 * connection of its own and released when that session ends, even by a crash; each step then finds
 * the work of the instance before it done. SQLite is one file on one host, its writers already
 * queued by its write lock: `fn` runs as it is.
 */
export async function withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return fn();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(STARTUP_LOCK)})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(STARTUP_LOCK)})`.execute(conn);
    }
  });
}
