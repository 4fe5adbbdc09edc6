import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { storedZip } from '../modules/files/files.fixtures';
import { CsvParser } from './csv';
import { readTable } from './read-table';
import { IMPORT_SHEET_LIMITS, SheetLimitError, type SheetLimits } from './sheet-limits';

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
    const table = await readTable(file, 'xlsx');
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
      const table = await readTable(file, 'xlsx');
      assert.equal(table.rows.length, 2, `read ${i}`);
      assert.equal(table.rows[0].cells[1], 'SN-1', `read ${i}`);
    }
  });

  it('R-ORG-6 an .xlsx with zip64 records (as Apache POI writes small files too) is read', async () => {
    const original = await JSZip.loadAsync(fs.readFileSync(await workbookFile('plain.xlsx', [])));
    const parts: Record<string, string> = {};
    for (const f of Object.values(original.files)) if (!f.dir) parts[f.name] = await f.async('string');
    const file = path.join(dir, 'zip64.xlsx');
    fs.writeFileSync(file, storedZip(parts, { zip64: true }));
    const table = await readTable(file, 'xlsx');
    assert.equal(table.headers[0], '合同编号');
    assert.deepEqual(
      table.rows.map((r) => r.cells[1]),
      ['SN-1', 'SN-2'],
    );
  });

  it('R-ORG-6 the first tab is read, even when its part is sheet2.xml', async () => {
    const file = await workbookFile('tabs-reordered.xlsx', []);
    const table = await readTable(file, 'xlsx');
    assert.equal(table.headers[0], '合同编号');
    assert.equal(table.rows.length, 2);
  });
});

/** The sheet XML of `rows` (each `[ref, text]` cells), in an exceljs workbook re-zipped by JSZip. */
async function xlsxFile(name: string, rows: [string, string][][], extra: Record<string, string> = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('数据').addRow(['x']);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const xml = rows
    .map((cells) => {
      const r = /\d+$/.exec(cells[0][0])?.[0];
      return `<row r="${r}">${cells.map(([ref, text]) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`;
    })
    .join('');
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', sheet.replace(/<sheetData>.*<\/sheetData>/s, `<sheetData>${xml}</sheetData>`));
  for (const [part, text] of Object.entries(extra)) zip.file(part, text);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

async function refusal(read: Promise<unknown>): Promise<{ code: string; en: string; zh: string }> {
  try {
    await read;
  } catch (err) {
    assert.ok(err instanceof SheetLimitError, String(err));
    return { code: err.code, en: err.detail.en, zh: err.detail.zh };
  }
  assert.fail('the sheet was read');
}

const limits = (l: Partial<SheetLimits>): SheetLimits => ({ ...IMPORT_SHEET_LIMITS, ...l });

describe('the limits of a sheet read', () => {
  it('rows past the row limit, the last row and the last column are refused naming them; trailing empty cells are dropped', async () => {
    const header: [string, string][] = [['A1', '合同编号']];
    const rows = (n: number) => Array.from({ length: n }, (_v, i): [string, string][] => [[`A${i + 2}`, `HT-${i}`]]);
    const ok = await xlsxFile('ok.xlsx', [header, ...rows(3)]);
    assert.equal((await readTable(ok, 'xlsx', limits({ maxRows: 3 }))).rows.length, 3);
    assert.deepEqual(await refusal(readTable(ok, 'xlsx', limits({ maxRows: 2 }))), {
      code: 'IMPORT_TOO_MANY_ROWS',
      zh: '最多 2 行',
      en: 'at most 2 rows',
    });
    const far = await xlsxFile('far.xlsx', [header, [['A41', 'x']]]);
    assert.equal(
      (await refusal(readTable(far, 'xlsx', limits({ maxRowNumber: 40 })))).en,
      'the sheet reaches row 41, past the last row read (row 40)',
    );
    const wide = await xlsxFile('wide.xlsx', [
      header,
      [
        ['A2', 'x'],
        ['AB2', 'y'],
      ],
    ]);
    assert.deepEqual(await refusal(readTable(wide, 'xlsx', limits({ maxColumns: 27 }))), {
      code: 'IMPORT_COLUMN_BEYOND_LIMIT',
      zh: '工作表延伸到单元格 AB2，超出导入范围（最多 27 列）',
      en: 'the sheet reaches cell AB2, past the last column read (column 27)',
    });
    const table = await readTable(wide, 'xlsx', limits({ maxColumns: 28 }));
    assert.equal(table.rows[0].cells.length, 28);
    assert.deepEqual(table.headers, ['合同编号'], 'no empty header cells after the last one');
  });

  it('a cell longer than a cell may hold, and more text in all than allowed, are refused', async () => {
    const file = await xlsxFile('long.xlsx', [
      [['A1', '合同编号']],
      [
        ['A2', 'x'.repeat(50)],
        ['B2', 'y'.repeat(50)],
      ],
    ]);
    assert.deepEqual(await refusal(readTable(file, 'xlsx', limits({ maxCellChars: 49 }))), {
      code: 'IMPORT_CELL_TOO_LONG',
      zh: '单元格 A2 超过 49 个字符',
      en: 'cell A2 holds more than 49 characters',
    });
    assert.equal((await refusal(readTable(file, 'xlsx', limits({ maxTextChars: 99 })))).code, 'IMPORT_CONTENT_TOO_LARGE');
    assert.equal((await readTable(file, 'xlsx', limits({ maxCellChars: 50, maxTextChars: 104 }))).rows.length, 1);
  });

  it('a part, or all the parts read, inflating past their caps are refused naming the cap, whatever the archive declares', async () => {
    const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'z'.repeat(3000)}</t></si></sst>`;
    const file = await xlsxFile('parts.xlsx', [[['A1', '合同编号']]], { 'xl/sharedStrings.xml': strings });
    const mb = 1024 * 1024;
    assert.deepEqual(await refusal(readTable(file, 'xlsx', limits({ maxPartBytes: 2000 }))), {
      code: 'IMPORT_CONTENT_TOO_LARGE',
      zh: 'xl/sharedStrings.xml 解压后超过 0 MB',
      en: 'xl/sharedStrings.xml unzips to more than 0 MB',
    });
    assert.equal(
      (await refusal(readTable(file, 'xlsx', limits({ maxUnzippedBytes: 4000 })))).en,
      'the parts read unzip to more than 0 MB in all',
    );
    assert.equal(
      (await refusal(readTable(file, 'xlsx', limits({ maxCellChars: 100 })))).en,
      'a text is longer than 100 characters (the limit of a cell)',
    );
    assert.equal((await readTable(file, 'xlsx', limits({ maxPartBytes: mb, maxUnzippedBytes: mb }))).headers[0], '合同编号');
  });

  it('rows out of order (no spreadsheet program writes them so) make the file unreadable, not a broken report', async () => {
    const file = await xlsxFile('order.xlsx', [[['A1', '合同编号']], [['A5', 'x']], [['A3', 'y']]]);
    await assert.rejects(readTable(file, 'xlsx'), /out of order/);
  });

  it('a CSV reads the same whatever pieces its text arrives in (quotes, "" and CRLF split across pieces)', () => {
    const text = 'a;b;"c\r\nd"\r\n"x""y";"";z\r\n\r\n1;2;3\n"open';
    const whole = new CsvParser(IMPORT_SHEET_LIMITS);
    const expected = [...whole.push(text), ...whole.end()];
    assert.deepEqual(expected, [['a', 'b', 'c\r\nd'], ['x"y', '', 'z'], [''], ['1', '2', '3'], ['open']]);
    for (let size = 1; size <= 5; size++) {
      const parser = new CsvParser(IMPORT_SHEET_LIMITS);
      const rows: string[][] = [];
      for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
      rows.push(...parser.end());
      assert.deepEqual(rows, expected, `pieces of ${size}`);
    }
  });

  it('a CSV is refused at the first record past the last row, field past the last column, or field longer than a cell', async () => {
    const csv = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    const lines = csv('lines.csv', `a,b\n${'\n'.repeat(100)}`);
    assert.equal(
      (await refusal(readTable(lines, 'csv', limits({ maxRowNumber: 50 })))).en,
      'the sheet reaches row 51, past the last row read (row 50)',
    );
    const wide = csv('wide.csv', 'a,b,c,d\n1,2,3,4\n');
    assert.equal(
      (await refusal(readTable(wide, 'csv', limits({ maxColumns: 3 })))).en,
      'the sheet reaches cell D1, past the last column read (column 3)',
    );
    const long = csv('long.csv', `a,b\n1,${'x'.repeat(200)}\n`);
    assert.equal((await refusal(readTable(long, 'csv', limits({ maxCellChars: 100 })))).en, 'cell B2 holds more than 100 characters');
    assert.deepEqual((await readTable(long, 'csv')).rows[0].cells, ['1', 'x'.repeat(200)]);
  });
});
