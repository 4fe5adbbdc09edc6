import { Worker } from 'node:worker_threads';
import type { TFormDocument } from './form-layout';

type Pending = { resolve: (pdf: Buffer) => void; reject: (err: Error) => void };

/**
 * One worker thread prints every form, one after another; it starts at the first form and holds
 * the process open only while forms are waiting. Run from source (tsx: tests, benchmarks) it loads
 * the .ts worker through tsx; from the bundle, the bundled pdf-worker.js beside main.js.
 */
class FormPrinter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Start the worker now (its modules and fonts load in its own thread), not at the first form. */
  warm(): void {
    this.worker ?? this.start();
  }

  print(form: TFormDocument): Promise<Buffer> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, form });
    });
  }

  private start(): Worker {
    const worker = import.meta.url.endsWith('.ts')
      ? // Node 20 loads a worker's entry before its --import hooks: register tsx first, then import.
        new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => m.register()).then(() => import(${JSON.stringify(new URL('./pdf-worker.ts', import.meta.url).href)}))`,
          { eval: true, execArgv: [] },
        )
      : new Worker(new URL('./pdf-worker.js', import.meta.url), { execArgv: [] });
    worker.on('message', (msg: { id: number; pdf?: Uint8Array; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.pdf) p.resolve(Buffer.from(msg.pdf.buffer, msg.pdf.byteOffset, msg.pdf.byteLength));
      else p.reject(new Error(`PDF generation failed: ${msg.error}`));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PDF worker exited with ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

const printer = new FormPrinter();

/** Print a form to PDF bytes in the PDF worker thread. */
export function renderFormPdf(form: TFormDocument): Promise<Buffer> {
  return printer.print(form);
}

/**
 * Start the PDF worker ahead of the first form: loading its modules and parsing the Chinese font
 * take a fraction of a second from the bundle, and seconds when tsx compiles the worker from
 * source on a loaded machine (the browser tests), which the first customer or test would wait for.
 */
export function warmFormPrinter(): void {
  printer.warm();
}

/** Stop the worker (tests, shutdown); the next form starts a new one. */
export function closeFormPrinter(): Promise<void> {
  return printer.close();
}
