import { sql } from 'kysely';
import { type Db, isPostgres } from './database';
import { translateDbError } from './db-errors';

let durableInFlight = 0;

export interface TransactOptions {
  /** SQLite: sync this commit to disk (synchronous=FULL) — signatures, stock movements. */
  durable?: boolean;
  /**
   * SQLite: let this transaction share one commit with the others asked for meanwhile (group
   * commit, below). Only for short transactions that await nothing but the database. Ignored on
   * PostgreSQL and for durable transactions.
   */
  groupCommit?: boolean;
}

/**
 * Run `fn` in one write transaction; driver errors come out as AppErrors.
 * Everything a request writes — the change and its audit entry — goes through here,
 * so a failed request changes nothing.
 */
export async function transact<T>(db: Db, fn: (trx: Db) => Promise<T>, opts: TransactOptions = {}): Promise<T> {
  // PostgreSQL: no grouping. A create is bound by its round trips there (≈ 7 a transaction); run one
  // after another in a group they took as long as the row lock of the number series they queue on
  // otherwise (measured: no gain).
  if (isPostgres(db)) return runAlone(db, fn);
  // SQLite: a durable transaction's commit is synced to disk (synchronous=FULL) — a customer's
  // signature or a stock movement must survive a power cut. PostgreSQL always syncs commits.
  if (opts.durable === true) {
    if (durableInFlight++ === 0) await sql`pragma synchronous = FULL`.execute(db);
    try {
      return await runAlone(db, fn);
    } finally {
      if (--durableInFlight === 0) await sql`pragma synchronous = NORMAL`.execute(db);
    }
  }
  return opts.groupCommit === true ? runGrouped(db, fn) : runAlone(db, fn);
}

/** `transact` with `groupCommit`: for a short transaction that awaits nothing but the database. */
export function transactGrouped<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return transact(db, fn, { groupCommit: true });
}

async function runAlone<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute((trx) => fn(trx));
  } catch (err) {
    throw translateDbError(err);
  }
}

// ── Group commit (SQLite) ──
//
// SQLite has one writer, and each commit writes every page it changed to the WAL: the B-tree pages
// a new record touches (table, indexes, audit, notification, number sequence) are written again by
// the next commit.
// Transactions asked for with `groupCommit` are queued; in the check phase (setImmediate) after
// the turn that queued them — or, if a group is committing, once it is done — the queue runs one
// after the other in ONE transaction, each inside a savepoint, and commits once. Each keeps its own all-or-nothing: a failure
// rolls back to its savepoint and rejects only its caller. Every caller is answered only after
// the shared COMMIT succeeded (if it fails, all are rejected and nothing is written), so what a
// caller is told is committed is committed, at the connection's synchronous level as before.
// Gap-free numbers still hold: a number is taken inside the savepoint with its record.

interface Job {
  fn: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Per database: the jobs waiting for the next group, and whether a group is being committed. */
interface Groups {
  queued: Job[];
  scheduled: boolean;
  running: boolean;
}

const groupsOf = new WeakMap<Db, Groups>();

function runGrouped<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let groups = groupsOf.get(db);
    if (!groups) {
      groups = { queued: [], scheduled: false, running: false };
      groupsOf.set(db, groups);
    }
    groups.queued.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    schedule(db, groups);
  });
}

/** One group at a time per database (the single connection serialises them anyway): what arrives meanwhile joins the next. */
function schedule(db: Db, groups: Groups): void {
  if (groups.scheduled || groups.running || groups.queued.length === 0) return;
  groups.scheduled = true;
  setImmediate(() => {
    groups.scheduled = false;
    const jobs = groups.queued;
    groups.queued = [];
    groups.running = true;
    void commitGroup(db, jobs).finally(() => {
      groups.running = false;
      schedule(db, groups);
    });
  });
}

async function commitGroup(db: Db, jobs: Job[]): Promise<void> {
  if (jobs.length === 1) {
    // Alone: an ordinary transaction, no savepoint.
    const [job] = jobs;
    await runAlone(db, job.fn).then(job.resolve, job.reject);
    return;
  }
  const succeeded: { job: Job; value: unknown }[] = [];
  let next = 0;
  try {
    await db.transaction().execute(async (trx) => {
      for (; next < jobs.length; next++) {
        const job = jobs[next];
        await sql`savepoint group_member`.execute(trx);
        let value: unknown;
        try {
          value = await job.fn(trx);
        } catch (err) {
          // If the rollback itself fails the transaction is gone: the catch below answers everyone left.
          await sql`rollback to group_member`.execute(trx);
          await sql`release group_member`.execute(trx);
          job.reject(translateDbError(err));
          continue;
        }
        await sql`release group_member`.execute(trx);
        succeeded.push({ job, value });
      }
    });
  } catch (err) {
    const failure = translateDbError(err);
    for (const { job } of succeeded) job.reject(failure);
    for (const job of jobs.slice(next)) job.reject(failure);
    return;
  }
  for (const { job, value } of succeeded) job.resolve(value);
}
