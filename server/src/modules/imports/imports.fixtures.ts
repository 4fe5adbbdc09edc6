import ExcelJS from 'exceljs';
import type { Client, TestApp } from '../../testing/test-app';
import { multipartBody } from '../files/files.fixtures';

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
