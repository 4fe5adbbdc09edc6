import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { committedReaders, type Db, postgresPools, sqliteWriters } from './database';

let statementNames = 0;

interface Entry<R> {
  query: CompiledQuery<R>;
  /** SQLite: the statement prepared on the read-only connection, and a raw (array-row) copy for `first`. */
  statement?: SQLite.Statement<unknown[], R>;
  rawStatement?: SQLite.Statement<unknown[], unknown[]>;
  columns?: string[];
  /** PostgreSQL: the pool, and the statement's name (parsed and planned once per connection). */
  pool?: pg.Pool;
  name?: string;
}

/**
 * A query built and compiled once per database, then run with new parameters. For the few
 * queries on every request's path (the session lookup): building and compiling a Kysely
 * query costs several times what the database takes to answer it. `build` must use its
 * parameters exactly once each, in order, and no other values.
 *
 * Called with the database itself (not a transaction), the query bypasses Kysely's per-query
 * pipeline (plugins, connection provider):
 * - SQLite: it runs on the read-only connection beside the writer (database.ts), as a prepared
 *   statement: it sees what is committed, as any other request would.
 * - PostgreSQL: it runs as a named statement straight on the pool, so each connection parses and
 *   plans it once and every later run is one round trip (Bind/Execute/Sync) with no Parse.
 * Inside a transaction it runs on the transaction, through Kysely.
 */
export function preparedQuery<P extends unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const compiled = new WeakMap<Db, Entry<R>>();
  const name = `fuwu_prepared_${++statementNames}`;
  const entryFor = (db: Db, params: P): Entry<R> => {
    let entry = compiled.get(db);
    if (!entry) {
      const query = build(db, ...params).compile();
      if (query.parameters.length !== params.length) throw new Error('preparedQuery: build must use each parameter once');
      const reader = committedReaders.get(db);
      const pool = postgresPools.get(db);
      const statement = reader?.prepare<unknown[], R>(query.sql);
      const rawStatement = reader?.prepare<unknown[], unknown[]>(query.sql).raw(true);
      const columns = rawStatement?.columns().map((c) => c.name);
      entry = { query, statement, rawStatement, columns, pool, name: pool && name };
      compiled.set(db, entry);
    }
    return entry;
  };
  const all = async (db: Db, ...params: P): Promise<R[]> => {
    const entry = entryFor(db, params);
    if (entry.statement) return entry.statement.all(...params);
    if (entry.pool)
      return (await entry.pool.query<R & pg.QueryResultRow>({ name: entry.name, text: entry.query.sql, values: params })).rows;
    return (await db.executeQuery<R>({ ...entry.query, parameters: params })).rows;
  };
  /**
   * The first row, or undefined. SQLite: `get` stops at the first row; in raw mode the driver
   * hands back an array and the object is built here from the column names read once (the
   * driver otherwise looks up and sets each column name from C++ on every row).
   */
  const first = async (db: Db, ...params: P): Promise<R | undefined> => {
    const entry = entryFor(db, params);
    if (entry.rawStatement && entry.columns) {
      const values = entry.rawStatement.get(...params);
      if (!values) return undefined;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < entry.columns.length; i++) row[entry.columns[i]] = values[i];
      return row as R;
    }
    return (await all(db, ...params))[0];
  };
  return Object.assign(all, { first });
}

/**
 * Like `preparedQuery`, for queries run inside a transaction: compiled once against the root
 * database `root` (a transaction is a new Kysely instance each time, so keying on it would
 * compile every time), run on `trx`. Same rule: each parameter used once, in order, no other values.
 * Run on PostgreSQL outside a transaction (`trx` is `root`: the create's reference checks, which
 * need no transaction there), it is a named statement on the pool, as `preparedQuery`'s: parsed
 * and planned once per connection instead of at every run.
 * On SQLite inside a transaction (`trx` a transaction of `root`), it runs straight on the writer
 * connection's cached statement: SQLite has that one connection, the transaction holds it, and the
 * statement runs synchronously, so this is what Kysely's driver would do, without its per-query
 * pipeline (connection provider, mutex, result transforms: several µs a statement, and a create
 * runs about eight of these).
 */
export function preparedInTransaction<P extends unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const compiled = new WeakMap<Db, CompiledQuery<R>>();
  const name = `fuwu_prepared_${++statementNames}`;
  return async (root: Db, trx: Db, ...params: P): Promise<{ rows: R[]; numAffectedRows?: bigint }> => {
    let query = compiled.get(root);
    if (!query) {
      query = build(root, ...params).compile();
      if (query.parameters.length !== params.length) throw new Error('preparedInTransaction: build must use each parameter once');
      compiled.set(root, query);
    }
    const writer = trx !== root && trx.isTransaction ? sqliteWriters.get(root) : undefined;
    if (writer) {
      const statement = writer.prepare<unknown[], R>(query.sql);
      if (statement.reader) return { rows: statement.all(params) };
      return { rows: [], numAffectedRows: BigInt(statement.run(params).changes) };
    }
    const pool = trx === root ? postgresPools.get(root) : undefined;
    if (pool) {
      const r = await pool.query<R & pg.QueryResultRow>({ name, text: query.sql, values: params });
      return { rows: r.rows, numAffectedRows: r.rowCount === null ? undefined : BigInt(r.rowCount) };
    }
    return trx.executeQuery<R>({ ...query, parameters: params });
  };
}

const namedStatements = new Map<string, string>();
/** Distinct statement texts kept named; past this (a query shape per request, a bug) they run unnamed. */
const NAMED_MAX = 500;

/**
 * Run a built query; on PostgreSQL (the database itself, not a transaction) as a named statement
 * on the pool, named after its SQL text: each connection parses and plans each distinct text once
 * (the planner keeps choosing per run, with the values, until a generic plan proves as cheap), and
 * every later run is one round trip with no Parse. For the lists' one statement a page
 * (service-requests.repo's `listRequests`), whose shape follows the filters used, not the values.
 * SQLite and transactions: through Kysely, as any query.
 */
export async function executeNamed<R>(db: Db, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  const pool = postgresPools.get(db);
  if (!pool) return (await db.executeQuery<R>(compiled)).rows;
  let name = namedStatements.get(compiled.sql);
  if (!name && namedStatements.size < NAMED_MAX) {
    name = `fuwu_named_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`;
    namedStatements.set(compiled.sql, name);
  }
  const r = await pool.query<R & pg.QueryResultRow>({ ...(name ? { name } : {}), text: compiled.sql, values: [...compiled.parameters] });
  return r.rows;
}
