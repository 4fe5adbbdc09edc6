import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { updateVersioned } from '../../db/versioned-update';
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

/** Guarded by the version read (db/versioned-update.ts): VERSION_CONFLICT when it changed meanwhile. */
export function updateCompanyProfile(db: Db, version: number, patch: Partial<Omit<CompanyProfileTable, 'id' | 'version'>>): Promise<void> {
  return updateVersioned(db, 'company_profile', ROW, version, patch);
}
