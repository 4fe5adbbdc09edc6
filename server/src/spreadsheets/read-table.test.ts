import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readTable } from './read-table';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-read-table-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A two-tab workbook, the help tab's part written first (sheet1.xml) and the data tab listed first,
 * its parts re-zipped in `order` (names first, the rest after).
 */
async function workbookFile(name: string, order: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明 Help').addRow(['只读第一张表', 'only the first tab is read']);
  const ws = wb.addWorksheet('设备 Equipment');
  ws.addRow(['合同编号', '序列号', '保修开始']);
  ws.addRow(['HT-2026-001', 'SN-1', new Date(Date.UTC(2026, 2, 1))]);
  ws.addRow(['HT-2026-001', 'SN-2', new Date(Date.UTC(2026, 2, 2))]);
  const original = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const names = Object.keys(original.files).filter((n) => !original.files[n].dir);
  const ordered = [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
  const rezipped = new JSZip();
  for (const n of ordered) {
    let content = await original.file(n)!.async('string');
    // The data tab first in the workbook's tab order, though its part is sheet2.xml.
    if (n === 'xl/workbook.xml') content = content.replace(/(<sheet [^>]*\/>)(<sheet [^>]*\/>)/, '$2$1');
    rezipped.file(n, content);
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, await rezipped.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

describe('reading an uploaded sheet', () => {
  it('R-GOODS-6 R-ORG-6 an .xlsx is read whatever the order of its parts (shared strings before the sheet, workbook last)', async () => {
    // The order in which exceljs' own streaming reader parsed the sheet before it knew the workbook.
    const file = await workbookFile('shared-strings-first.xlsx', [
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const table = await readTable(file, 'xlsx', 100);
    assert.deepEqual(table.headers, ['合同编号', '序列号', '保修开始']);
    assert.deepEqual(
      table.rows.map((r) => r.cells.slice(0, 2)),
      [
        ['HT-2026-001', 'SN-1'],
        ['HT-2026-001', 'SN-2'],
      ],
    );
    assert.ok(table.rows[1].cells[2] instanceof Date, 'the date cell is a date (styles were read first)');
    assert.equal((table.rows[1].cells[2] as Date).toISOString().slice(0, 10), '2026-03-02');
  });

  it('R-GOODS-6 R-ORG-6 the same rows come back, read many times, when the workbook part comes last (as exceljs writes it)', async () => {
    const file = await workbookFile('workbook-last.xlsx', ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']);
    for (let i = 0; i < 50; i++) {
      const table = await readTable(file, 'xlsx', 100);
      assert.equal(table.rows.length, 2, `read ${i}`);
      assert.equal(table.rows[0].cells[1], 'SN-1', `read ${i}`);
    }
  });

  it('R-ORG-6 the first tab is read, even when its part is sheet2.xml', async () => {
    const file = await workbookFile('tabs-reordered.xlsx', []);
    const table = await readTable(file, 'xlsx', 100);
    assert.equal(table.headers[0], '合同编号');
    assert.equal(table.rows.length, 2);
  });
});
