import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type ExcelJS from 'exceljs';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { makeCustomer } from '../customers/customers.fixtures';
import { multipartBody, samplePdf } from '../files/files.fixtures';
import { download, importSheet, readWorkbook, sheetXlsx } from '../imports/imports.fixtures';
import { EXPORT_BATCH_SIZE } from './exports.service';

/** Every cell of a sheet as text, for scanning a file for a value that must not be there. */
function allCells(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      out.push(String(cell.value instanceof Date ? cell.value.toISOString() : cell.value));
    });
  });
  return out;
}

const headersOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String);

for (const engine of engines()) {
  describe(`exports (${engine})`, () => {
    let t: TestApp;
    let sales: Client;
    let engineer: Client;
    let contract: { id: number; number: string; customer: { id: number; name: string } };
    /** A contract amount no other number in the files could be: 9 876 543.21 yuan. */
    const CANARY_FEN = 987_654_321;

    before(async () => {
      t = await startTestApp(engine);
      sales = (await t.userWith(['sales'])).client;
      engineer = (await t.userWith(['engineer'])).client;
      const db = t.app.deps.database.db;
      const industryId = (await sales.get('/api/industries')).body.items.find((i: { code: string }) => i.code === 'healthcare').id;
      const customer = await makeCustomer(db, { name: '导出测试医院', industryId });
      contract = await makeContract(db, { customerId: customer.id, number: `HT-EXP-${engine}`, totalAmount: CANARY_FEN });
    });
    after(() => t.close());

    it('R-ORG-5 an engineer’s contract export has no amount column and no amount anywhere; sales’s has it', async () => {
      const eng = await download(t, engineer, `/api/exports/contracts?customerId=${contract.customer.id}`);
      assert.equal(eng.status, 200);
      assert.match(String(eng.headers['content-disposition']), /attachment/);
      const engSheet = (await readWorkbook(eng.body)).worksheets[0];
      assert.ok(!headersOf(engSheet).some((h) => /金额|Amount/.test(h)), 'no amount column');
      const cells = allCells(engSheet);
      assert.ok(cells.includes(contract.number));
      for (const c of cells) assert.ok(!/9876543|987654321/.test(c.replace(/,/g, '')), `canary in ${c}`);

      const s = await download(t, sales, `/api/exports/contracts?customerId=${contract.customer.id}`);
      const salesSheet = (await readWorkbook(s.body)).worksheets[0];
      const col = headersOf(salesSheet).indexOf('合同金额（元）') + 1;
      assert.ok(col > 0, 'sales sees the amount column');
      assert.equal(salesSheet.getRow(2).getCell(col).value, 9_876_543.21);
      assert.equal(salesSheet.getRow(2).getCell(col).numFmt, '#,##0.00');
    });

    it(`R-GOODS-6 an equipment export of 2,500 units (more than one batch of ${EXPORT_BATCH_SIZE}) is complete and can be imported again`, async () => {
      const admin = await t.admin();
      const header = ['合同编号', '产品类型', '品牌', '型号', '序列号'];
      const rows = Array.from({ length: 2500 }, (_v, i) => [
        contract.number,
        '硬盘',
        'Seagate',
        'ST4000NM',
        `EXP-${String(i).padStart(5, '0')}`,
      ]);
      const imported = await importSheet(admin, 'equipment', 'disks.xlsx', await sheetXlsx([header, ...rows]));
      assert.equal(imported.status, 200, imported.text);
      assert.equal(imported.body.imported, 2500);

      const r = await download(t, engineer, `/api/exports/equipment?contractId=${contract.id}`);
      assert.equal(r.status, 200);
      const ws = (await readWorkbook(r.body)).worksheets[0];
      assert.equal(ws.actualRowCount, 2501);
      const snCol = headersOf(ws).indexOf('序列号') + 1;
      const sns = new Set<string>();
      for (let i = 2; i <= 2501; i++) sns.add(String(ws.getRow(i).getCell(snCol).value));
      assert.equal(sns.size, 2500);
      assert.ok(sns.has('EXP-00000') && sns.has('EXP-02499'));

      const filtered = await download(t, engineer, `/api/exports/equipment?contractId=${contract.id}&q=EXP-0249`);
      assert.equal((await readWorkbook(filtered.body)).worksheets[0].actualRowCount, 11, 'the list filters apply');
    });

    it('R-ORG-5 R-ORG-6 the archive index lists documents by industry, customer and contract; the original contract only for sales', async () => {
      const pdf = await samplePdf();
      for (const [type, title] of [
        ['original_contract', '合同原件（含价格）'],
        ['masked_contract', '合同副本'],
      ]) {
        const { payload, headers } = multipartBody({ contractId: String(contract.id), type, title }, { name: `${type}.pdf`, content: pdf });
        const r = await sales.request('POST', '/api/documents', payload, headers);
        assert.equal(r.status, 201, r.text);
      }
      const titles = async (client: Client) => {
        const ws = (await readWorkbook((await download(t, client, `/api/exports/archive-index?contract=${contract.id}`)).body))
          .worksheets[0];
        const h = headersOf(ws);
        assert.deepEqual(h.slice(0, 5), ['行业', '客户名称', '合同编号', '文档类型', '标题']);
        const rows: string[][] = [];
        for (let i = 2; i <= ws.actualRowCount; i++) rows.push((ws.getRow(i).values as unknown[]).slice(1, 6).map((v) => String(v ?? '')));
        return rows;
      };
      const forSales = await titles(sales);
      assert.deepEqual(forSales.map((r) => r[4]).sort(), ['合同原件（含价格）', '合同副本'].sort());
      assert.equal(forSales[0][1], contract.customer.name);
      assert.equal(forSales[0][2], contract.number);
      assert.equal(forSales[0][0], '医疗', 'R-ORG-6: the industry is given');
      const forEngineer = await titles(engineer);
      assert.deepEqual(
        forEngineer.map((r) => r[4]),
        ['合同副本'],
      );
    });

    it('exports need the read permission of their list', async () => {
      const receiver = (await t.userWith(['receiver'])).client;
      assert.equal((await download(t, receiver, '/api/exports/archive-index')).status, 403);
      assert.equal((await download(t, receiver, '/api/exports/equipment')).status, 200);
      assert.equal((await download(t, t.client(), '/api/exports/contracts')).status, 401);
    });
  });
}
