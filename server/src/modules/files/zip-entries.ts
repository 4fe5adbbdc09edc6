import fs from 'node:fs/promises';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end-of-central-directory record (22 bytes) may be followed by a comment of up to 64 KiB. */
const EOCD_SEARCH = 22 + 0xffff;
/** Enough for thousands of entry names; a bigger directory is not read (the caller falls back to the extension). */
const MAX_DIRECTORY = 4 * 1024 * 1024;
const MAX_ENTRIES = 5000;

/**
 * The entry names of the zip archive at `file`, read from its central directory (the tail
 * of the file) without inflating anything. Null when it is not a readable classic zip
 * (damaged, zip64, or a directory too large to be worth reading).
 */
export async function readZipEntryNames(file: string): Promise<string[] | null> {
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
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff || dirSize > MAX_DIRECTORY || dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const names: string[] = [];
    let p = 0;
    while (p + 46 <= dir.length && names.length < Math.min(count, MAX_ENTRIES)) {
      if (dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      names.push(dir.toString('utf8', p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await handle.close();
  }
}

/**
 * ODF puts an uncompressed `mimetype` entry first; its content names the format. Read from
 * the first bytes of the file; null when the archive does not start that way.
 */
export function odfMimetype(head: Buffer): string | null {
  if (head.length < 30 || head.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
  const method = head.readUInt16LE(8);
  const length = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (method !== 0 || head.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return null;
  const start = 30 + nameLength + extraLength;
  if (length > 100 || start + length > head.length) return null;
  return head.toString('latin1', start, start + length);
}
