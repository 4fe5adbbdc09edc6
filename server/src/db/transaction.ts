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

/** `transact` with `groupCommit`: for a short transaction that awaits nothing but the database and may run twice (once in a group that another member made fail, once alone). */
export function transactGrouped<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return transact(db, fn, { groupCommit: true });
}

async function runAlone<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  const commit: Commit = { root: db, afterwards: [] };
  let value: T;
  try {
    value = await db.transaction().execute((trx) => {
      commits.set(trx, commit);
      return fn(trx);
    });
  } catch (err) {
    throw translateDbError(err);
  }
  runAfterCommit(commit);
  return value;
}

// ── After the commit ──
//
// What must happen only once a transaction's changes are visible to every reader — telling this
// process's caches to forget what the transaction changed (db/notices.ts) — is queued on it with
// afterCommit and runs after its COMMIT; a rolled-back transaction drops the queue.

interface Commit {
  /** The database the transaction runs on. */
  root: Db;
  afterwards: (() => void)[];
}

/** The transactions `transact` opened (each trx object, for their lifetime). */
const commits = new WeakMap<Db, Commit>();

/** The database a transaction runs on (or `db` itself, when it is not a transaction of `transact`). */
export function rootOf(db: Db): Db {
  return commits.get(db)?.root ?? db;
}

/**
 * Run `fn` once `db`'s transaction has committed (at once when `db` is not in a transaction).
 * A transaction must be one of `transact`'s: any other would run `fn` before its commit.
 */
export function afterCommit(db: Db, fn: () => void): void {
  const commit = commits.get(db);
  if (commit) commit.afterwards.push(fn);
  else if (db.isTransaction) throw new Error('afterCommit: a transaction not opened by transact()');
  else fn();
}

function runAfterCommit(commit: Commit): void {
  for (const fn of commit.afterwards) fn();
}

// ── Group commit (SQLite) ──
//
// SQLite has one writer, and each commit writes every page it changed to the WAL: the B-tree pages
// a new record touches (table, indexes, audit, notification, number sequence) are written again by
// the next commit.
// Transactions asked for with `groupCommit` are queued; in the check phase (setImmediate) after
// the turn that queued them — or, if a group is committing, once it is done — the queue runs one
// after the other in ONE transaction and commits once. No savepoints: they cost two statements
// each, and FTS5 flushes its pending terms at every one. If any member fails, the whole group is
// rolled back and each member runs again in a transaction of its own, so each keeps its own
// all-or-nothing and only what fails alone is refused (a job must therefore be a function of the
// database only: `transactGrouped`'s contract). Every caller is answered only after its COMMIT
// succeeded, at the connection's synchronous level as before. Gap-free numbers hold: a rolled-back
// group gives its numbers back, and each number is committed with its record.

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
  let values: unknown[];
  const commit: Commit = { root: db, afterwards: [] };
  try {
    values = await db.transaction().execute(async (trx) => {
      commits.set(trx, commit);
      const out: unknown[] = [];
      for (const job of jobs) out.push(await job.fn(trx));
      return out;
    });
  } catch {
    // One of them failed (or the commit did): the group was rolled back as a whole. Each runs
    // again on its own, so only what fails alone fails, and what succeeds is committed by itself.
    for (const job of jobs) await runAlone(db, job.fn).then(job.resolve, job.reject);
    return;
  }
  runAfterCommit(commit);
  for (const [i, job] of jobs.entries()) job.resolve(values[i]);
}
