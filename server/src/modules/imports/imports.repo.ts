import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { ImportReportTable } from './imports.table';

export type ImportReportRow = Selectable<ImportReportTable>;

export async function insertImportReport(db: Db, row: Insertable<ImportReportTable>): Promise<void> {
  await db.insertInto('import_report').values(row).execute();
}

/** Delete up to `limit` reports created before `before`, oldest first; returns their files' hashes. */
export async function deleteImportReportsBefore(db: Db, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .deleteFrom('import_report')
    .where('id', 'in', (eb) =>
      eb.selectFrom('import_report').select('id').where('created_at', '<', before).orderBy('created_at').limit(limit),
    )
    .returning('file_hash')
    .execute();
  return rows.map((r) => r.file_hash);
}

export function findImportReport(db: Db, id: string): Promise<ImportReportRow | undefined> {
  return db.selectFrom('import_report').selectAll().where('id', '=', id).executeTakeFirst();
}
