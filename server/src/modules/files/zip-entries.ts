import { readZipDirectory } from '../../zip-archive';

const LOCAL_SIGNATURE = 0x04034b50;

/**
 * The entry names of the zip archive at `file`, from its central directory, nothing inflated.
 * Null when it is not a readable zip (the caller falls back to the extension).
 */
export async function readZipEntryNames(file: string): Promise<string[] | null> {
  return (await readZipDirectory(file))?.map((e) => e.name) ?? null;
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
