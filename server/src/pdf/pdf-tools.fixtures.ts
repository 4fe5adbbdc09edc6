import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

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

/** Whether `text` holds `s`, whitespace aside (pdftotext joins CJK glyphs and drops the spaces between them). */
export function holdsText(text: string, s: string): boolean {
  const squash = (x: string) => x.replace(/\s+/g, '');
  return squash(text).includes(squash(s));
}
