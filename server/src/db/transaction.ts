import type { Db } from './database';
import { translateDbError } from './db-errors';

/**
 * Run `fn` in one write transaction; driver errors come out as AppErrors.
 * Everything a request writes — the change and its audit entry — goes through here,
 * so a failed request changes nothing.
 */
export async function transact<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute((trx) => fn(trx));
  } catch (err) {
    throw translateDbError(err);
  }
}
