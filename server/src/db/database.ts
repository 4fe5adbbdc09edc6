import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, Kysely, PostgresAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import pg from 'pg';
import { SearchPathPostgresDialect } from './postgres-introspector';
import { InProcessNoticeBoard, noticeBoards, PostgresNoticeBoard } from './notices';
import type { Database } from './schema';
import { REQUEST_CONNECTION_AUTOCHECKPOINT, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';
import { registerZhOrder } from './zh-order';

export type Engine = 'sqlite' | 'postgres';

/** SQLite: the read-only connection beside each database's writer (see openSqlite). */
export const committedReaders = new WeakMap<object, SQLite.Database>();
/**
 * SQLite: each database's one writer connection (its statement cache, `withStatementCache`), for
 * statements compiled once and run inside a transaction on it (db/prepared-query.ts).
 */
export const sqliteWriters = new WeakMap<object, SQLite.Database>();
/** PostgreSQL: each database's pool, for the named statements on every request's path (db/prepared-query.ts). */
export const postgresPools = new WeakMap<object, pg.Pool>();
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** SQLite only: the raw connection (online backup). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL: bigint (counts, ids) as numbers; they stay far below 2^53 here.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/**
 * SQLite's deferred BEGIN takes the write lock at the first write, which can fail with
 * SQLITE_BUSY when another process holds it. BEGIN IMMEDIATE takes it up front and waits
 * on busy_timeout, so write transactions queue instead of failing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SQLite.Database) {
    super({ database });
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/** Kysely prepares every query anew; caching statements by SQL text saves that work. */
function withStatementCache(raw: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = raw.prepare.bind(raw);
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (!stmt) {
            stmt = prepare(source);
            if (cache.size > 2000) cache.clear();
            cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The SQLite file in WAL mode. On a file (not `:memory:`), WAL checkpoints run in a worker thread
 * with its own connection (db/wal-checkpointer.ts) unless `backgroundCheckpoint: false`; the
 * request connection checkpoints by itself only past a backstop size.
 */
export function openSqlite(file: string, opts: { backgroundCheckpoint?: boolean } = {}): DbHandle {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  // NORMAL in WAL mode: a commit survives a crash of the process; a power cut may lose the
  // last commits but never corrupts the file. Signatures and stock movements ask for FULL
  // per transaction (`transact(db, fn, { durable: true })`), as DESIGN.md says.
  raw.pragma('synchronous = NORMAL');
  registerZhOrder(raw);
  let checkpointer: WalCheckpointer | undefined;
  if (onDisk && opts.backgroundCheckpoint !== false) {
    raw.pragma(`wal_autocheckpoint = ${REQUEST_CONNECTION_AUTOCHECKPOINT}`);
    checkpointer = startWalCheckpointer(file, {
      onError: (message) => console.error(JSON.stringify({ level: 50, msg: 'WAL checkpoint failed', err: message })),
    });
  }
  const cached = withStatementCache(raw);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(cached) });
  sqliteWriters.set(db, cached);
  // A read-only connection for the reads on every request's path (the session lookup): it sees
  // only committed data, never waits behind the writer's transactions (WAL), and is called
  // synchronously, without Kysely's per-query pipeline (db/prepared-query.ts).
  const reader = onDisk ? new SQLite(file, { readonly: true }) : undefined;
  if (reader) {
    reader.pragma('busy_timeout = 10000');
    registerZhOrder(reader);
    committedReaders.set(db, reader);
  }
  // `data_version` of the writer connection moves only when another connection commits: another
  // process, or this process's other connections (they only read, or checkpoint).
  const dataVersion = raw.prepare('pragma data_version').pluck();
  const notices = new InProcessNoticeBoard(() => dataVersion.get() as number);
  noticeBoards.set(db, notices);
  return {
    db,
    engine: 'sqlite',
    sqlite: raw,
    // The reader and the worker first: the request connection is then the last one, and its
    // close checkpoints everything and removes the WAL.
    close: async () => {
      reader?.close();
      await notices.close();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Connections per pool: PostgreSQL's rule of thumb (cores × 2 + 1) for the database's machine,
 * taken as this one's; more only queue inside the server (2 cores: 5).
 */
const PG_POOL_MAX = os.availableParallelism() * 2 + 1;
/**
 * Every statement of a request is a few milliseconds; one running 30 s is a bug or a missing index
 * and is cancelled rather than holding a connection of the small pool. Bulk work (migrations,
 * imports) runs on transactions of its own and stays far below.
 */
const PG_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Session settings of every connection. jit off: the lists' LIKE walks are estimated expensive (the
 * planner cannot know a walk stops at the page) and JIT-compiling them took 1.4 s for a 13 ms walk
 * (measured on the 10⁶-request benchmark); Fuwu's statements are short OLTP reads and writes.
 */
function pgOptions(schema?: string): string {
  return [`-c jit=off`, `-c statement_timeout=${PG_STATEMENT_TIMEOUT_MS}`, ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
}

export function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): DbHandle {
  const connection = { connectionString: url, options: pgOptions(opts.schema) };
  const pool = new pg.Pool({ ...connection, max: opts.max ?? PG_POOL_MAX });
  // An idle connection ended by the server (a restart, pg_terminate_backend, a failover) is an
  // 'error' on the pool; unheard, it would end the process. The pool drops that connection and
  // opens another when next needed.
  pool.on('error', (err) => console.error(JSON.stringify({ level: 50, msg: 'idle PostgreSQL connection lost', err: err.message })));
  const db = new Kysely<Database>({ dialect: new SearchPathPostgresDialect({ pool }) });
  postgresPools.set(db, pool);
  // One more connection, opened at the first subscription (the session cache): it LISTENs.
  const notices = new PostgresNoticeBoard(connection, opts.schema);
  noticeBoards.set(db, notices);
  return {
    db,
    engine: 'postgres',
    close: async () => {
      await notices.close();
      await db.destroy();
    },
  };
}

export function openDatabase(cfg: { DATABASE_URL?: string; dataDir: string }): DbHandle {
  return cfg.DATABASE_URL ? openPostgres(cfg.DATABASE_URL) : openSqlite(path.join(cfg.dataDir, 'fuwu.sqlite'));
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
