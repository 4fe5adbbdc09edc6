import { sql } from 'kysely';
import { type Db, isPostgres } from './database';
import { translateDbError } from './db-errors';

let durableInFlight = 0;

/**
 * Run `fn` in one write transaction; driver errors come out as AppErrors.
 * Everything a request writes — the change and its audit entry — goes through here,
 * so a failed request changes nothing.
 */
export async function transact<T>(db: Db, fn: (trx: Db) => Promise<T>, opts: { durable?: boolean } = {}): Promise<T> {
  // SQLite: a durable transaction's commit is synced to disk (synchronous=FULL) — a customer's
  // signature or a stock movement must survive a power cut. PostgreSQL always syncs commits.
  const durable = opts.durable === true && !isPostgres(db);
  if (durable && durableInFlight++ === 0) await sql`pragma synchronous = FULL`.execute(db);
  try {
    return await db.transaction().execute((trx) => fn(trx));
  } catch (err) {
    throw translateDbError(err);
  } finally {
    if (durable && --durableInFlight === 0) await sql`pragma synchronous = NORMAL`.execute(db);
  }
}
