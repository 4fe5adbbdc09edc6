import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSweeps } from '../../jobs/sweeps';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { createFileStore } from '../files/file-store';
import { download, importSheet, sheetXlsx } from './imports.fixtures';
import { sweepImportReports } from './imports.service';

const HOUR = 3_600_000;

for (const engine of engines()) {
  describe(`import error reports retention (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    let contractNumber: string;
    before(async () => {
      t = await startTestApp(engine, { FUWU_IMPORT_REPORT_HOURS: '24' });
      admin = await t.admin();
      contractNumber = (await makeContract(t.app.deps.database.db, { number: `HT-SWEEP-${engine}` })).number;
    });
    after(() => t.close());

    const db = () => t.app.deps.database.db;
    const fileOf = (hash: string) => path.join(t.dataDir, 'files', hash.slice(0, 2), hash.slice(2, 4), hash);

    /** A refused equipment import: its report id and the hash of the stored workbook. */
    async function refusedImport(sn: string) {
      const sheet = await sheetXlsx([
        ['合同编号', '产品类型', '品牌', '型号', 'SN', '数量', '保修开始', '保修结束'],
        [contractNumber, '服务器', '华为', '2288H V6', sn, 1, '2026-01-01', '2029-02-30'],
      ]);
      const r = await importSheet(admin, 'equipment', `bad-${sn}.xlsx`, sheet);
      assert.equal(r.status, 422, r.text);
      const row = await db().selectFrom('import_report').select('file_hash').where('id', '=', r.body.reportId).executeTakeFirstOrThrow();
      return { id: r.body.reportId as string, hash: row.file_hash };
    }

    async function storedFileRow(hash: string) {
      return db().selectFrom('stored_file').select('hash').where('hash', '=', hash).executeTakeFirst();
    }

    it('R-ORG-6 an import error report is deleted, row and file, once older than FUWU_IMPORT_REPORT_HOURS; younger ones stay', async () => {
      const store = createFileStore(t.app.deps.config);
      const old = await refusedImport('SWEEP-OLD');
      assert.equal((await download(t, admin, `/api/imports/reports/${old.id}`)).status, 200);
      assert.ok(fs.existsSync(fileOf(old.hash)));

      // 23 hours later the report is still there.
      assert.equal(await sweepImportReports(db(), store, 24, new Date(Date.now() + 23 * HOUR)), 0);
      assert.equal((await download(t, admin, `/api/imports/reports/${old.id}`)).status, 200);

      // Back-date it by 25 hours; a fresh report of another import stays.
      await db()
        .updateTable('import_report')
        .set({ created_at: new Date(Date.now() - 25 * HOUR).toISOString() })
        .where('id', '=', old.id)
        .execute();
      const fresh = await refusedImport('SWEEP-FRESH');
      assert.equal(await sweepImportReports(db(), store, 24), 1);
      const gone = await download(t, admin, `/api/imports/reports/${old.id}`);
      assert.equal(gone.status, 404);
      assert.equal(JSON.parse(gone.body.toString()).code, 'NOT_FOUND');
      assert.equal(fs.existsSync(fileOf(old.hash)), false, 'the workbook is removed from the store');
      assert.equal(await storedFileRow(old.hash), undefined);
      assert.equal((await download(t, admin, `/api/imports/reports/${fresh.id}`)).status, 200);
      assert.ok(fs.existsSync(fileOf(fresh.hash)));
      // Idempotent.
      assert.equal(await sweepImportReports(db(), store, 24), 0);
    });

    it('R-ORG-6 the sweep keeps a stored file that another record still refers to', async () => {
      const store = createFileStore(t.app.deps.config);
      const a = await refusedImport('SWEEP-SHARED');
      // A second report of the same content (the same bad sheet sent twice), still young.
      await db()
        .insertInto('import_report')
        .values({
          id: '00000000-0000-4000-8000-000000000001',
          kind: 'equipment',
          file_hash: a.hash,
          file_name: 'again.xlsx',
          error_count: 1,
          created_by_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await db()
        .updateTable('import_report')
        .set({ created_at: new Date(Date.now() - 48 * HOUR).toISOString() })
        .where('id', '=', a.id)
        .execute();
      assert.equal(await sweepImportReports(db(), store, 24), 1);
      assert.equal((await download(t, admin, `/api/imports/reports/${a.id}`)).status, 404);
      assert.ok(fs.existsSync(fileOf(a.hash)), 'still referred to');
      assert.ok(await storedFileRow(a.hash));
    });

    it('R-ORG-6 the periodic sweep (startSweeps) applies the configured retention', async () => {
      const r = await refusedImport('SWEEP-JOB');
      await db()
        .updateTable('import_report')
        .set({ created_at: new Date(Date.now() - 2 * HOUR).toISOString() })
        .where('id', '=', r.id)
        .execute();
      const log = { info() {}, error() {} } as unknown as Parameters<typeof startSweeps>[1];
      const sweeps = startSweeps(db(), log, { ...t.app.deps.config, FUWU_IMPORT_REPORT_HOURS: 1 }, 3_600_000);
      try {
        for (let i = 0; i < 100 && fs.existsSync(fileOf(r.hash)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        sweeps.stop();
      }
      assert.equal(fs.existsSync(fileOf(r.hash)), false);
      assert.equal((await download(t, admin, `/api/imports/reports/${r.id}`)).status, 404);
    });
  });
}
