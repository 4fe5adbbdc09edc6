import type { Compilable, CompiledQuery } from 'kysely';
import type SQLite from 'better-sqlite3';
import { committedReaders, type Db } from './database';

/**
 * A query built and compiled once per database, then run with new parameters. For the few
 * queries on every request's path (the session lookup): building and compiling a Kysely
 * query costs several times what SQLite takes to answer it. `build` must use its parameters
 * exactly once each, in order, and no other values.
 *
 * On SQLite, called with the database itself (not a transaction), the query runs on the
 * read-only connection beside the writer (database.ts), as a prepared statement: it sees what
 * is committed, as any other request would. Inside a transaction it runs on the transaction.
 */
export function preparedQuery<P extends unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const compiled = new WeakMap<Db, { query: CompiledQuery<R>; statement?: SQLite.Statement<unknown[], R> }>();
  return async (db: Db, ...params: P): Promise<R[]> => {
    let entry = compiled.get(db);
    if (!entry) {
      const query = build(db, ...params).compile();
      if (query.parameters.length !== params.length) throw new Error('preparedQuery: build must use each parameter once');
      const reader = committedReaders.get(db);
      entry = { query, statement: reader?.prepare<unknown[], R>(query.sql) };
      compiled.set(db, entry);
    }
    if (entry.statement) return entry.statement.all(...params);
    return (await db.executeQuery<R>({ ...entry.query, parameters: params })).rows;
  };
}
