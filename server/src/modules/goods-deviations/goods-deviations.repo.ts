import type { Insertable, Selectable, Updateable } from 'kysely';
import type { TGoodsDeviationQuery } from '@contract/goods-deviations';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import { limitOffset } from '../../db/list-query';
import type { GoodsDeviationPhotoTable, GoodsDeviationTable } from './goods-deviations.table';

function selectDeviations(db: Db) {
  return db
    .selectFrom('goods_deviation as g')
    .innerJoin('contract', 'contract.id', 'g.contract_id')
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .leftJoin('app_user as reporter', 'reporter.id', 'g.reported_by_id')
    .leftJoin('app_user as closer', 'closer.id', 'g.closed_by_id')
    .selectAll('g')
    .select([
      'contract.number as contract_number',
      'customer.id as customer_id',
      'customer.name as customer_name',
      'reporter.name as reported_by_name',
      'closer.name as closed_by_name',
    ]);
}
export type DeviationRow = Awaited<ReturnType<ReturnType<typeof selectDeviations>['executeTakeFirstOrThrow']>>;

export function findDeviationById(db: Db, id: number): Promise<DeviationRow | undefined> {
  return selectDeviations(db).where('g.id', '=', id).executeTakeFirst();
}

export function insertDeviation(db: Db, row: Insertable<GoodsDeviationTable>): Promise<number> {
  return insertReturningId(db, 'goods_deviation', row);
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateDeviation(db: Db, id: number, version: number, patch: Updateable<GoodsDeviationTable>): Promise<void> {
  return updateVersioned(db, 'goods_deviation', id, version, patch);
}

export async function listDeviations(db: Db, q: TGoodsDeviationQuery) {
  let base = selectDeviations(db);
  if (q.state) base = base.where('g.state', '=', q.state);
  if (q.contractId) base = base.where('g.contract_id', '=', q.contractId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('g.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type PhotoRow = Selectable<GoodsDeviationPhotoTable>;

export function insertPhoto(db: Db, row: Insertable<GoodsDeviationPhotoTable>): Promise<number> {
  return insertReturningId(db, 'goods_deviation_photo', row);
}

/** The photos of these deviations, in the order they were added. */
export function findPhotos(db: Db, deviationIds: readonly number[]): Promise<PhotoRow[]> {
  if (deviationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('goods_deviation_photo')
    .selectAll()
    .where('goods_deviation_id', 'in', [...deviationIds])
    .orderBy('id')
    .execute();
}

export function findPhoto(db: Db, deviationId: number, photoId: number): Promise<PhotoRow | undefined> {
  return db
    .selectFrom('goods_deviation_photo')
    .selectAll()
    .where('goods_deviation_id', '=', deviationId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}
