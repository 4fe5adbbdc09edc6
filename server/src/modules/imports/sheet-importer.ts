import type { TSheetColumn } from './import-sheets';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import type { SheetReading } from '../../spreadsheets/sheet-records';

/** What an import wrote: counts per record kind, and the new records' ids (for the audit entry). */
export interface ImportWrite {
  counts: Record<string, number>;
  ids: Record<string, number[]>;
}

/** Where an error of the owners' bulk functions (`12.contacts.0.phones.1`) lies in the sheet. */
export type LocateIssue = (index: number, path: readonly string[]) => { row: number; field: string };

/** A sheet checked and turned into the owners' create inputs; written only when no row is wrong. */
export interface PreparedImport {
  /** The records that would be created, per kind (what a dry run answers). */
  counts: Record<string, number>;
  /** Create everything through the owners' bulk functions, inside the caller's transaction. */
  write(trx: Db): Promise<ImportWrite>;
  locate: LocateIssue;
}

/** One kind of sheet: its columns, and how its rows become records. */
export interface SheetImporter {
  /** The sheet's columns, with what depends on this installation (the industries) filled in. */
  columns(db: Db): Promise<readonly TSheetColumn[]>;
  /**
   * Check every row — each cell against the owner's create schema, rows against each other,
   * references against the database — adding every problem to `reading.errors`.
   */
  prepare(db: Db, actor: Actor, reading: SheetReading): Promise<PreparedImport>;
}

/** The values of a record that were given, for building a create input (empty cells stay out). */
export function pick(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (values[k] !== undefined) out[k] = values[k];
  return out;
}

/** A zod or bulk-function path as text segments (`['contacts', '0', 'phones']`). */
export function pathSegments(path: readonly PropertyKey[]): string[] {
  return path.map((p) => String(p));
}
