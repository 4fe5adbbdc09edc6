import { readFile } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { loadExcelJs } from './exceljs';

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

/**
 * The first worksheet (in the workbook's tab order) of the .xlsx file at `path`, its rows still
 * to be streamed.
 *
 * Why not `new stream.xlsx.WorkbookReader(path)` alone: its zip parsing (unzipper's streaming
 * Parse) announces the end of the archive as soon as the file has been read, not when its
 * entries have been handed out, so now and then the entries after a worksheet are dropped — the
 * shared strings or the workbook itself (seen in CI and reproduced in about 1 of 700 files).
 * Here the archive is opened by its central directory (JSZip) and the parts are fed to exceljs'
 * own parsers in the order they depend on each other: relationships, workbook, styles, shared
 * strings, then the sheet, whose XML is still inflated and parsed as a stream.
 */
export async function firstWorksheet(path: string): Promise<WorksheetReader | null> {
  const [{ stream }, { default: JSZipClass }] = await Promise.all([loadExcelJs(), import('jszip')]);
  const zip = await JSZipClass.loadAsync(await readFile(path));
  const reader = new stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;

  const part = (name: string) => {
    const file = zip.file(name);
    return file ? entryStream(file) : null;
  };
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  const workbook = part('xl/workbook.xml');
  if (workbook) await reader._parseWorkbook(workbook);
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  const sharedStrings = part('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));

  const sheetPath = firstSheetPath(reader, zip);
  if (!sheetPath) return null;
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
  for (const { value } of reader._parseWorksheet(entryStream(zip.file(sheetPath) as JSZip.JSZipObject), sheetNo)) return value;
  return null;
}

/** The workbook's first sheet by its relationship, else the lowest-numbered sheet part. */
function firstSheetPath(reader: ReaderParts, zip: JSZip): string | null {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((rel) => rel.Id === rId)?.Target;
  if (target) {
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (zip.file(path)) return path;
  }
  const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/).map((f) => f.name);
  sheets.sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  return sheets[0] ?? null;
}

/** A part inflated as a stream; an inflate error ends the stream with that error. */
function entryStream(file: JSZip.JSZipObject): PassThrough {
  const out = new PassThrough();
  const source = file.nodeStream('nodebuffer');
  source.on('error', (error) => out.destroy(error));
  return source.pipe(out);
}
