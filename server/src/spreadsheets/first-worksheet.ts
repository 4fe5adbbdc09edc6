import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import type ExcelJS from 'exceljs';
import { openZipEntry, readZipDirectory, type ZipEntry } from '../zip-archive';
import { loadExcelJs } from './exceljs';
import { partTooLarge, type SheetLimitError, type SheetLimits, textTooLong, unzippedTooLarge } from './sheet-limits';

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** The parts of exceljs' streaming WorkbookReader used here (exceljs 4.4, lib/stream/xlsx/workbook-reader.js). */
interface ReaderParts {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string): Generator<{ value: WorksheetReader }>;
}

/** A first worksheet being read; `close` stops inflating whatever is still open (call it in any case). */
export interface OpenWorksheet {
  sheet: WorksheetReader | null;
  close(): void;
}

/**
 * The first worksheet (in the workbook's tab order) of the .xlsx file at `path`, its rows still
 * to be streamed.
 *
 * Why not `new stream.xlsx.WorkbookReader(path)` alone: its zip parsing (unzipper's streaming
 * Parse) announces the end of the archive as soon as the file has been read, not when its
 * entries have been handed out, so now and then the entries after a worksheet are dropped — the
 * shared strings or the workbook itself (seen in CI and reproduced in about 1 of 700 files).
 * Here the archive is opened by its central directory and the parts are fed to exceljs' own
 * parsers in the order they depend on each other: relationships, workbook, styles, shared
 * strings, then the sheet, whose XML is still inflated and parsed as a stream.
 *
 * Each part is inflated by zlib in small chunks off the main thread (not all at once, as JSZip's
 * inflate did on the event loop) and counted as it comes: past `limits` — a part or all of them
 * too large once inflated, whatever the archive declares, or a text longer than a cell may hold —
 * reading stops with a SheetLimitError after at most one chunk too many.
 */
export async function firstWorksheet(path: string, limits: SheetLimits): Promise<OpenWorksheet> {
  const entries = await readZipDirectory(path);
  if (!entries) throw new Error('not a readable zip archive');
  const byName = new Map(entries.map((e) => [e.name, e]));
  const { stream } = await loadExcelJs();
  const reader = new stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;
  const inflated = { bytes: 0 };
  const open: Readable[] = [];
  const close = () => {
    for (const s of open) s.destroy();
  };
  const part = async (name: string) => {
    const entry = byName.get(name);
    if (!entry) return null;
    const guarded = pipeline(await openZipEntry(path, entry), new PartGuard(name, limits, inflated), () => {});
    open.push(guarded);
    return guarded;
  };
  try {
    const rels = await part('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const workbook = await part('xl/workbook.xml');
    if (workbook) await reader._parseWorkbook(workbook);
    const styles = await part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const sharedStrings = await part('xl/sharedStrings.xml');
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));

    const sheetPath = firstSheetPath(reader, byName);
    const sheetPart = sheetPath ? await part(sheetPath) : null;
    if (!sheetPath || !sheetPart) return { sheet: null, close };
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
    for (const { value } of reader._parseWorksheet(sheetPart, sheetNo)) return { sheet: value, close };
    return { sheet: null, close };
  } catch (err) {
    close();
    throw err;
  }
}

/** The workbook's first sheet by its relationship, else the lowest-numbered sheet part. */
function firstSheetPath(reader: ReaderParts, entries: ReadonlyMap<string, ZipEntry>): string | null {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((rel) => rel.Id === rId)?.Target;
  if (target) {
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (entries.has(path)) return path;
  }
  const sheets = [...entries.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  sheets.sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  return sheets[0] ?? null;
}

const LESS_THAN = 0x3c;
/**
 * Bytes of XML a text of `maxCellChars` characters may take: a character is at most 3 bytes of
 * UTF-8 per UTF-16 unit, and escaped at most 8 (`_x000D_`, `&#65535;`).
 */
const BYTES_PER_CHAR = 8;

/**
 * Passes an inflated part through, counting: the part's bytes and those of every part read
 * (shared `inflated`), and the longest run of bytes without a `<` — a text node, which
 * exceljs would gather whole in memory before any cell could be checked.
 */
class PartGuard extends Transform {
  private bytes = 0;
  private run = 0;
  private readonly maxRun: number;

  constructor(
    private readonly part: string,
    private readonly limits: SheetLimits,
    private readonly inflated: { bytes: number },
  ) {
    super();
    this.maxRun = limits.maxCellChars * BYTES_PER_CHAR;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const excess = this.excess(chunk);
    if (excess) done(excess);
    else done(null, chunk);
  }

  /** What this chunk takes past a limit, if anything. */
  private excess(chunk: Buffer): SheetLimitError | null {
    this.bytes += chunk.length;
    this.inflated.bytes += chunk.length;
    if (this.bytes > this.limits.maxPartBytes) return partTooLarge(this.part, this.limits.maxPartBytes);
    if (this.inflated.bytes > this.limits.maxUnzippedBytes) return unzippedTooLarge(this.limits.maxUnzippedBytes);
    for (let from = 0; ; ) {
      const lt = chunk.indexOf(LESS_THAN, from);
      this.run += (lt < 0 ? chunk.length : lt) - from;
      if (this.run > this.maxRun) return textTooLong(this.limits.maxCellChars);
      if (lt < 0) return null;
      this.run = 0;
      from = lt + 1;
    }
  }
}
