import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './exceljs';
import type { FastifyReply } from 'fastify';
import { pick, type TBilingual } from '@contract/bilingual';
import type { TLocale } from '@contract/common';
import { DATE_FORMAT, DATE_TIME_FORMAT, excelDate, excelDateTime, HEADER_FILL, HEADER_FONT, XLSX_MIME, YUAN_FORMAT } from './xlsx-styles';

/**
 * How an exported value is written: text as is, `YYYY-MM-DD` as an Excel date, an ISO instant
 * as an Excel date-time on the company's wall clock (never UTC text), fen as yuan.
 */
export type ExportFormat = 'text' | 'date' | 'datetime' | 'integer' | 'yuan';

export interface ExportColumn<T> {
  header: string;
  width: number;
  format?: ExportFormat;
  value(item: T): string | number | null;
}

/** A column headed in the reader's language. Values that are codes must be given as words (`pick` a label). */
export function exportColumn<T>(
  label: TBilingual,
  locale: TLocale,
  width: number,
  value: ExportColumn<T>['value'],
  format?: ExportFormat,
): ExportColumn<T> {
  return { header: pick(label, locale), width, value, ...(format && { format }) };
}

export interface XlsxExport<T> {
  sheetName: string;
  columns: readonly ExportColumn<T>[];
  /** The rows, batch after batch (keyset-paged by the caller); each batch is written, then dropped. */
  batches: AsyncIterator<T[]>;
  /** The Content-Disposition header (attachment with the file's name). */
  disposition: string;
  /** The company's zone (FUWU_TIMEZONE): `datetime` cells show its wall clock. */
  timeZone: string;
}

const NUMBER_FORMATS: Partial<Record<ExportFormat, string>> = { date: DATE_FORMAT, datetime: DATE_TIME_FORMAT, yuan: YUAN_FORMAT };

function cellValue<T>(column: ExportColumn<T>, item: T, timeZone: string): ExcelJS.CellValue {
  const v = column.value(item);
  if (v === null) return null;
  if (column.format === 'date' && typeof v === 'string') return excelDate(v);
  if (column.format === 'datetime' && typeof v === 'string') return excelDateTime(v, timeZone);
  if (column.format === 'yuan' && typeof v === 'number') return v / 100;
  return v;
}

/** A writable stream as far as waiting for it goes (node's, or the readable-stream v2 archiver uses). */
interface Drainable {
  destroyed?: boolean;
  _writableState?: { needDrain: boolean };
  on(event: 'drain' | 'close', listener: () => void): unknown;
  off?(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Wait until `stream` has taken what it was given, or is gone: true when it is still open. */
function drained(stream: Drainable): Promise<boolean> {
  if (!stream._writableState?.needDrain) return Promise.resolve(stream.destroyed !== true);
  return new Promise((resolve) => {
    const done = () => {
      stream.removeListener('drain', done);
      stream.removeListener('close', done);
      resolve(stream.destroyed !== true);
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * exceljs writes a sheet's XML into the zip archiver ignoring backpressure, so rows written
 * faster than they are compressed (or than the client reads) pile up in memory there. The
 * sheet stream's first pipe (archiver's input) is where that shows; reached through
 * internals exceljs does not type.
 */
function archiveInputOf(ws: ExcelJS.Worksheet): Drainable | undefined {
  return (ws as unknown as { stream?: { pipes?: Drainable[] } }).stream?.pipes?.[0];
}

/**
 * Stream a one-sheet workbook to the client: exceljs' streaming writer, rows committed as
 * they come, batches pulled only when the client has taken the previous ones — so no row
 * cap and memory stays flat whatever the count. The first batch is read before anything is
 * sent, so a failing query is still a clean error response.
 */
export async function sendXlsxStream<T>(reply: FastifyReply, spec: XlsxExport<T>): Promise<FastifyReply> {
  const first = await spec.batches.next();
  const out = new PassThrough();
  const { stream } = await loadExcelJs();
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width,
    style: c.format && NUMBER_FORMATS[c.format] ? { numFmt: NUMBER_FORMATS[c.format] } : {},
  }));
  const header = ws.getRow(1);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
  });
  header.commit();

  const write = async () => {
    let batch = first;
    while (!batch.done) {
      for (const item of batch.value) ws.addRow(spec.columns.map((c) => cellValue(c, item, spec.timeZone))).commit();
      // Yield (a synchronous driver such as better-sqlite3 never does), then wait while zlib or
      // the client is behind: the next batch is read only when the last one is on its way.
      await nextTurn();
      const input = archiveInputOf(ws);
      if (input) await drained(input);
      if (!(await drained(out))) return;
      batch = await spec.batches.next();
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((err: Error) => {
    reply.log.error({ err }, 'export failed while streaming');
    out.destroy(err);
  });
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', spec.disposition)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(out);
}

/** Rows in batches of `size` by ascending id: each batch starts after the last id of the one before. */
export async function* keysetBatches<T extends { id: number }>(
  fetch: (afterId: number, limit: number) => Promise<T[]>,
  size: number,
): AsyncGenerator<T[]> {
  let afterId = 0;
  for (;;) {
    const batch = await fetch(afterId, size);
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    afterId = batch[batch.length - 1].id;
  }
}
