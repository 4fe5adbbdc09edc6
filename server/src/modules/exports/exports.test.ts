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

/** The row-2 cell under the header `header`. */
function cellUnder(ws: ExcelJS.Worksheet, header: string): ExcelJS.Cell {
  const col = headersOf(ws).indexOf(header);
  assert.ok(col >= 0, `no column ${header} in ${headersOf(ws).join(', ')}`);
  return ws.getRow(2).getCell(col + 1);
}

/**
 * The service-request export of a request planned for one known instant, read back, in the app's
 * zone and the reader's language: dates are date-time cells on the zone's wall clock, codes are words.
 */
async function exportedPlannedStart(t: TestApp, locale: 'zh-CN' | 'en') {
  const manager = (await t.userWith(['tech_manager'])).client;
  assert.equal((await manager.patch('/api/me/preferences', { locale })).status, 200);
  const c = await makeContract(t.app.deps.database.db, {
    status: 'active',
    commitments: { coverage: { kind: '7x24' }, responseHours: 1, resolutionHours: 8 },
  });
  const sr = await manager.post('/api/service-requests', {
    kind: 'emergency_repair',
    customerId: c.customer.id,
    contractId: c.id,
    contactName: '赵立新',
    contactPhone: '139 1001 2001',
    siteAddress: '北京市西城区金融大街 18 号',
    description: '存储阵列告警',
    plannedStart: '2026-12-07T01:00:00.000Z',
  });
  assert.equal(sr.status, 201, sr.text);
  const x = await download(t, manager, `/api/service-requests/export.xlsx?customerId=${c.customer.id}`);
  assert.equal(x.status, 200);
  return (await readWorkbook(x.body)).worksheets[0];
}

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

    it('a service-request export writes instants as date-time cells on the company clock (Asia/Shanghai) and states in words', async () => {
      const ws = await exportedPlannedStart(t, 'zh-CN');
      const planned = cellUnder(ws, '计划开始');
      assert.ok(planned.value instanceof Date, `a date cell, not ${JSON.stringify(planned.value)}`);
      // 01:00 UTC is 09:00 in Shanghai; Excel shows the cell's own fields, so they are the wall clock.
      assert.equal(planned.value.toISOString(), '2026-12-07T09:00:00.000Z');
      assert.equal(planned.numFmt, 'yyyy-mm-dd hh:mm');
      assert.ok(cellUnder(ws, '创建时间').value instanceof Date);
      assert.equal(cellUnder(ws, '状态').value, '草稿');
      assert.equal(cellUnder(ws, '类型').value, '突发响应保修');
    });

    it('in another company zone (America/New_York) the same instant is that zone’s wall clock, and an English reader gets English words', async () => {
      const ny = await startTestApp(engine, { FUWU_TIMEZONE: 'America/New_York' });
      try {
        const ws = await exportedPlannedStart(ny, 'en');
        const planned = cellUnder(ws, 'Planned start');
        assert.ok(planned.value instanceof Date);
        assert.equal(planned.value.toISOString(), '2026-12-06T20:00:00.000Z');
        assert.equal(cellUnder(ws, 'State').value, 'Draft');
        const sla = cellUnder(ws, 'SLA').value;
        assert.ok(sla === null || ['Running', 'At risk', 'Breached'].includes(String(sla)), `SLA in words, not ${sla}`);
      } finally {
        await ny.close();
      }
    });
  });
}
