/*
 * CSV as Excel writes it: UTF-8 with or without a BOM, or — Excel in China, "CSV (逗号分隔)" —
 * GB18030/GBK; "Unicode text" is UTF-16LE. Fields quoted with `"` ("" inside), CRLF or LF.
 *
 * Read as a stream, record by record: a file is never held whole, as text or as rows, so a
 * 50 MB file of line breaks costs what its first records cost before the reader stops at a limit.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { cellTooLong, columnBeyondLimit, rowBeyondLimit, type SheetLimits } from './sheet-limits';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

interface CsvEncoding {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  /** Bytes of the byte order mark to skip. */
  skip: number;
}

/** How the bytes of a text file decode, when already known (an upload's were checked as they arrived). */
export type TTextEncoding = 'utf-8' | 'gb18030';

/**
 * The encoding of a CSV file: its byte order mark, else `known`, else UTF-8 when every byte
 * decodes as UTF-8 (checked as a stream), else GBK bytes (GB18030 is its superset), which Excel
 * in China writes.
 */
async function detectEncoding(path: string, known: TTextEncoding | undefined): Promise<CsvEncoding> {
  const head = Buffer.alloc(3);
  const handle = await fs.open(path, 'r');
  try {
    await handle.read(head, 0, 3, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2]) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (known) return { encoding: known, skip: 0 };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) utf8.decode(chunk as Buffer, { stream: true });
    utf8.decode();
    return { encoding: 'utf-8', skip: 0 };
  } catch {
    return { encoding: 'gb18030', skip: 0 };
  }
}

/** The records of the CSV file at `path`, in order, as they are read; stops at the first limit passed. */
export async function* readCsvRecords(path: string, limits: SheetLimits, encoding?: TTextEncoding): AsyncGenerator<string[]> {
  const { encoding: decoding, skip } = await detectEncoding(path, encoding);
  const decoder = new TextDecoder(decoding);
  const parser = new CsvParser(limits);
  for await (const chunk of createReadStream(path, { start: skip })) yield* parser.push(decoder.decode(chunk as Buffer, { stream: true }));
  yield* parser.push(decoder.decode());
  yield* parser.end();
}

/** Lines of a header longer than this decide the delimiter on this much. */
const HEADER_SCAN = 64 * 1024;

/**
 * The delimiter of the header line: the most frequent of comma, tab and semicolon outside quotes.
 * Null while the line is still incomplete (more text to come, and under HEADER_SCAN).
 */
function detectDelimiter(text: string, final: boolean): string | null {
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let quoted = false;
  let complete = final || text.length >= HEADER_SCAN;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      complete = true;
      break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  if (!complete) return null;
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Rows of fields from text given piece by piece (RFC 4180, lenient: a stray quote inside an
 * unquoted field is kept as text). Refuses, as soon as it meets one, a record past the last row
 * read, a field past the last column, or a field longer than a cell may hold.
 */
export class CsvParser {
  private delimiter: string | null = null;
  private waiting = '';
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** A `"` inside quotes was the last character: an escaped quote if another follows. */
  private quoteSeen = false;
  private atFieldStart = true;
  /** A CR ended the last record: a LF right after it belongs to the same line break. */
  private afterCr = false;
  private records = 0;

  constructor(private readonly limits: SheetLimits) {}

  push(text: string): string[][] {
    if (this.delimiter === null) {
      this.waiting += text;
      this.delimiter = detectDelimiter(this.waiting, false);
      if (this.delimiter === null) return [];
      text = this.waiting;
      this.waiting = '';
    }
    return this.parse(text);
  }

  end(): string[][] {
    let out: string[][] = [];
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(this.waiting, true);
      out = this.parse(this.waiting);
    }
    this.quoted = false;
    this.quoteSeen = false;
    if (this.field !== '' || this.row.length > 0) {
      this.endField();
      out.push(this.endRecord());
    }
    return out;
  }

  private parse(text: string): string[][] {
    const out: string[][] = [];
    const delimiter = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (ch === '"') {
            this.append('"');
            continue;
          }
          this.quoted = false;
        } else {
          if (ch === '"') this.quoteSeen = true;
          else this.append(ch);
          continue;
        }
      }
      if (ch === '"' && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
      } else if (ch === delimiter) {
        this.endField();
      } else if (ch === '\r' || ch === '\n') {
        this.afterCr = ch === '\r';
        this.endField();
        out.push(this.endRecord());
      } else {
        this.append(ch);
        this.atFieldStart = false;
      }
    }
    return out;
  }

  private append(ch: string): void {
    this.field += ch;
    if (this.field.length > this.limits.maxCellChars) throw cellTooLong(this.records + 1, this.row.length + 1, this.limits.maxCellChars);
  }

  private endField(): void {
    if (this.row.length >= this.limits.maxColumns) throw columnBeyondLimit(this.records + 1, this.row.length + 1, this.limits.maxColumns);
    this.row.push(this.field);
    this.field = '';
    this.atFieldStart = true;
  }

  private endRecord(): string[] {
    this.records += 1;
    if (this.records > this.limits.maxRowNumber) throw rowBeyondLimit(this.records, this.limits.maxRowNumber);
    const row = this.row;
    this.row = [];
    return row;
  }
}
