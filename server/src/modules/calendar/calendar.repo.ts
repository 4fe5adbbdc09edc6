import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { updateVersionedReturning } from '../../db/versioned-update';
import type { HolidayYearTable } from './calendar.table';

export type HolidayYearRow = Selectable<HolidayYearTable>;

export function listHolidayYearRows(db: Db): Promise<HolidayYearRow[]> {
  return db.selectFrom('holiday_year').selectAll().orderBy('year').execute();
}

/** Each year's version only: whether the calendar changed since it was read. */
export function listHolidayYearVersions(db: Db): Promise<{ year: number; version: number }[]> {
  return db.selectFrom('holiday_year').select(['year', 'version']).orderBy('year').execute();
}

export function findHolidayYear(db: Db, year: number): Promise<HolidayYearRow | undefined> {
  return db.selectFrom('holiday_year').selectAll().where('year', '=', year).executeTakeFirst();
}

export function insertHolidayYear(db: Db, row: Insertable<HolidayYearTable>): Promise<HolidayYearRow> {
  return db.insertInto('holiday_year').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Replace a year's data, guarded by version (db/versioned-update.ts): VERSION_CONFLICT when it is stale. */
export function updateHolidayYear(
  db: Db,
  year: number,
  version: number,
  patch: Pick<HolidayYearTable, 'data' | 'provisional' | 'updated_at' | 'updated_by'>,
): Promise<HolidayYearRow> {
  return updateVersionedReturning(db, 'holiday_year', { column: 'year', value: year }, version, patch);
}
