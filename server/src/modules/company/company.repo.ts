import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { CompanyProfileTable } from './company.table';

export type CompanyProfileRow = Selectable<CompanyProfileTable>;

/** The single row's id. */
const ROW = 1;

export function findCompanyProfile(db: Db): Promise<CompanyProfileRow | undefined> {
  return db.selectFrom('company_profile').selectAll().where('id', '=', ROW).executeTakeFirst();
}

/** The first save: false when another save made the row first (a version conflict). */
export async function insertCompanyProfile(db: Db, row: Omit<Insertable<CompanyProfileTable>, 'id'>): Promise<boolean> {
  const r = await db
    .insertInto('company_profile')
    .values({ ...row, id: ROW })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Guarded by the version read; false when it changed meanwhile. */
export async function updateCompanyProfile(
  db: Db,
  version: number,
  patch: Partial<Omit<CompanyProfileTable, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('company_profile')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', ROW)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
