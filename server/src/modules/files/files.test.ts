import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { ContentSniffer, classifyContent, safeContentType, type TClassification } from './content-sniffer';
import { attachmentDisposition, MAX_FILE_NAME_LENGTH, sanitizeFileName } from './file-names';
import { LocalFileStore } from './file-store';
import { SAMPLE_PNG, sampleDocx, sampleOdt, samplePdf, sampleXlsx, storedZip } from './files.fixtures';
import { readZipEntryNames } from './zip-entries';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-files-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Sniff a buffer as an upload would be sniffed, chunk by chunk. */
async function classify(content: Buffer, extension: string, chunk = 7): Promise<TClassification> {
  const sniffer = new ContentSniffer();
  for (let i = 0; i < content.length; i += chunk) sniffer.update(content.subarray(i, i + chunk));
  const file = path.join(tmp, `c-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(file, content);
  return classifyContent(sniffer.finish(), extension, () => readZipEntryNames(file));
}

const kindOf = async (content: Buffer, ext: string) => {
  const r = await classify(content, ext);
  return r.ok ? r.kind : `refused:${r.refusal}`;
};

describe('file type sniffing', () => {
  it('R-FLOW-2 recognises each accepted kind from its content', async () => {
    assert.equal(await kindOf(await samplePdf(), 'pdf'), 'pdf');
    assert.equal(await kindOf(SAMPLE_PNG, 'png'), 'png');
    assert.equal(await kindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'jpg'), 'jpeg');
    assert.equal(await kindOf(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'gif'), 'gif');
    assert.equal(await kindOf(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), 'webp'), 'webp');
    assert.equal(await kindOf(Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), 'tif'), 'tiff');
    assert.equal(await kindOf(await sampleXlsx(), 'xlsx'), 'xlsx');
    assert.equal(await kindOf(sampleDocx(), 'docx'), 'docx');
    assert.equal(await kindOf(sampleOdt(), 'odt'), 'odt');
    assert.equal(await kindOf(storedZip({ 'a.txt': 'x' }), 'zip'), 'zip');
    assert.equal(await kindOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'xls'), 'xls');
    assert.equal(await kindOf(Buffer.from('型号,SN\nDL380,CN123\n'), 'csv'), 'text');
  });

  it('R-FLOW-2 text is UTF-8 or GB18030 without NULs, served as text/plain with its charset', async () => {
    const utf8 = await classify(Buffer.from('硬盘更换记录\r\n'), 'txt', 1);
    assert.deepEqual(utf8, { ok: true, kind: 'text', mime: 'text/plain; charset=utf-8', extension: 'txt' });
    // 你好 in GB18030 (not valid UTF-8)
    const gb = await classify(Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]), 'txt');
    assert.deepEqual(gb, { ok: true, kind: 'text', mime: 'text/plain; charset=gb18030', extension: 'txt' });
    assert.equal(await kindOf(Buffer.from('abc\u0000def'), 'txt'), 'refused:unsupported');
    assert.equal(await kindOf(randomBytes(256), 'txt'), 'refused:unsupported');
  });

  it('R-FLOW-2 refuses HTML, SVG, XML, scripts and executables whatever they are named', async () => {
    const forbidden = async (content: string | Buffer, ext: string) =>
      assert.equal(await kindOf(typeof content === 'string' ? Buffer.from(content) : content, ext), 'refused:forbidden', `${ext}`);
    await forbidden('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', 'pdf');
    await forbidden('\ufeff  <html><body>hi</body></html>', 'txt');
    await forbidden('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'png');
    await forbidden('<?xml version="1.0"?><a/>', 'txt');
    await forbidden('合同说明\n<script>alert(1)</script>', 'txt');
    await forbidden('#!/bin/sh\nrm -rf /\n', 'txt');
    await forbidden(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'pdf');
    await forbidden(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'doc');
    await forbidden('plain words', 'html');
    await forbidden(await samplePdf(), 'svg');
  });

  it('R-FLOW-2 a declared extension that contradicts the content is refused; no extension takes the usual one', async () => {
    assert.equal(await kindOf(SAMPLE_PNG, 'pdf'), 'refused:mismatch');
    assert.equal(await kindOf(await samplePdf(), 'docx'), 'refused:mismatch');
    assert.equal(await kindOf(sampleDocx(), 'xlsx'), 'refused:mismatch');
    assert.equal(await kindOf(Buffer.from('hello'), 'pdf'), 'refused:mismatch');
    assert.equal(await kindOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'pdf'), 'refused:mismatch');
    const bare = await classify(await samplePdf(), '');
    assert.ok(bare.ok && bare.extension === 'pdf');
  });

  it('R-FLOW-2 serves only safe content types', () => {
    assert.equal(safeContentType('application/pdf'), 'application/pdf');
    assert.equal(safeContentType('text/plain; charset=gb18030'), 'text/plain; charset=gb18030');
    assert.equal(safeContentType('text/plain'), 'text/plain; charset=utf-8');
    assert.equal(safeContentType('text/html'), 'application/octet-stream');
    assert.equal(safeContentType('image/svg+xml'), 'application/octet-stream');
  });
});

describe('file names', () => {
  it('R-FLOW-2 strips path parts, control and reserved characters; keeps Chinese; caps the length', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('C:\\x\\y.pdf'), 'y.pdf');
    assert.equal(sanitizeFileName('验收报告（终版）.pdf'), '验收报告（终版）.pdf');
    assert.equal(sanitizeFileName('a\u0000b\u0007c\n.txt'), 'abc.txt');
    assert.equal(sanitizeFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(sanitizeFileName('a<b>c:d|e?f*g".pdf'), 'a_b_c_d_e_f_g_.pdf');
    assert.equal(sanitizeFileName('..'), 'file');
    assert.equal(sanitizeFileName(''), 'file');
    assert.equal(sanitizeFileName('   '), 'file');
    assert.equal(sanitizeFileName('.htaccess'), 'htaccess');
    assert.equal(sanitizeFileName('CON.txt'), '_CON.txt');
    const long = sanitizeFileName(`${'很长的文件名'.repeat(50)}.pdf`);
    assert.equal([...long].length, MAX_FILE_NAME_LENGTH);
    assert.ok(long.endsWith('.pdf'));
  });

  it('R-FLOW-2 downloads carry an ASCII fallback and the UTF-8 name', () => {
    assert.equal(
      attachmentDisposition('验收报告 (1).pdf'),
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A%20%281%29.pdf`,
    );
  });
});

describe('local file store', () => {
  const root = path.join(tmp, 'files');
  const staging = path.join(tmp, 'staging');
  const store = new LocalFileStore(root, staging);

  it('R-FLOW-2 keeps content once, under ab/cd/<sha256>, and streams it back', async () => {
    const content = Buffer.from('同一份内容');
    const a = await store.put(Readable.from([content]));
    const b = await store.put(Readable.from([content.subarray(0, 3), content.subarray(3)]));
    assert.deepEqual(a, b);
    assert.equal(a.size, content.length);
    const file = path.join(root, a.hash.slice(0, 2), a.hash.slice(2, 4), a.hash);
    assert.deepEqual(fs.readFileSync(file), content);
    assert.equal(await store.exists(a.hash), true);
    const chunks: Buffer[] = [];
    for await (const c of await store.open(a.hash)) chunks.push(c as Buffer);
    assert.deepEqual(Buffer.concat(chunks), content);
    assert.deepEqual(fs.readdirSync(staging), []);
  });

  it('R-FLOW-2 a discarded or failed staging leaves nothing; bad hashes are not found', async () => {
    const staged = await store.stage(Readable.from([Buffer.from('x')]));
    await store.discard(staged);
    await store.discard(staged);
    await assert.rejects(
      store.stage(Readable.from([Buffer.from('abc')]), () => {
        throw new Error('too big');
      }),
      /too big/,
    );
    assert.deepEqual(fs.readdirSync(staging), []);
    assert.equal(await store.exists(staged.hash), false);
    await assert.rejects(store.open('../../etc/passwd'), { code: 'NOT_FOUND' });
    await assert.rejects(store.open('0'.repeat(64)), { code: 'NOT_FOUND' });
  });
});
