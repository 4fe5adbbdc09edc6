import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Client, TestApp } from '../../testing/test-app';
import { deflatedZip, multipartBody } from '../files/files.fixtures';

/* Tests only: sheets to upload and downloads to read back. */

/** Tests: an .xlsx whose first sheet holds these rows (the first is the header). */
export async function sheetXlsx(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Tests: POST a sheet to /api/imports/:kind as the web UI does. */
export function importSheet(client: Client, kind: string, name: string, content: Buffer, query = '') {
  const { payload, headers } = multipartBody({}, { name, content });
  return client.request('POST', `/api/imports/${kind}${query}`, payload, headers);
}

/** Tests: a download's bytes (the JSON client would decode them as text). */
export async function download(t: TestApp, client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Tests: the parts of an exceljs workbook whose first sheet holds one text cell, as text. */
async function workbookParts(): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(await sheetXlsx([['合同编号']]));
  const parts: Record<string, string> = {};
  for (const file of Object.values(zip.files)) if (!file.dir) parts[file.name] = await file.async('string');
  return parts;
}

/** Tests: an .xlsx whose first sheet's rows are this XML (`<row r="…">…</row>…`), zipped by JSZip. */
export async function xlsxWithRows(rowsXml: string): Promise<Buffer> {
  const parts = await workbookParts();
  const zip = new JSZip();
  for (const [name, text] of Object.entries(parts))
    zip.file(
      name,
      name === 'xl/worksheets/sheet1.xml' ? text.replace(/<sheetData>.*<\/sheetData>/s, `<sheetData>${rowsXml}</sheetData>`) : text,
    );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Tests: an inline-string cell of sheet XML. */
export function inlineCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/**
 * Tests: an .xlsx whose first cell is a shared string of `megabytes` MB (one text, or texts of
 * `piece` characters each), deflated to a few hundred KB; never held whole in memory.
 */
export async function xlsxWithSharedStrings(megabytes: number, piece?: number): Promise<Buffer> {
  const parts = await workbookParts();
  const mb = 'x'.repeat(1024 * 1024);
  function* strings(): Generator<string> {
    yield '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>';
    if (piece === undefined) for (let i = 0; i < megabytes; i++) yield mb;
    else {
      const text = `${'x'.repeat(piece)}</t></si><si><t>`;
      for (let size = 0; size < megabytes * 1024 * 1024; size += text.length) yield text;
    }
    yield '</t></si></sst>';
  }
  parts['xl/worksheets/sheet1.xml'] = parts['xl/worksheets/sheet1.xml'].replace(
    /<sheetData>.*<\/sheetData>/s,
    '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
  );
  return deflatedZip({ ...parts, 'xl/sharedStrings.xml': strings() });
}
