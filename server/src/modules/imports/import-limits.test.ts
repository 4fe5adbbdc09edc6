import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { inlineCell, sheetXlsx, xlsxWithRows, xlsxWithSharedStrings } from './imports.fixtures';

/*
 * Hostile sheets — tiny files that claim huge sizes — are refused quickly, with a message naming
 * what is too large, while the server keeps answering everyone else. Measured on a real
 * listening server, the upload sent by another process: it arrives in network-sized chunks, as
 * in production, and the polls of /readyz measure the server's event loop alone.
 */

/** How long an import took, and the slowest of the /readyz answers polled meanwhile. */
interface Timed {
  status: number;
  body: any;
  ms: number;
  slowestReadyz: number;
  polls: number;
  /** The slowest /readyz answer just before, with no import running: what the machine's load alone costs. */
  baseline: number;
}

const MB = 1024 * 1024;

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

for (const engine of engines()) {
  describe(`import limits (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    let english: Client;
    let base: string;
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.admin();
      english = (await t.userWith(['sales'])).client;
      assert.equal((await english.request('PATCH', '/api/me/preferences', { locale: 'en' })).status, 200);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });
    after(() => t.close());

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
        [
          '--input-type=module',
          '-e',
          UPLOADER,
          `${base}/api/imports/equipment${query}`,
          file,
          name,
          client.cookie ?? '',
          client.csrf ?? '',
        ],
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
        assert.equal(r.status, 200);
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

    it('warm-up: the first import over HTTP loads exceljs, fetch and the modules on the way (not what is measured)', async () => {
      const r = await timedImport(admin, 'warm-up.xlsx', [await sheetXlsx([['合同编号'], ['x']])]);
      assert.equal(r.status, 422, JSON.stringify(r.body));
    });

    const isQuick = (r: Timed) => r.ms < 2000 && r.polls >= 1 && r.slowestReadyz < 100 + r.baseline;

    /**
     * The import answered within 2 s once the file was sent, and /readyz within 100 ms all along —
     * more only by what it took just before with no import running. On a machine shared by many
     * processes the operating system alone may keep this one waiting that long, so a slow attempt
     * is tried again, up to three times; before the fix every attempt blocked for seconds.
     */
    async function quickImport(ctx: TestContext, client: Client, name: string, pieces: () => Iterable<Buffer>): Promise<Timed> {
      let r: Timed | undefined;
      for (let attempt = 1; attempt <= 3 && !(r && isQuick(r)); attempt++) {
        r = await timedImport(client, name, pieces());
        ctx.diagnostic(
          `attempt ${attempt}: answered in ${Math.round(r.ms)} ms; slowest /readyz ${Math.round(r.slowestReadyz)} ms of ${r.polls} (${Math.round(r.baseline)} ms with no import)`,
        );
      }
      assert.ok(r);
      assert.ok(r.ms < 2000, `answered in ${Math.round(r.ms)} ms`);
      assert.ok(r.polls >= 1, '/readyz was polled');
      assert.ok(
        r.slowestReadyz < 100 + r.baseline,
        `/readyz answered within ${Math.round(r.slowestReadyz)} ms (${Math.round(r.baseline)} ms with no import)`,
      );
      return r;
    }

    it('a sheet with a cell in row 99,999,999 is refused in time, naming the row and the limit in zh and en; /readyz keeps answering', async (ctx) => {
      const sheet = await xlsxWithRows(
        `<row r="1">${inlineCell('A1', '合同编号')}</row><row r="99999999">${inlineCell('A99999999', 'x')}</row>`,
      );
      for (const [client, text] of [
        [admin, '工作表延伸到第 99999999 行，超出导入范围（最多读到第 40000 行）'],
        [english, 'the sheet reaches row 99999999, past the last row read (row 40000)'],
      ] as const) {
        const r = await quickImport(ctx, client, 'far.xlsx', () => [sheet]);
        assert.equal(r.status, 413, JSON.stringify(r.body));
        assert.equal(r.body.code, 'IMPORT_ROW_BEYOND_LIMIT');
        assert.deepEqual(r.body.issues, [{ path: 'file', message: text }]);
      }
    });

    it('a stray cell in row 15,000 under the data still gets its answer and error report in time', async (ctx) => {
      const sheet = await xlsxWithRows(
        `<row r="1">${inlineCell('A1', '合同编号')}</row><row r="15000">${inlineCell('A15000', 'HT-NO-SUCH')}</row>`,
      );
      const r = await quickImport(ctx, admin, 'stray.xlsx', () => [sheet]);
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.code, 'IMPORT_ROWS_INVALID');
      assert.ok(
        r.body.errors.some((e: { row: number }) => e.row === 15000),
        'the row is reported at its own number',
      );
      assert.ok(r.body.reportId, 'with a report');
    });

    it('a 49 MB CSV of line breaks (the upload limit is 50 MB) is refused at the last row read, without reading it whole', async (ctx) => {
      const lineBreaks = Buffer.alloc(MB, '\n');
      const pieces = function* () {
        yield Buffer.from('合同编号,SN\n');
        for (let i = 0; i < 49; i++) yield lineBreaks;
      };
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 10);
      try {
        const r = await quickImport(ctx, english, 'newlines.csv', pieces);
        assert.equal(r.status, 413, JSON.stringify(r.body));
        assert.equal(r.body.code, 'IMPORT_ROW_BEYOND_LIMIT');
        assert.deepEqual(r.body.issues, [{ path: 'file', message: 'the sheet reaches row 40001, past the last row read (row 40000)' }]);
      } finally {
        clearInterval(sampler);
      }
      // Parsed whole, 10 MB of line breaks took 2.26 GB (and 50 MB ran out of heap).
      assert.ok(rssPeak - rssBefore < 400 * MB, `memory grew by ${Math.round((rssPeak - rssBefore) / MB)} MB`);
    });

    it('a small .xlsx whose shared strings hold one 200 MB text is refused in time, naming the cell limit', async (ctx) => {
      const sheet = await xlsxWithSharedStrings(200);
      assert.ok(sheet.length < 1024 * 1024, `the file is ${sheet.length} bytes`);
      const r = await quickImport(ctx, admin, 'bomb.xlsx', () => [sheet]);
      assert.equal(r.status, 413, JSON.stringify(r.body));
      assert.equal(r.body.code, 'IMPORT_CELL_TOO_LONG');
      assert.deepEqual(r.body.issues, [{ path: 'file', message: '有文字超过 32767 个字符（单元格上限）' }]);
    });

    it('a part that unzips past 100 MB is refused naming it, whatever its texts', async (ctx) => {
      const r = await timedImport(english, 'strings.xlsx', [await xlsxWithSharedStrings(101, 30_000)]);
      assert.equal(r.status, 413, JSON.stringify(r.body));
      assert.equal(r.body.code, 'IMPORT_CONTENT_TOO_LARGE');
      assert.deepEqual(r.body.issues, [{ path: 'file', message: 'xl/sharedStrings.xml unzips to more than 100 MB' }]);
      // 100 MB inflated and parsed take a second or two of work, in small slices, competing for the CPU with this test.
      ctx.diagnostic(
        `answered in ${Math.round(r.ms)} ms; slowest /readyz ${Math.round(r.slowestReadyz)} ms (${Math.round(r.baseline)} ms with no import)`,
      );
    });
  });
}
