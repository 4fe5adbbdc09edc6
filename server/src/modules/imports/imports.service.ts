import { randomUUID } from 'node:crypto';
import type { TLocale } from '@contract/common';
import { pick } from '@contract/bilingual';
import { ERRORS } from '@contract/errors';
import { IMPORT_KIND_LABELS, IMPORT_MAX_LISTED_ERRORS, type TImportKind, type TImportResult } from './import-sheets';
import { filled, RULE_ISSUES } from '@contract/validation-messages';
import type { Actor } from '../../actor';
import { AppError, issue, type TAppIssue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { writeErrorReport } from '../../spreadsheets/error-report';
import { readTable, type SheetFormat } from '../../spreadsheets/read-table';
import { SheetLimitError } from '../../spreadsheets/sheet-limits';
import { readRecords, type SheetError } from '../../spreadsheets/sheet-records';
import type { SheetTable } from '../../spreadsheets/sheet-table';
import { buildTemplate } from '../../spreadsheets/template';
import { XLSX_MIME } from '../../spreadsheets/xlsx-styles';
import { recordAudit } from '../audit/audit.service';
import type { FileStore } from '../files/file-store';
import { type Download, forgetUnreferencedFiles, recordStoredFile } from '../files/files.service';
import type { ReceivedFile } from '../files/uploads';
import { contractSheet } from './contract-sheet';
import { customerSheet } from './customer-sheet';
import { equipmentSheet } from './equipment-sheet';
import * as repo from './imports.repo';
import type { ImportWrite, LocateIssue, SheetImporter } from './sheet-importer';

const IMPORTERS: Record<TImportKind, SheetImporter> = {
  customers: customerSheet,
  contracts: contractSheet,
  equipment: equipmentSheet,
};

export interface ImportRequest {
  kind: TImportKind;
  dryRun: boolean;
  locale: TLocale;
  file: ReceivedFile;
}

/** The answer: ok with what was (or, on a dry run, would be) imported, or not with every wrong cell. */
export interface ImportOutcome {
  ok: boolean;
  result: TImportResult;
}

/** Rolls a dry run's transaction back after everything was written and checked. */
class DryRunRollback extends Error {
  constructor(readonly written: ImportWrite) {
    super('dry run');
  }
}

function formatOf(file: ReceivedFile): SheetFormat {
  if (file.kind === 'xlsx') return 'xlsx';
  // The upload checked how its text decodes as it arrived (files/content-sniffer.ts): not read again for that.
  if (file.kind === 'text' && /\.(csv|txt|tsv)$/i.test(file.fileName))
    return { csv: /charset=gb18030/i.test(file.mime) ? 'gb18030' : 'utf-8' };
  throw new AppError('IMPORT_FILE_TYPE', [issue('file', filled(RULE_ISSUES.notASheet, { kind: file.kind }))]);
}

async function readUpload(file: ReceivedFile): Promise<SheetTable> {
  const format = formatOf(file);
  let table: SheetTable;
  try {
    table = await readTable(file.staged.path, format);
  } catch (err) {
    if (err instanceof SheetLimitError) throw new AppError(err.code, [issue('file', err.detail)]);
    // The reader's own message names its internals, not the user's file: not sent.
    throw new AppError('IMPORT_FILE_UNREADABLE', [issue('file', RULE_ISSUES.unreadableWorkbook)]);
  }
  if (table.rows.length === 0) throw new AppError('IMPORT_NO_ROWS');
  return table;
}

/**
 * The errors a bulk function of an owner threw (its issues name the input: `12.sn`), placed
 * on the sheet. Rules only the owner checks — a unit with an SN must have quantity 1, a
 * warranty may not end before it starts, a contact needs a phone or e-mail — come back here,
 * the first one the owner met.
 */
function ownerErrors(err: AppError, locate: LocateIssue, locale: TLocale, headerRow: number): Omit<SheetError, 'col' | 'column'>[] {
  const text = pick(ERRORS[err.code], locale);
  const issues: TAppIssue[] = err.issues?.length ? err.issues : [{ path: '', message: err.message }];
  return issues.map((issue) => {
    const [index, ...rest] = issue.path.split('.');
    const at = /^\d+$/.test(index) ? locate(Number(index), rest) : { row: headerRow, field: '' };
    const detail = issue.i18n ? pick(issue.i18n, locale) : issue.message;
    return { row: at.row ?? headerRow, field: at.field, message: `${text}（${detail}）` };
  });
}

/**
 * Import a sheet, all or nothing: every row is read and checked first (cells, rows against
 * each other, references); with any error nothing is written and the answer lists the wrong
 * cells, with a downloadable copy of the sheet marking them. Otherwise every record is
 * created in one transaction through the owners' bulk functions (each writes its records'
 * audit entries and search entries), plus one audit entry for the import with its counts.
 * A dry run does all of that and rolls back.
 */
export async function runImport(db: Db, store: FileStore, actor: Actor, req: ImportRequest): Promise<ImportOutcome> {
  const table = await readUpload(req.file);
  const importer = IMPORTERS[req.kind];
  const reading = await readRecords(table, await importer.columns(db), req.locale);
  const prepared = await importer.prepare(db, actor, reading);
  const base = { kind: req.kind, dryRun: req.dryRun, rows: table.rows.length };
  const reject = async (errors: SheetError[]): Promise<ImportOutcome> => {
    const reportId = await storeReport(db, store, actor, req, table, errors);
    return {
      ok: false,
      result: {
        ...base,
        imported: 0,
        counts: {},
        errorCount: errors.length,
        errors: errors.slice(0, IMPORT_MAX_LISTED_ERRORS).map(({ col: _c, ...e }) => e),
        reportId,
      },
    };
  };
  if (reading.errors.count > 0) return reject(reading.errors.list());

  try {
    const written = await transact(db, async (trx) => {
      const w = await prepared.write(trx);
      await recordAudit(trx, actor, {
        entity: 'import',
        entityId: randomUUID(),
        action: req.kind,
        after: { fileName: req.file.fileName, sha256: req.file.staged.hash, rows: table.rows.length, counts: w.counts, ids: w.ids },
      });
      if (req.dryRun) throw new DryRunRollback(w);
      return w;
    });
    return { ok: true, result: { ...base, imported: table.rows.length, counts: written.counts, errorCount: 0, errors: [] } };
  } catch (err) {
    if (err instanceof DryRunRollback)
      return { ok: true, result: { ...base, imported: 0, counts: err.written.counts, errorCount: 0, errors: [] } };
    if (!(err instanceof AppError) || err.category === 'internal') throw err;
    for (const e of ownerErrors(err, prepared.locate, req.locale, table.headerRow)) reading.errors.add(e.row, e.field, e.message);
    return reject(reading.errors.list());
  }
}

/** Keep the error report in the file store; its id is what the user downloads it by. */
async function storeReport(
  db: Db,
  store: FileStore,
  actor: Actor,
  req: ImportRequest,
  table: SheetTable,
  errors: readonly SheetError[],
): Promise<string> {
  const blob = await store.put(await writeErrorReport(table, errors));
  const id = randomUUID();
  const base = req.file.fileName.replace(/\.[^.]+$/, '');
  await transact(db, async (trx) => {
    await recordStoredFile(trx, blob, XLSX_MIME);
    await repo.insertImportReport(trx, {
      id,
      kind: req.kind,
      file_hash: blob.hash,
      file_name: `${base}-错误报告.xlsx`,
      error_count: errors.length,
      created_by_id: actor.id,
      created_at: nowIso(),
    });
  });
  return id;
}

/** Reports deleted per transaction by the sweep. */
const REPORT_SWEEP_BATCH = 500;

/**
 * Delete the error reports of refused imports older than `retentionHours`
 * (FUWU_IMPORT_REPORT_HOURS), and their workbooks from the file store unless something else
 * refers to the same content. Idempotent; run by the periodic sweep. Returns how many went.
 */
export async function sweepImportReports(db: Db, store: FileStore, retentionHours: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionHours * 3_600_000).toISOString();
  let removed = 0;
  for (;;) {
    const { count, unreferenced } = await transact(db, async (trx) => {
      const hashes = await repo.deleteImportReportsBefore(trx, before, REPORT_SWEEP_BATCH);
      return { count: hashes.length, unreferenced: await forgetUnreferencedFiles(trx, hashes) };
    });
    for (const hash of unreferenced) await store.remove(hash);
    removed += count;
    if (count < REPORT_SWEEP_BATCH) return removed;
  }
}

/** A report, for the user who ran the import (or an administrator); anyone else: not found. */
export async function findImportReport(db: Db, actor: Actor, id: string): Promise<Download> {
  const row = await repo.findImportReport(db, id);
  if (!row || (Number(row.created_by_id) !== actor.id && !actor.roles.includes('admin'))) throw new AppError('NOT_FOUND');
  return { hash: row.file_hash, fileName: row.file_name };
}

/** The template of a kind of sheet, with the file name it is downloaded as. */
export async function importTemplate(db: Db, kind: TImportKind): Promise<{ content: Buffer; fileName: string }> {
  const label = IMPORT_KIND_LABELS[kind];
  const content = await buildTemplate(await IMPORTERS[kind].columns(db), { zh: `${label.zh}导入模板`, en: `${label.en} import template` });
  return { content, fileName: `${label.zh}导入模板-${kind}-template.xlsx` };
}
