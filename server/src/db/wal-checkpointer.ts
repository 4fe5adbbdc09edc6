import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints of an SQLite file, run off the event loop.
 *
 * SQLite checkpoints on the connection that commits, inside its commit, once the WAL passes
 * `wal_autocheckpoint` pages (1000 by default). A write touching many B-trees fills that every few
 * dozen commits, and the checkpoint — copy the WAL's pages into the file, fsync the WAL, fsync the
 * file — then runs on the event loop and stalls every request. Here a worker thread with a
 * connection of its own runs `wal_checkpoint(PASSIVE)` on a timer: it copies what is committed
 * without blocking the request connection's writers or readers, and the request connection's own
 * auto-checkpoint is raised to a backstop (`REQUEST_CONNECTION_AUTOCHECKPOINT`) that only fires if
 * this worker falls behind or dies.
 *
 * Durability is unchanged: commits are as durable as the request connection's `synchronous` says
 * (DESIGN.md); a checkpoint only moves committed pages from the WAL into the file, and syncs the WAL
 * first. With synchronous=NORMAL, what a power cut may lose is what was committed since the WAL was
 * last synced; a checkpoint every `intervalMs` bounds that in time, where a page-count trigger left
 * it unbounded on a quiet system.
 *
 * The worker is plain JavaScript evaluated from a string (no file to ship next to the esbuild
 * bundle, no TypeScript loader in the thread) and loads the same better-sqlite3 as the app.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// A checkpoint never waits for a busy lock (PASSIVE); the timeout only covers opening.
db.pragma('busy_timeout = 1000');
let timer = null;
let stopped = false;
const run = () => {
  timer = null;
  if (stopped) return;
  let copied = 0;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Once all is copied (checkpointed === log), the next writer starts the WAL over.
    copied = r.checkpointed;
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
  // Busy while there is work to copy, idle on a quiet system.
  timer = setTimeout(run, copied > 0 ? workerData.busyIntervalMs : workerData.intervalMs);
};
timer = setTimeout(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Pages the request connection lets the WAL grow to before it checkpoints by itself: about 40 MB
 * at 4 KB pages, reached only if the worker cannot keep up.
 */
export const REQUEST_CONNECTION_AUTOCHECKPOINT = 10_000;

export interface WalCheckpointer {
  /** Stop the timer, finish a checkpoint in progress, close the worker's connection. */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** Between checkpoints when the last one found nothing to copy. */
  intervalMs?: number;
  /** Between checkpoints while there is work (the last one copied pages). */
  busyIntervalMs?: number;
  /** Errors of the worker's checkpoints (the backstop auto-checkpoint still holds). */
  onError?: (message: string) => void;
}

const requireFromHere = createRequire(import.meta.url);

/** Start checkpointing `file` (an SQLite database in WAL mode) in a worker thread. */
export function startWalCheckpointer(file: string, opts: WalCheckpointerOptions = {}): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: requireFromHere.resolve('better-sqlite3'),
      intervalMs: opts.intervalMs ?? 200,
      busyIntervalMs: opts.busyIntervalMs ?? 20,
    },
  });
  // Never what keeps a process alive; close() stops it explicitly.
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) opts.onError?.(m.error);
  });
  worker.on('error', (err) => opts.onError?.(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        // Held until it has closed its connection, even if nothing else keeps the process up.
        worker.ref();
        worker.postMessage('stop');
        await exited;
      })();
      return stopping;
    },
  };
}
