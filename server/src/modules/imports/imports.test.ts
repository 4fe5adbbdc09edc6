import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type ExcelJS from 'exceljs';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { download, importSheet, readWorkbook, sheetXlsx } from './imports.fixtures';

/** GBK bytes of `text` (Node can decode GB18030 but not encode it: the table is built by decoding every pair). */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

const EQUIPMENT_HEADER = ['合同编号', '产品类型', '品牌', '型号', 'SN', '数量', '保修开始', '保修结束'];

for (const engine of engines()) {
  describe(`imports (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    let contractNumber: string;
    let contractId: number;
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.admin();
      const c = await makeContract(t.app.deps.database.db, { number: `HT-IMP-${engine}` });
      contractNumber = c.number;
      contractId = c.id;
    });
    after(() => t.close());

    const unitCount = async () => (await admin.get(`/api/equipment?contractId=${contractId}&pageSize=1`)).body.total as number;

    it('R-GOODS-6 an equipment sheet with an SN twice and a bad date imports nothing and reports each row and field, in the report too', async () => {
      const sheet = await sheetXlsx([
        EQUIPMENT_HEADER,
        [contractNumber, '服务器', '华为', '2288H V6', 'DUP-SN-1', 1, '2026-01-01', '2029-01-01'],
        [contractNumber, '服务器', '华为', '2288H V6', 'OK-SN-2', 1, '2026-01-01', '2029-01-01'],
        [contractNumber, '服务器', '华为', '2288H V6', 'dup-sn-1', 1, '2026-01-01', '2029-01-01'],
        [contractNumber, '磁盘阵列', 'Dell', 'ME5024', 'OK-SN-4', 1, '2026-01-01', '2029-02-30'],
        ['HT-NO-SUCH', '交换机', 'H3C', 'S6850', 'OK-SN-5', 1, '', ''],
      ]);
      const r = await importSheet(admin, 'equipment', '设备.xlsx', sheet);
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.code, 'IMPORT_ROWS_INVALID');
      assert.equal(r.body.imported, 0);
      assert.equal(r.body.rows, 5);
      const at = (row: number, field: string) =>
        r.body.errors.find((e: { row: number; field: string }) => e.row === row && e.field === field);
      assert.match(at(4, 'sn')?.message ?? '', /同一品牌的序列号与第 2 行重复/);
      assert.equal(at(4, 'sn').column, 'SN');
      assert.ok(at(5, 'warrantyEnd'), 'the impossible date is reported');
      assert.ok(at(6, 'contractNumber'), 'the unknown contract is reported');
      assert.equal(r.body.errorCount, 3);
      assert.equal(await unitCount(), 0, 'nothing was imported');

      const report = await download(t, admin, `/api/imports/reports/${r.body.reportId}`);
      assert.equal(report.status, 200);
      assert.match(String(report.headers['content-disposition']), /attachment/);
      const ws = (await readWorkbook(report.body)).worksheets[0];
      const header = ws.getRow(1).values as unknown[];
      const errorCol = header.indexOf('错误 / Errors');
      assert.ok(errorCol > 0, 'the report has an errors column');
      assert.match(String(ws.getRow(4).getCell(errorCol).value), /SN：同一品牌的序列号/);
      assert.equal(ws.getRow(4).getCell(5).value, 'dup-sn-1', 'the uploaded value is kept');
      assert.equal((ws.getRow(4).getCell(5).fill as ExcelJS.FillPattern)?.fgColor?.argb, 'FFFFC7CE', 'the bad cell is highlighted');
      assert.equal(ws.getRow(3).getCell(errorCol).value ?? null, null, 'a good row has no error');

      const other = (await t.userWith(['sales'])).client;
      assert.equal((await download(t, other, `/api/imports/reports/${r.body.reportId}`)).status, 404, "another user's report is not found");
    });

    it('R-GOODS-6 a good equipment sheet imports every row in one go, audited and searchable; a dry run writes nothing', async () => {
      const rows = [
        EQUIPMENT_HEADER,
        ...[1, 2, 3].map((i) => [
          contractNumber,
          '服务器',
          '浪潮',
          `NF5280M6-${i}`,
          `GOOD-SN-${i}`,
          1,
          new Date('2026-02-01'),
          '2029/1/31',
        ]),
      ];
      const sheet = await sheetXlsx(rows);
      const dry = await importSheet(admin, 'equipment', 'good.xlsx', sheet, '?dryRun=true');
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual(
        { imported: dry.body.imported, counts: dry.body.counts, dryRun: dry.body.dryRun },
        { imported: 0, counts: { equipment: 3 }, dryRun: true },
      );
      assert.equal(await unitCount(), 0);

      const r = await importSheet(admin, 'equipment', 'good.xlsx', sheet);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.imported, 3);
      assert.equal(await unitCount(), 3);
      const unit = (await admin.get('/api/equipment/by-sn/good-sn-2')).body.items[0];
      assert.equal(unit.warrantyStart, '2026-02-01');
      assert.equal(unit.warrantyEnd, '2029-01-31');
      const found = await admin.get('/api/search?q=GOOD-SN-3&kinds=equipment');
      assert.equal(found.body.groups[0]?.items[0]?.id, unit.id + 1);
      const audit = await admin.get('/api/audit?entity=import');
      assert.equal(audit.body.items[0].after.counts.equipment, 3);
      assert.equal((await admin.get('/api/audit?entity=equipment&action=create')).body.total >= 3, true);

      const again = await importSheet(admin, 'equipment', 'good.xlsx', sheet);
      assert.equal(again.status, 422);
      assert.equal(again.body.errorCount, 3, 'R-GOODS-6: every SN is already registered');
      assert.equal(await unitCount(), 3);
    });

    it('R-ORG-6 customers with contacts import from CSV in UTF-8 with BOM and in GBK, Chinese intact, several phones per cell', async () => {
      const csv = (suffix: string) =>
        [
          '客户名称,行业,地区,联系人,职务,电话,邮箱',
          `上海第${suffix}人民医院,金融,上海,王工,信息科科长,"13800138000；021-6488 1234 转 8001",wang${suffix === '一' ? 1 : 2}@example.cn`,
          `上海第${suffix}人民医院,,,李工,,13900139000／010-88886666,`,
          `杭州${suffix}数据有限公司,,浙江,,,,`,
        ].join('\r\n');
      const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv('一'), 'utf8')]);
      const gbk = encodeGbk(csv('二'));
      for (const [name, content, suffix] of [
        ['customers-utf8.csv', utf8, '一'],
        ['customers-gbk.csv', gbk, '二'],
      ] as const) {
        const r = await importSheet(admin, 'customers', name, content);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.body.counts, { customers: 2, contacts: 2 });
        const list = await admin.get(`/api/customers?q=${encodeURIComponent(`上海第${suffix}人民医院`)}`);
        assert.equal(list.body.total, 1, `${name}: the Chinese name is intact`);
        const detail = (await admin.get(`/api/customers/${list.body.items[0].id}`)).body;
        assert.equal(detail.region, '上海');
        const wang = detail.contacts.find((c: { name: string }) => c.name === '王工');
        const li = detail.contacts.find((c: { name: string }) => c.name === '李工');
        assert.deepEqual(
          wang.phones.map((p: { number: string }) => p.number),
          ['13800138000', '02164881234'],
        );
        assert.equal(wang.phones[1].extension, '8001');
        assert.deepEqual(
          li.phones.map((p: { number: string }) => p.number),
          ['13900139000', '01088886666'],
        );
        assert.equal(wang.primary, true);
      }
      const byPhone = await admin.get('/api/customers/by-phone?phone=010-8888-6666');
      assert.equal(byPhone.status, 200);
      assert.equal(byPhone.body.items.length, 2, 'both imports made the number findable');
    });

    it('R-ORG-6 a customer sheet with a name already taken, a wrong phone or rows that disagree imports nothing', async () => {
      const sheet = await sheetXlsx([
        ['*客户名称\nCustomer name', '地区\nRegion', '联系人\nContact', '电话\nPhones'],
        ['上海第一人民医院', '上海', '赵工', '13700137000'],
        ['南京新客户', '江苏', '钱工', '没有号码'],
        ['南京新客户', '安徽', '孙工', '13600136000'],
      ]);
      const r = await importSheet(admin, 'customers', 'c.xlsx', sheet);
      assert.equal(r.status, 422, r.text);
      const fields = r.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
      assert.deepEqual(fields, ['2:name', '3:phones', '4:region']);
      assert.equal((await admin.get(`/api/customers?q=${encodeURIComponent('南京新客户')}`)).body.total, 0);
    });

    it('R-GOODS-6 R-ORG-6 rules only the owners check still come back as row errors, and nothing is written', async () => {
      const units = await importSheet(
        admin,
        'equipment',
        'qty.xlsx',
        await sheetXlsx([
          EQUIPMENT_HEADER,
          [contractNumber, '服务器', '曙光', 'I620-G30', 'QTY-SN-1', 1],
          [contractNumber, '服务器', '曙光', 'I620-G30', 'QTY-SN-2', 2],
        ]),
      );
      assert.equal(units.status, 422, units.text);
      assert.deepEqual(
        units.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [[3, 'quantity']],
      );
      assert.equal((await admin.get('/api/equipment/by-sn/QTY-SN-1')).body.items.length, 0);

      const customers = await importSheet(
        admin,
        'customers',
        'c.xlsx',
        await sheetXlsx([
          ['客户名称', '联系人'],
          ['无电话客户', '周工'],
        ]),
      );
      assert.equal(customers.status, 422, customers.text);
      assert.deepEqual(
        customers.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [[2, 'phones']],
      );
    });

    it('R-ORG-5 contracts refer to customers by name; amounts only from roles that may see prices', async () => {
      const header = ['合同编号', '客户名称', '服务类型', '状态', '签订日期', '结束日期', '合同金额（元）'];
      const rows = [
        ['HT-CSV-001', '上海第一人民医院', '现场维护服务；例行检查服务', '执行中', '2026-03-01', '2029-02-28', '1,280,000.50'],
        ['HT-CSV-002', '杭州一数据有限公司', 'consulting', 'draft', '', '', ''],
      ];
      const techManager = (await t.userWith(['tech_manager'])).client;
      const refused = await importSheet(techManager, 'contracts', 'contracts.xlsx', await sheetXlsx([header, ...rows]));
      assert.equal(refused.status, 422, refused.text);
      assert.deepEqual(
        refused.body.errors.map((e: { row: number; field: string; message: string }) => [e.row, e.field]),
        [[2, 'totalAmount']],
      );
      assert.match(refused.body.errors[0].message, /无权导入合同金额/);

      const sales = (await t.userWith(['sales'])).client;
      const bad = await importSheet(
        sales,
        'contracts',
        'contracts.xlsx',
        await sheetXlsx([header, ...rows, ['HT-CSV-003', '不存在的客户', '外包服务', '', '', '', '']]),
      );
      assert.equal(bad.status, 422);
      assert.deepEqual(
        bad.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [[4, 'customer']],
      );

      const ok = await importSheet(sales, 'contracts', 'contracts.xlsx', await sheetXlsx([header, ...rows]));
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.counts.contracts, 2);
      const found = (await sales.get('/api/contracts?q=HT-CSV-001')).body.items[0];
      assert.deepEqual(found.serviceKinds, ['onsite_maintenance', 'routine_inspection']);
      assert.equal(found.status, 'active');
      assert.equal(found.totalAmount, 128_000_050);
      assert.equal(found.customer.name, '上海第一人民医院');

      const engineer = (await t.userWith(['engineer'])).client;
      assert.equal((await importSheet(engineer, 'contracts', 'x.xlsx', await sheetXlsx([header, ...rows]))).status, 403);
    });

    it('R-FLOW-2 templates download with zh/en headers, the example and the dropdowns; an untouched template has no rows', async () => {
      for (const [kind, expected] of [
        ['equipment', ['*合同编号\nContract number', '序列号\nSerial number']],
        ['customers', ['*客户名称\nCustomer name', '电话\nPhones']],
        ['contracts', ['*服务类型\nService kinds', '合同金额（元）\nAmount (CNY)']],
      ] as const) {
        const r = await download(t, admin, `/api/imports/templates/${kind}`);
        assert.equal(r.status, 200);
        assert.match(String(r.headers['content-type']), /spreadsheetml/);
        const wb = await readWorkbook(r.body);
        const headers = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
        for (const h of expected) assert.ok(headers.includes(h), `${kind}: ${h}`);
        assert.ok(wb.worksheets[1].getRow(2).cellCount > 0, `${kind}: the example row`);
      }
      const contracts = await readWorkbook((await download(t, admin, '/api/imports/templates/contracts')).body);
      const kinds = contracts.getWorksheet('选项 Lists');
      assert.ok(kinds, 'the dropdown values have a sheet');
      const untouched = await importSheet(
        admin,
        'equipment',
        'template.xlsx',
        (await download(t, admin, '/api/imports/templates/equipment')).body,
      );
      assert.equal(untouched.status, 400);
      assert.equal(untouched.body.code, 'IMPORT_NO_ROWS');
    });

    it('R-GOODS-6 a filled-in template imports (two-line headers, dates typed as text)', async () => {
      const wb = await readWorkbook((await download(t, admin, '/api/imports/templates/equipment')).body);
      const ws = wb.worksheets[0];
      ws.addRow([contractNumber, '交换机', 'H3C', 'S6850', null, 'TPL-SN-1', 1, '上海', '2026年3月1日', '2029.2.28']);
      const r = await importSheet(admin, 'equipment', 'filled.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      assert.equal(r.status, 200, r.text);
      const unit = (await admin.get('/api/equipment/by-sn/TPL-SN-1')).body.items[0];
      assert.equal(unit.warrantyStart, '2026-03-01');
      assert.equal(unit.warrantyEnd, '2029-02-28');
      assert.equal(unit.site, '上海');
    });

    it('refuses a file that is not a sheet and an unknown kind', async () => {
      const pdfLike = await importSheet(
        admin,
        'equipment',
        'x.png',
        Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
      );
      assert.equal(pdfLike.status, 400);
      assert.equal(pdfLike.body.code, 'IMPORT_FILE_TYPE');
      assert.equal((await importSheet(admin, 'invoices', 'x.xlsx', await sheetXlsx([['a'], ['b']]))).status, 400);
    });
  });
}
