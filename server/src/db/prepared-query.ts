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
 * every later run is one round trip with no Parse. For the statements whose text follows the
 * filters used, not the values (the contract list's page, the create); the service-request list's
 * page is compiled once per shape besides (`shapedQuery`).
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

/**
 * A value a query is built without: it stands for a bound parameter, filled at each run from the
 * run's values by its key (`shapedQuery`). Used as a value (a string or a number) it throws, so
 * that a builder cannot quietly put it into the SQL's shape.
 */
class Placeholder {
  constructor(readonly key: string) {}
  toJSON(): string {
    return `\u0000${this.key}`;
  }
  [Symbol.toPrimitive](): never {
    throw new Error(`shapedQuery: placeholder '${this.key}' used as a value while building`);
  }
}

/** A placeholder of type T for the value `key` of a run (see `shapedQuery`). */
export function placeholder<T>(key: string): T {
  return new Placeholder(key) as unknown as T;
}

interface ShapedEntry<R> {
  query: CompiledQuery<R>;
  /** The run's value each parameter takes (its key), or the constant the shape put there. */
  slots: ({ key: string } | { constant: unknown })[];
  /** SQLite: the statement on the read-only connection, raw (array rows). */
  raw?: SQLite.Statement<unknown[], unknown[]>;
  /** What makes a row's object from its array (SQLite: from the statement's columns; PostgreSQL: the first result's fields). */
  rowOf?: (values: unknown[]) => R;
  /** PostgreSQL: the statement's name. */
  name?: string;
}

/**
 * A function making a row's object from its array of values: one object literal with the columns
 * as its keys, so every row is made at once in one shape. A list page is fifty rows of forty-odd
 * columns: the driver's own objects (each column name set from C++) cost ≈ 300 µs a page more than
 * the arrays, setting the keys one by one in a loop ≈ 180 µs, the literal ≈ 45 µs (SQLite, 1 M
 * requests). The names are the statement's own columns, quoted as JSON string literals.
 */
function rowMaker<R>(columns: readonly string[]): (values: unknown[]) => R {
  const fields = columns.map((c, i) => `${JSON.stringify(c)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: unknown[]) => R;
}

/** Shapes kept compiled per database; past this the cache starts again (a shape per request would be a bug). */
const SHAPES_MAX = 1000;

/**
 * A query whose SQL follows from its shape alone — which filters are used, the sort, the plan
 * chosen, the constants those bring — compiled once per shape and run with each call's values
 * bound. For the list pages: building and compiling a list's Kysely query (joins, forty-odd
 * columns, the capped count) cost more CPU than the database's answer. `shape` holds the constants
 * and, where a value goes, `placeholder(key)`; the shape's key is its JSON (placeholders by key),
 * so two calls with the same key share one compiled query, and `values` fill its placeholders.
 * Runs as `preparedQuery` does: on SQLite on the read-only connection (what is committed) as a
 * cached statement, rows made from arrays with the column names read once; on PostgreSQL as a
 * named statement on the pool (parsed and planned once per connection); a transaction, or a
 * database opened elsewhere, through Kysely.
 */
export function shapedQuery<S, R>(build: (db: Db, shape: S) => Compilable<R>) {
  const byDb = new WeakMap<Db, Map<string, ShapedEntry<R>>>();
  const entryFor = (db: Db, shape: S): ShapedEntry<R> => {
    let shapes = byDb.get(db);
    if (!shapes) {
      shapes = new Map();
      byDb.set(db, shapes);
    }
    const key = JSON.stringify(shape);
    let entry = shapes.get(key);
    if (!entry) {
      const query = build(db, shape).compile();
      const slots = query.parameters.map((p) => (p instanceof Placeholder ? { key: p.key } : { constant: p }));
      const raw = committedReaders.get(db)?.prepare<unknown[], unknown[]>(query.sql).raw(true);
      const pool = postgresPools.get(db);
      entry = {
        query,
        slots,
        raw,
        rowOf: raw && rowMaker<R>(raw.columns().map((c) => c.name)),
        name: pool && `fuwu_shaped_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`,
      };
      if (shapes.size >= SHAPES_MAX) shapes.clear();
      shapes.set(key, entry);
    }
    return entry;
  };
  return async (db: Db, shape: S, values: Readonly<Record<string, unknown>>): Promise<R[]> => {
    const entry = entryFor(db, shape);
    const parameters = entry.slots.map((s) => {
      if ('constant' in s) return s.constant;
      const v = values[s.key];
      if (v === undefined) throw new Error(`shapedQuery: no value for '${s.key}'`);
      return v;
    });
    if (entry.raw) return entry.raw.all(...parameters).map(entry.rowOf as (values: unknown[]) => R);
    const pool = postgresPools.get(db);
    if (pool && entry.name) {
      // Array rows, made into objects as on SQLite: the driver sets each column by name (a keyed store each).
      const r = await pool.query<unknown[]>({ name: entry.name, text: entry.query.sql, values: parameters, rowMode: 'array' });
      entry.rowOf ??= rowMaker<R>(r.fields.map((f) => f.name));
      return r.rows.map(entry.rowOf);
    }
    return (await db.executeQuery<R>({ ...entry.query, parameters })).rows;
  };
}
