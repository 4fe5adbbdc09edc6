import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app';
import { EXCELJS_WARM_DELAY_MS, isExcelJsLoading } from './exceljs';

// Engine-independent, and exceljs is loaded once per process: one run, on SQLite.
describe('exceljs warm-up', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  // The contract fuzz saw the first export of a run take 2.7 s and stall the requests beside it:
  // exceljs was evaluated on the request thread.
  it('a listening server loads exceljs shortly after start, not on the first export’s request', async () => {
    assert.equal(isExcelJsLoading(), false, 'not at build: the cold start stays short');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => setTimeout(r, EXCELJS_WARM_DELAY_MS + 500));
    assert.equal(isExcelJsLoading(), true);
  });
});
