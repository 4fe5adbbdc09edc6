import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Client, TestApp } from '../../testing/test-app';

/*
 * Imports timed on a real listening server, the upload sent by another process: it arrives in
 * network-sized chunks, as in production, and the polls of /readyz measure the server's event
 * loop alone. Used by the import-limits test (behaviour) and bench/hostile-imports.bench.ts (figures).
 */

/** How long an import took, and the slowest of the /readyz answers polled meanwhile. */
export interface Timed {
  status: number;
  body: any;
  ms: number;
  slowestReadyz: number;
  polls: number;
  /** The slowest /readyz answer just before, with no import running: what the machine's load alone costs. */
  baseline: number;
}

/**
 * The uploading browser: another process, which streams the file from disk as a multipart form
 * and prints the answer and how long it took once the file was sent (49 MB take a while to
 * send on a busy machine). In this process it would share the event loop being measured.
 */
const UPLOADER = `
import fs from 'node:fs';
const [url, file, name, cookie, csrf] = process.argv.slice(1);
const boundary = '----fuwu' + Math.random().toString(16).slice(2);
async function* body() {
  yield Buffer.from('--' + boundary + '\\r\\nContent-Disposition: form-data; name="file"; filename="' + name + '"\\r\\nContent-Type: application/octet-stream\\r\\n\\r\\n');
  yield* fs.createReadStream(file);
  yield Buffer.from('\\r\\n--' + boundary + '--\\r\\n');
  sent = performance.now();
}
await (await fetch(new URL('/healthz', url))).text();
let sent = 0;
const res = await fetch(url, {
  method: 'POST', body: body(), duplex: 'half',
  headers: { 'content-type': 'multipart/form-data; boundary=' + boundary, cookie, 'x-csrf-token': csrf },
});
const text = await res.text();
process.stdout.write(JSON.stringify({ status: res.status, body: JSON.parse(text), ms: performance.now() - sent }));
`;

/** Listen on a free port and return the timed import of `t`'s app. */
export async function timedImports(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  /** Upload the file from another process and poll /readyz until the answer is in. */
  async function timedImport(client: Client, name: string, pieces: Iterable<Buffer>, query = '?dryRun=true'): Promise<Timed> {
    const file = path.join(t.dataDir, `upload-${name}`);
    const out = fs.createWriteStream(file);
    for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
    out.end();
    await once(out, 'close');
    const baseline = await slowestReadyzOver(1000);
    const uploader = spawn(
      process.execPath,
      ['--input-type=module', '-e', UPLOADER, `${base}/api/imports/equipment${query}`, file, name, client.cookie ?? '', client.csrf ?? ''],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    uploader.stdout.on('data', (d) => (output += d));
    const exited = once(uploader, 'exit');
    let done = false;
    void exited.then(() => (done = true));
    let slowestReadyz = 0;
    let polls = 0;
    while (!done) {
      const started = performance.now();
      const r = await fetch(`${base}/readyz`);
      await r.text();
      if (r.status !== 200) throw new Error(`/readyz answered ${r.status}`);
      slowestReadyz = Math.max(slowestReadyz, performance.now() - started);
      polls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await exited;
    fs.rmSync(file);
    const { status, body, ms } = JSON.parse(output);
    return { status, body, ms, slowestReadyz, polls, baseline };
  }

  /** The slowest /readyz answer over `ms` of polling (every 5 ms). */
  async function slowestReadyzOver(ms: number): Promise<number> {
    let slowest = 0;
    for (const until = performance.now() + ms; performance.now() < until; ) {
      const started = performance.now();
      await (await fetch(`${base}/readyz`)).text();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return slowest;
  }

  return timedImport;
}
