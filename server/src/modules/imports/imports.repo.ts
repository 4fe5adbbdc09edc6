import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { ImportReportTable } from './imports.table';

export type ImportReportRow = Selectable<ImportReportTable>;

export async function insertImportReport(db: Db, row: Insertable<ImportReportTable>): Promise<void> {
  await db.insertInto('import_report').values(row).execute();
}

export function findImportReport(db: Db, id: string): Promise<ImportReportRow | undefined> {
  return db.selectFrom('import_report').selectAll().where('id', '=', id).executeTakeFirst();
}
