import { CompiledQuery, type Insertable, type Selectable, type Updateable } from 'kysely';
import { addDays, type TEquipmentQuery, WARRANTY_EXPIRING_DAYS } from '@contract/equipment';
import { inParts, insertReturningIds } from '../../db/batch-insert';
import { type Db, isPostgres } from '../../db/database';
import { updateVersioned } from '../../db/versioned-update';
import { containsPattern, limitOffset, parseSort } from '../../db/list-query';
import type { EquipmentTable } from './equipment.table';

/** A unit as read: never a deleted one, so the soft-delete columns are not part of it. */
export type EquipmentRow = Omit<Selectable<EquipmentTable>, 'deleted_at' | 'deleted_by_id' | 'delete_reason'> & {
  contract_number: string;
  customer_id: number;
  customer_name: string;
};

function selectEquipment(db: Db) {
  return db
    .selectFrom('equipment')
    .innerJoin('contract', 'contract.id', 'equipment.contract_id')
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .selectAll('equipment')
    .select(['contract.number as contract_number', 'contract.customer_id as customer_id', 'customer.name as customer_name'])
    .where('equipment.deleted_at', 'is', null);
}

export function findEquipmentById(db: Db, id: number): Promise<EquipmentRow | undefined> {
  return selectEquipment(db).where('equipment.id', '=', id).executeTakeFirst();
}

export async function findEquipmentByIds(db: Db, ids: readonly number[]): Promise<EquipmentRow[]> {
  if (ids.length === 0) return [];
  return selectEquipment(db)
    .where('equipment.id', 'in', [...new Set(ids)])
    .execute();
}

/** Units with this (normalised) SN, of any brand: a seek on the (sn, brand_key) index. */
export function findEquipmentBySn(db: Db, sn: string): Promise<EquipmentRow[]> {
  return selectEquipment(db).where('equipment.sn', '=', sn).orderBy('equipment.id').execute();
}

export function findEquipmentOfContract(db: Db, contractId: number): Promise<EquipmentRow[]> {
  return selectEquipment(db).where('equipment.contract_id', '=', contractId).orderBy('equipment.id').execute();
}

/** Registered units among these SNs (for the per-brand uniqueness check); a deleted unit keeps its SN. */
export async function findBySns(db: Db, sns: readonly string[]): Promise<{ id: number; sn: string | null; brand_key: string }[]> {
  const found: { id: number; sn: string | null; brand_key: string }[] = [];
  for (const part of inParts(sns))
    found.push(...(await db.selectFrom('equipment').select(['id', 'sn', 'brand_key']).where('sn', 'in', part).execute()));
  return found;
}

export function insertEquipment(db: Db, rows: Insertable<EquipmentTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('equipment').values(chunk).returning('id').execute());
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateEquipment(db: Db, id: number, version: number, patch: Updateable<EquipmentTable>): Promise<void> {
  return updateVersioned(db, 'equipment', id, version, patch);
}

/** Soft delete: the row stays for the records that name it; false when it is already gone. */
export async function markEquipmentDeleted(db: Db, id: number, by: { at: string; byId: number | null; reason: string }): Promise<boolean> {
  const r = await db
    .updateTable('equipment')
    .set((eb) => ({ deleted_at: by.at, deleted_by_id: by.byId, delete_reason: by.reason, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const SORT_COLUMNS = {
  createdAt: 'equipment.created_at',
  sn: 'equipment.sn',
  model: 'equipment.model',
  warrantyEnd: 'equipment.warranty_end',
} as const;

/** The filters of an equipment list (paging and sort aside). */
export type EquipmentFilters = Omit<TEquipmentQuery, 'page' | 'pageSize' | 'sort'>;

function equipmentListQuery(db: Db, q: EquipmentFilters, today: string) {
  let base = db.selectFrom('equipment').where('equipment.deleted_at', 'is', null);
  if (q.contractId) base = base.where('equipment.contract_id', '=', q.contractId);
  const customerId = q.customerId;
  if (customerId)
    base = base.where('equipment.contract_id', 'in', (eb) => eb.selectFrom('contract').select('id').where('customer_id', '=', customerId));
  if (q.q) {
    const lower = containsPattern(q.q.toLowerCase());
    const upper = containsPattern(q.q.toUpperCase());
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['equipment.model']), 'like', lower),
        eb(eb.fn('lower', ['equipment.pn']), 'like', lower),
        eb('equipment.sn', 'like', upper),
      ]),
    );
  }
  const soon = addDays(today, WARRANTY_EXPIRING_DAYS);
  if (q.warranty === 'unknown') base = base.where('equipment.warranty_end', 'is', null);
  if (q.warranty === 'expired') base = base.where('equipment.warranty_end', '<', today);
  if (q.warranty === 'expiring') base = base.where('equipment.warranty_end', '>=', today).where('equipment.warranty_end', '<=', soon);
  if (q.warranty === 'active') base = base.where('equipment.warranty_end', '>', soon);
  return base;
}

export async function listEquipment(db: Db, q: TEquipmentQuery, today: string): Promise<{ rows: EquipmentRow[]; total: number }> {
  const base = equipmentListQuery(db, q, today);
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  const [ids, count] = await Promise.all([
    base
      .select('equipment.id')
      .orderBy(SORT_COLUMNS[key], (ob) => (direction === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
      .orderBy('equipment.id', direction)
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: await rowsInOrder(db, ids), total: count.n };
}

/** Keyset paging by id for exports: the next `limit` matching units after `afterId`. */
export async function listEquipmentAfter(
  db: Db,
  f: EquipmentFilters,
  today: string,
  afterId: number,
  limit: number,
): Promise<EquipmentRow[]> {
  const ids = await equipmentListQuery(db, f, today)
    .select('equipment.id')
    .where('equipment.id', '>', afterId)
    .orderBy('equipment.id')
    .limit(limit)
    .execute();
  return rowsInOrder(db, ids);
}

async function rowsInOrder(db: Db, ids: readonly { id: number }[]): Promise<EquipmentRow[]> {
  const rows = new Map(
    (
      await findEquipmentByIds(
        db,
        ids.map((r) => r.id),
      )
    ).map((r) => [r.id, r]),
  );
  return ids.map((r) => rows.get(r.id) as EquipmentRow);
}

/** The engine's plan for an SN lookup (tests prove it is an index seek). */
export async function explainSnLookup(db: Db, sn: string): Promise<string[]> {
  const compiled = selectEquipment(db).where('equipment.sn', '=', sn).compile();
  const prefix = isPostgres(db) ? 'explain ' : 'explain query plan ';
  const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return r.rows.map((row) => String(row['QUERY PLAN'] ?? row.detail));
}
