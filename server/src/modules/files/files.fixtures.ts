import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/*
 * Tests only: real files of each accepted kind, and multipart bodies built by hand as a
 * browser sends them.
 */

export interface MultipartFile {
  name: string;
  content: Buffer;
  /** What the browser claims; the server ignores it and sniffs the content. */
  type?: string;
  field?: string;
}

/** A multipart/form-data body with text fields and files, and its content-type header. */
export function multipartBody(
  fields: Record<string, string>,
  ...files: MultipartFile[]
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----fuwu${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    // Browsers send the name as UTF-8 in quotes, escaping only the quote.
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name.replace(/"/g, '%22')}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`;
    chunks.push(Buffer.from(head), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A one-page PDF written by pdfkit. */
export function samplePdf(text = 'Fuwu test document'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const parts: Buffer[] = [];
    doc.on('data', (c: Buffer) => parts.push(c));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** An xlsx workbook written by exceljs. */
export async function sampleXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('设备').addRow(['型号', 'SN']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One entry of a zip being built: its bytes as stored (method 0) or deflated (8), CRC and size of the content. */
interface PackedEntry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * A zip archive of the entries, in order. `zip64`: every size and offset in zip64 extra fields
 * and a zip64 end record, as some writers (Apache POI) do for small files too.
 */
function packZip(entries: readonly PackedEntry[], zip64 = false): Buffer {
  const FULL = 0xffffffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, method, data, crc, size } of entries) {
    const nameBytes = Buffer.from(name);
    const localExtra = Buffer.alloc(zip64 ? 20 : 0);
    const centralExtra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      localExtra.writeUInt16LE(1, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(BigInt(size), 4);
      localExtra.writeBigUInt64LE(BigInt(data.length), 12);
      centralExtra.writeUInt16LE(1, 0);
      centralExtra.writeUInt16LE(24, 2);
      centralExtra.writeBigUInt64LE(BigInt(size), 4);
      centralExtra.writeBigUInt64LE(BigInt(data.length), 12);
      centralExtra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? FULL : data.length, 18);
    local.writeUInt32LE(zip64 ? FULL : size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? FULL : data.length, 20);
    central.writeUInt32LE(zip64 ? FULL : size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(zip64 ? FULL : offset, 42);
    locals.push(local, nameBytes, localExtra, data);
    centrals.push(central, nameBytes, centralExtra);
    offset += 30 + nameBytes.length + localExtra.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? FULL : directory.length, 12);
  end.writeUInt32LE(zip64 ? FULL : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}

/** A zip of stored (uncompressed) entries, in order: enough to stand for docx / odt / zip content. */
export function storedZip(entries: Record<string, string>, options: { zip64?: boolean } = {}): Buffer {
  return packZip(
    Object.entries(entries).map(([name, text]) => {
      const data = Buffer.from(text);
      return { name, method: 0, data, crc: crc32(data), size: data.length };
    }),
    options.zip64,
  );
}

export const sampleDocx = () =>
  storedZip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });
export const sampleOdt = () =>
  storedZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' });

/**
 * A zip of deflated entries, each given as pieces written one after another (so a part of
 * hundreds of megabytes is never held whole): hostile archives whose parts inflate far past
 * their size. zlib deflates natively; JSZip's own deflate takes seconds for such a part.
 */
export async function deflatedZip(entries: Record<string, string | Iterable<string>>): Promise<Buffer> {
  const packed: PackedEntry[] = [];
  for (const [name, content] of Object.entries(entries)) {
    let crc = 0;
    let size = 0;
    const deflate = createDeflateRaw();
    const compressed: Buffer[] = [];
    deflate.on('data', (c: Buffer) => compressed.push(c));
    const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
    for (const piece of typeof content === 'string' ? [content] : content) {
      const bytes = Buffer.from(piece);
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
    }
    deflate.end();
    await ended;
    packed.push({ name, method: 8, data: Buffer.concat(compressed), crc, size });
  }
  return packZip(packed);
}
