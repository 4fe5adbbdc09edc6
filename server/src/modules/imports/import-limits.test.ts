import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { inlineCell, xlsxWithRows, xlsxWithSharedStrings } from './imports.fixtures';
import { type Timed, timedImports } from './import-timing.fixtures';

/*
 * Hostile sheets — tiny files that claim huge sizes — are refused with a message naming what is
 * too large, without reading them whole, while the server keeps answering everyone else.
 */

const MB = 1024 * 1024;

for (const engine of engines()) {
  describe(`import limits (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    let english: Client;
    let timedImport: Awaited<ReturnType<typeof timedImports>>;
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.admin();
      english = (await t.userWith(['sales'])).client;
      assert.equal((await english.request('PATCH', '/api/me/preferences', { locale: 'en' })).status, 200);
      timedImport = await timedImports(t);
    });
    after(() => t.close());

    /**
     * The import as a browser sends it, with /readyz polled meanwhile. How fast the refusal comes
     * and how long /readyz waited depend on the machine's load: they are reported here and
     * measured by bench/hostile-imports.bench.ts, not asserted.
     */
    async function importWhilePolling(ctx: TestContext, client: Client, name: string, pieces: Iterable<Buffer>): Promise<Timed> {
      const r = await timedImport(client, name, pieces);
      ctx.diagnostic(
        `answered in ${Math.round(r.ms)} ms; slowest /readyz ${Math.round(r.slowestReadyz)} ms of ${r.polls} (${Math.round(r.baseline)} ms with no import)`,
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
        const r = await importWhilePolling(ctx, client, 'far.xlsx', [sheet]);
        assert.equal(r.status, 413, JSON.stringify(r.body));
        assert.equal(r.body.code, 'IMPORT_ROW_BEYOND_LIMIT');
        assert.deepEqual(r.body.issues, [{ path: 'file', message: text }]);
      }
    });

    it('a stray cell in row 15,000 under the data still gets its answer and error report in time', async (ctx) => {
      const sheet = await xlsxWithRows(
        `<row r="1">${inlineCell('A1', '合同编号')}</row><row r="15000">${inlineCell('A15000', 'HT-NO-SUCH')}</row>`,
      );
      const r = await importWhilePolling(ctx, admin, 'stray.xlsx', [sheet]);
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
        const r = await importWhilePolling(ctx, english, 'newlines.csv', pieces());
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
      const r = await importWhilePolling(ctx, admin, 'bomb.xlsx', [sheet]);
      assert.equal(r.status, 413, JSON.stringify(r.body));
      assert.equal(r.body.code, 'IMPORT_CELL_TOO_LONG');
      assert.deepEqual(r.body.issues, [{ path: 'file', message: '有文字超过 32767 个字符（单元格上限）' }]);
    });

    it('a part that unzips past 100 MB is refused naming it, whatever its texts', async (ctx) => {
      const r = await importWhilePolling(ctx, english, 'strings.xlsx', [await xlsxWithSharedStrings(101, 30_000)]);
      assert.equal(r.status, 413, JSON.stringify(r.body));
      assert.equal(r.body.code, 'IMPORT_CONTENT_TOO_LARGE');
      assert.deepEqual(r.body.issues, [{ path: 'file', message: 'xl/sharedStrings.xml unzips to more than 100 MB' }]);
    });
  });
}
