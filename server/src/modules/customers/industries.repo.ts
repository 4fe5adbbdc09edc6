import type { Insertable, Selectable, Updateable } from 'kysely';
import type { TIndustryQuery } from '@contract/customers';
import type { Db } from '../../db/database';
import { updateVersionedReturning } from '../../db/versioned-update';
import { limitOffset } from '../../db/list-query';
import type { IndustryTable } from './customers.table';

export type IndustryRow = Selectable<IndustryTable>;

export function findIndustryById(db: Db, id: number): Promise<IndustryRow | undefined> {
  return db.selectFrom('industry').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findIndustryByCode(db: Db, code: string): Promise<IndustryRow | undefined> {
  return db.selectFrom('industry').selectAll().where('code', '=', code).executeTakeFirst();
}

export function insertIndustry(db: Db, row: Insertable<IndustryTable>): Promise<IndustryRow> {
  return db.insertInto('industry').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateIndustry(db: Db, id: number, version: number, patch: Updateable<IndustryTable>): Promise<IndustryRow> {
  return updateVersionedReturning(db, 'industry', id, version, patch);
}

export async function listIndustries(db: Db, q: TIndustryQuery): Promise<{ rows: IndustryRow[]; total: number }> {
  let base = db.selectFrom('industry');
  if (q.active) base = base.where('active', '=', q.active === 'true' ? 1 : 0);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('sort').orderBy('id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function findIndustriesByIds(db: Db, ids: readonly number[]): Promise<IndustryRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('industry')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
