import fs from 'node:fs';

/** Past this many characters gathered, the lines are written at once rather than at the end of the turn. */
const FLUSH_AT = 64 * 1024;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Where the app's log lines go (pino's `stream`): the lines of one turn of the event loop are
 * gathered and written together, once, when the turn ends (setImmediate) — one write system call
 * for many requests instead of one per line, which was most of the request log line's cost under
 * load. Lines are never dropped: a full pipe (EAGAIN) is waited for, as pino's synchronous
 * destination does, and whatever is gathered is written when the process exits, however it exits.
 * A crash loses nothing either: an uncaught exception is logged and written by the exit handler.
 */
export class LogDestination {
  private pending = '';
  private scheduled = false;
  private readonly flushSoon = () => {
    this.scheduled = false;
    this.flush();
  };

  /** `fd`: 1 for stdout (production), or a file opened for appending. */
  constructor(private readonly fd: number) {
    process.once('exit', () => this.flush());
  }

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= FLUSH_AT) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushSoon);
    }
  }

  /** Write everything gathered, now. */
  flush(): void {
    if (this.pending === '') return;
    let data = Buffer.from(this.pending);
    this.pending = '';
    while (data.length > 0) {
      try {
        const n = fs.writeSync(this.fd, data);
        data = data.subarray(n);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        // The reader of the pipe is behind: wait a little and write the rest.
        Atomics.wait(sleeper, 0, 0, 5);
      }
    }
  }
}
