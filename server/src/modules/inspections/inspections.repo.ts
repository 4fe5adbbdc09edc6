import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import type { RequestCondition } from '../service-requests/service-requests.service';
import type {
  ContractBurnInSettingTable,
  DeliveryNoteTable,
  InspectionBurnInTable,
  InspectionTable,
  InspectionUnitTable,
  LicenceTable,
} from './inspections.table';

function selectInspections(db: Db) {
  return db
    .selectFrom('inspection as i')
    .innerJoin('service_request as sr', 'sr.id', 'i.service_request_id')
    .innerJoin('contract', 'contract.id', 'i.contract_id')
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .leftJoin('app_user as eng', 'eng.id', 'sr.responsible_engineer_id')
    .leftJoin('contract_burn_in_setting as cbs', 'cbs.contract_id', 'i.contract_id')
    .selectAll('i')
    .select([
      'sr.number as request_number',
      'sr.responsible_engineer_id',
      'sr.backup_engineer_id',
      'contract.number as contract_number',
      'customer.id as customer_id',
      'customer.name as customer_name',
      'eng.name as engineer_name',
      'cbs.min_hours',
    ]);
}
export type InspectionRow = Awaited<ReturnType<ReturnType<typeof selectInspections>['executeTakeFirstOrThrow']>>;

export function findInspection(db: Db, id: number): Promise<InspectionRow | undefined> {
  return selectInspections(db).where('i.id', '=', id).executeTakeFirst();
}

export function findInspectionIdOfRequest(db: Db, requestId: number): Promise<{ id: number } | undefined> {
  return db.selectFrom('inspection').select('id').where('service_request_id', '=', requestId).executeTakeFirst();
}

/** Every inspection the condition lets the reader see (their count is the company's goods intake: hundreds). */
export function listInspectionRows(db: Db, readable: RequestCondition | undefined, shipFrom?: string, shipTo?: string) {
  let q = selectInspections(db);
  if (readable) q = q.where(readable);
  if (shipFrom) q = q.where('i.planned_ship_date', '>=', shipFrom);
  if (shipTo) q = q.where('i.planned_ship_date', '<=', shipTo);
  return q.orderBy('i.planned_ship_date').orderBy('i.id', 'desc').execute();
}

/** The inspections of these requests (dispatch board, my work). */
export function listInspectionRowsOfRequests(db: Db, requestIds: readonly number[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return selectInspections(db)
    .where('i.service_request_id', 'in', [...requestIds])
    .execute();
}

export function insertInspection(db: Db, row: Insertable<InspectionTable>): Promise<number> {
  return insertReturningId(db, 'inspection', row);
}

export function updateInspection(db: Db, id: number, version: number, patch: Updateable<InspectionTable>): Promise<void> {
  return updateVersioned(db, 'inspection', id, version, patch);
}

/** Bump the inspection's version and time: a change to one of its parts is a change to it. */
export async function touchInspection(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('inspection')
    .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export type UnitRow = Selectable<InspectionUnitTable> & { ready_by_name: string | null };

export function findUnits(db: Db, inspectionIds: readonly number[]): Promise<UnitRow[]> {
  if (inspectionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspection_unit as u')
    .leftJoin('app_user as rb', 'rb.id', 'u.ready_by_id')
    .selectAll('u')
    .select('rb.name as ready_by_name')
    .where('u.inspection_id', 'in', [...inspectionIds])
    .orderBy('u.id')
    .execute();
}

export function insertUnit(db: Db, row: Insertable<InspectionUnitTable>): Promise<number> {
  return insertReturningId(db, 'inspection_unit', row);
}

export function updateUnit(db: Db, id: number, version: number, patch: Updateable<InspectionUnitTable>): Promise<void> {
  return updateVersioned(db, 'inspection_unit', id, version, patch);
}

export async function setUnitsBurnIn(db: Db, unitIds: readonly number[], burnInId: number, at: string): Promise<void> {
  await db
    .updateTable('inspection_unit')
    .set((eb) => ({ burn_in_id: burnInId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', 'in', [...unitIds])
    .execute();
}

export async function setUnitsDeliveryNote(db: Db, unitIds: readonly number[], noteId: number, at: string): Promise<void> {
  await db
    .updateTable('inspection_unit')
    .set((eb) => ({ delivery_note_id: noteId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', 'in', [...unitIds])
    .execute();
}

/** The SNs among these already received under the contract (R-GOODS-1: a SN once per contract). */
export async function takenSns(db: Db, contractId: number, sns: readonly string[], exceptUnitId?: number): Promise<Set<string>> {
  if (sns.length === 0) return new Set();
  let q = db
    .selectFrom('inspection_unit')
    .select('sn')
    .where('contract_id', '=', contractId)
    .where('sn', 'in', [...sns]);
  if (exceptUnitId) q = q.where('id', '!=', exceptUnitId);
  return new Set((await q.execute()).map((r) => r.sn as string));
}

export type BurnInRow = Selectable<InspectionBurnInTable>;

export function findBurnIns(db: Db, inspectionIds: readonly number[]): Promise<BurnInRow[]> {
  if (inspectionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspection_burn_in')
    .selectAll()
    .where('inspection_id', 'in', [...inspectionIds])
    .orderBy('id')
    .execute();
}

export function insertBurnIn(db: Db, row: Insertable<InspectionBurnInTable>): Promise<number> {
  return insertReturningId(db, 'inspection_burn_in', row);
}

export function updateBurnIn(db: Db, id: number, version: number, patch: Updateable<InspectionBurnInTable>): Promise<void> {
  return updateVersioned(db, 'inspection_burn_in', id, version, patch);
}

export async function setBurnInLog(db: Db, id: number, hash: string, name: string): Promise<void> {
  await db
    .updateTable('inspection_burn_in')
    .set((eb) => ({ log_hash: hash, log_name: name, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export type DeliveryNoteRow = Selectable<DeliveryNoteTable> & { created_by_name: string | null };

export function findDeliveryNotes(db: Db, inspectionIds: readonly number[]): Promise<DeliveryNoteRow[]> {
  if (inspectionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('delivery_note as d')
    .leftJoin('app_user as c', 'c.id', 'd.created_by_id')
    .selectAll('d')
    .select('c.name as created_by_name')
    .where('d.inspection_id', 'in', [...inspectionIds])
    .orderBy('d.id')
    .execute();
}

export function insertDeliveryNote(db: Db, row: Insertable<DeliveryNoteTable>): Promise<number> {
  return insertReturningId(db, 'delivery_note', row);
}

export function updateDeliveryNote(db: Db, id: number, version: number, patch: Updateable<DeliveryNoteTable>): Promise<void> {
  return updateVersioned(db, 'delivery_note', id, version, patch);
}

/** The contract's item list (R-GOODS-1): description, model, quantity — never its prices. */
export function findContractItems(db: Db, contractId: number) {
  return db
    .selectFrom('contract_item')
    .select(['id', 'line_no', 'description', 'model', 'quantity'])
    .where('contract_id', '=', contractId)
    .orderBy('line_no')
    .execute();
}

export function findBurnInSetting(db: Db, contractId: number) {
  return db.selectFrom('contract_burn_in_setting').selectAll().where('contract_id', '=', contractId).executeTakeFirst();
}

export async function upsertBurnInSetting(db: Db, row: Insertable<ContractBurnInSettingTable>): Promise<void> {
  await db
    .insertInto('contract_burn_in_setting')
    .values(row)
    .onConflict((oc) =>
      oc.column('contract_id').doUpdateSet({
        min_hours: row.min_hours,
        override_reason: row.override_reason,
        set_by_id: row.set_by_id,
        set_at: row.set_at,
      }),
    )
    .execute();
}

// ── Licences ──

function selectLicences(db: Db) {
  return db
    .selectFrom('licence as l')
    .innerJoin('contract', 'contract.id', 'l.contract_id')
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .leftJoin('inspection_unit as u', 'u.id', 'l.inspection_unit_id')
    .selectAll('l')
    .select(['contract.number as contract_number', 'customer.id as customer_id', 'customer.name as customer_name', 'u.sn as unit_sn']);
}
export type LicenceRow = Awaited<ReturnType<ReturnType<typeof selectLicences>['executeTakeFirstOrThrow']>>;

export function findLicence(db: Db, id: number): Promise<LicenceRow | undefined> {
  return selectLicences(db).where('l.id', '=', id).executeTakeFirst();
}

export async function listLicences(db: Db, q: { expiresBy?: string; contractId?: number; limit: number; offset: number }) {
  let base = selectLicences(db);
  if (q.expiresBy) base = base.where('l.demo_expires_on', 'is not', null).where('l.demo_expires_on', '<=', q.expiresBy);
  if (q.contractId) base = base.where('l.contract_id', '=', q.contractId);
  const [rows, count] = await Promise.all([
    base.orderBy('l.demo_expires_on').orderBy('l.id').limit(q.limit).offset(q.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function insertLicence(db: Db, row: Insertable<LicenceTable>): Promise<number> {
  return insertReturningId(db, 'licence', row);
}

export function updateLicence(db: Db, id: number, version: number, patch: Updateable<LicenceTable>): Promise<void> {
  return updateVersioned(db, 'licence', id, version, patch);
}

/** Demo licences ending by `by` whose reminder was not sent for their current expiry. */
export function licencesToRemind(db: Db, today: string, by: string) {
  return selectLicences(db)
    .where('l.demo_expires_on', '>=', today)
    .where('l.demo_expires_on', '<=', by)
    .where((eb) => eb.or([eb('l.demo_reminded_for', 'is', null), eb('l.demo_reminded_for', '!=', eb.ref('l.demo_expires_on'))]))
    .select(['contract.sales_owner_id'])
    .execute();
}

/** Stamp the reminder for this expiry; false when another sweep did it first. */
export async function markLicenceReminded(db: Db, id: number, expiresOn: string): Promise<boolean> {
  const r = await db
    .updateTable('licence')
    .set({ demo_reminded_for: expiresOn })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('demo_reminded_for', 'is', null), eb('demo_reminded_for', '!=', expiresOn)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The goods deviations raised from this inspection (R-ORG-8). */
export async function deviationIdsOf(db: Db, inspectionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_deviation')
    .select('goods_deviation_id')
    .where('inspection_id', '=', inspectionId)
    .orderBy('goods_deviation_id')
    .execute();
  return rows.map((r) => Number(r.goods_deviation_id));
}

export async function linkDeviation(db: Db, inspectionId: number, deviationId: number): Promise<void> {
  await db.insertInto('inspection_deviation').values({ inspection_id: inspectionId, goods_deviation_id: deviationId }).execute();
}

export async function unitOfContract(db: Db, contractId: number, unitId: number): Promise<boolean> {
  const r = await db
    .selectFrom('inspection_unit')
    .select('id')
    .where('id', '=', unitId)
    .where('contract_id', '=', contractId)
    .executeTakeFirst();
  return r !== undefined;
}
