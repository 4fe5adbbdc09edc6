import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end-of-central-directory record (22 bytes) may be followed by a comment of up to 64 KiB. */
const EOCD_SEARCH = 22 + 0xffff;
/** Enough for thousands of entry names; a bigger directory is not read. */
const MAX_DIRECTORY = 4 * 1024 * 1024;
const MAX_ENTRIES = 5000;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const FULL = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read here. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As declared: an entry is never trusted to inflate to this (see openZipEntry's callers). */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * The entries of the zip archive at `file`, read from its central directory (the tail of the
 * file) without inflating anything. Null when it is not a readable zip (damaged, or a directory
 * too large to be worth reading).
 */
export async function readZipDirectory(file: string): Promise<ZipEntry[] | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    // Zip64 (some writers, Apache POI's among them, use it for small files too): the real values
    // are in the zip64 end record, which the locator just before the classic one points at.
    if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
      const record = Buffer.alloc(56);
      const at = Number(tail.readBigUInt64LE(eocd - 20 + 8));
      if (at + 56 > size) return null;
      await handle.read(record, 0, 56, at);
      if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) return null;
      count = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirOffset = Number(record.readBigUInt64LE(48));
    } else if (count === 0xffff || dirOffset === 0xffffffff) return null;
    if (dirSize > MAX_DIRECTORY || dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    while (p + 46 <= dir.length && entries.length < Math.min(count, MAX_ENTRIES)) {
      if (dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
        method: dir.readUInt16LE(p + 10),
        encrypted: (dir.readUInt16LE(p + 8) & 1) === 1,
        compressedSize: dir.readUInt32LE(p + 20),
        uncompressedSize: dir.readUInt32LE(p + 24),
        localHeaderOffset: dir.readUInt32LE(p + 42),
      };
      if (!readZip64Sizes(entry, dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength))) return null;
      entries.push(entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * An entry's sizes and offset that do not fit 32 bits are in its zip64 extra field, in this order,
 * only those marked 0xFFFFFFFF. False when the field they need is missing.
 */
function readZip64Sizes(entry: ZipEntry, extra: Buffer): boolean {
  const wanted = (['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const).filter((k) => entry[k] === FULL);
  if (wanted.length === 0) return true;
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === ZIP64_EXTRA) {
      if (length < wanted.length * 8 || p + 4 + length > extra.length) return false;
      wanted.forEach((k, i) => {
        entry[k] = Number(extra.readBigUInt64LE(p + 4 + i * 8));
      });
      return true;
    }
    p += 4 + length;
  }
  return false;
}

/**
 * The content of one entry as a stream, inflated by zlib off the main thread in small chunks,
 * as fast as it is read: a consumer that stops reading (or destroys the stream) stops the
 * inflating, so a part far larger than declared costs only what was read of it.
 */
export async function openZipEntry(file: string, entry: ZipEntry): Promise<Readable> {
  if (entry.encrypted || (entry.method !== STORED && entry.method !== DEFLATED)) throw new Error(`zip entry ${entry.name}: unsupported`);
  const header = Buffer.alloc(30);
  const handle = await fs.open(file, 'r');
  try {
    await handle.read(header, 0, 30, entry.localHeaderOffset);
  } finally {
    await handle.close();
  }
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`zip entry ${entry.name}: no local header`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === STORED) return raw;
  const inflate = createInflateRaw();
  return pipeline(raw, inflate, () => {});
}
