import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { TFormColumn, TFormDocument } from './form-layout';

/*
 * Tests only: what poppler-utils read from a PDF — its text (pdftotext, in reading layout) and its
 * fonts (pdffonts: name, embedded, subset).
 */
const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fuwu-pdf-'));
  const file = path.join(dir, 'form.pdf');
  try {
    await fs.writeFile(file, pdf);
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The text of every page, pages separated by form feeds. */
export function pdfText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout);
}

export interface TPdfFont {
  name: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: Buffer): Promise<TPdfFont[]> {
  return withFile(pdf, async (file) => {
    const lines = (await run('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
    // name type… encoding emb sub uni object ID: the flags are the 5th–3rd columns from the end.
    return lines.map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes', subset: cols.at(-4) === 'yes' };
    });
  });
}

/** The text of the QR code printed on a page (first page unless named), read from a 150 dpi rendering; null when none is found. */
export function pdfQrText(pdf: Buffer, page = 1): Promise<string | null> {
  return withFile(pdf, async (file) => {
    const out = path.join(path.dirname(file), 'page');
    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, out]);
    const png = PNG.sync.read(await fs.readFile(`${out}.png`));
    return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
  });
}

/** Whether `text` holds `s`, whitespace aside (pdftotext joins CJK glyphs and drops the spaces between them). */
export function holdsText(text: string, s: string): boolean {
  const squash = (x: string) => x.replace(/\s+/g, '');
  return squash(text).includes(squash(s));
}

export const EQUIPMENT_COLUMNS: TFormColumn[] = [
  { label: '#', width: 1 },
  { label: '型号', width: 5 },
  { label: 'PN', width: 3 },
  { label: 'SN', width: 3 },
];

/** `n` rows of units: SN-ROW-000, SN-ROW-001… */
export const equipmentRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`${i + 1}`, `存储阵列 OceanStor ${i}`, `PN-${i}`, `SN-ROW-${String(i).padStart(3, '0')}`]);

/** A service request form as data: a customer, a description and `rows` units. */
export function sampleForm(over: Partial<TFormDocument> = {}, rows = 3): TFormDocument {
  return {
    locale: 'zh-CN',
    company: { name: '北京测试服务有限公司', logo: null },
    title: '服务要求单',
    number: 'SR-2026-00042',
    recordUrl: 'https://fuwu.example.cn/service-requests/42',
    meta: [{ label: '创建时间', value: '2026-12-07 10:00:00' }],
    sections: [
      {
        kind: 'fields',
        heading: '客户',
        fields: [
          { label: '客户', value: '上海华东数据有限公司' },
          { label: '故障描述', value: '阵列两块硬盘亮黄灯', wide: true },
        ],
      },
      { kind: 'table', heading: '设备', columns: EQUIPMENT_COLUMNS, rows: equipmentRows(rows) },
    ],
    ...over,
  };
}
