import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

/**
 * A query built and compiled once per database, then run with new parameters. For the few
 * queries on every request's path (the session lookup): building and compiling a Kysely
 * query costs several times what SQLite takes to answer it. `build` must use its parameters
 * exactly once each, in order, and no other values.
 */
export function preparedQuery<P extends unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const compiled = new WeakMap<Db, CompiledQuery<R>>();
  return async (db: Db, ...params: P): Promise<R[]> => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db, ...params).compile();
      if (query.parameters.length !== params.length) throw new Error('preparedQuery: build must use each parameter once');
      compiled.set(db, query);
    }
    return (await db.executeQuery<R>({ ...query, parameters: params })).rows;
  };
}
