import type { Insertable } from 'kysely';
import {
  normaliseBrand,
  normaliseSn,
  type TCreateEquipment,
  type TEquipment,
  type TEquipmentDetail,
  type TEquipmentQuery,
  type TSnLookupResult,
  type TUpdateEquipment,
} from '@contract/equipment';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit, recordAuditMany } from '../audit/audit.service';
import { getContractSummaries, requireContractRefs } from '../contracts/contracts.service';
import { indexEntry, indexNewEntries, removeEntry } from '../search/search.service';
import { equipmentEntry } from './equipment.search';
import type { EquipmentTable } from './equipment.table';
import { type EquipmentFields, equipmentFields, toEquipment } from './equipment.view';
import * as repo from './equipment.repo';

/** Where a field's error is reported: `sn` for one unit, `12.sn` for row 12 of a batch. */
type IssuePath = (index: number, field: string) => string;
const singlePath: IssuePath = (_i, field) => field;
const batchPath: IssuePath = (i, field) => `${i}.${field}`;

// ── Reading ──

/** Units with their contract, shaped for the reader (R-ORG-5: prices only with `contracts.prices`). */
async function withContracts(db: Db, actor: Actor, units: readonly TEquipment[]): Promise<TEquipmentDetail[]> {
  const contracts = await getContractSummaries(
    db,
    actor,
    units.map((u) => u.contractId),
  );
  return units.map((u) => {
    const contract = contracts.get(u.contractId);
    if (!contract) throw new AppError('NOT_FOUND');
    return { ...u, contract };
  });
}

export async function getEquipment(db: Db, actor: Actor, id: number, today: string): Promise<TEquipmentDetail> {
  const row = await repo.findEquipmentById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [detail] = await withContracts(db, actor, [toEquipment(row, today)]);
  return detail;
}

export async function listEquipment(db: Db, q: TEquipmentQuery, today: string): Promise<Page<TEquipment>> {
  const { rows, total } = await repo.listEquipment(db, q, today);
  return { items: rows.map((r) => toEquipment(r, today)), total, page: q.page, pageSize: q.pageSize };
}

/** For exports: the next `limit` units matching the filters after id `afterId`, in id order. */
export async function listEquipmentAfter(
  db: Db,
  filters: repo.EquipmentFilters,
  today: string,
  afterId: number,
  limit: number,
): Promise<TEquipment[]> {
  return (await repo.listEquipmentAfter(db, filters, today, afterId, limit)).map((r) => toEquipment(r, today));
}

/** R-GOODS-6: find a unit by its serial number from anywhere — exact, any case, an index seek. */
export async function findEquipmentBySn(db: Db, actor: Actor, sn: string, today: string): Promise<TSnLookupResult> {
  const key = normaliseSn(sn);
  const rows = await repo.findEquipmentBySn(db, key);
  return {
    sn: key,
    items: await withContracts(
      db,
      actor,
      rows.map((r) => toEquipment(r, today)),
    ),
  };
}

/** Registered units among these SNs (normalised here), for imports checking uniqueness per brand up front. */
export async function findRegisteredSns(db: Db, sns: readonly string[]): Promise<{ id: number; sn: string; brandKey: string }[]> {
  const rows = await repo.findBySns(db, sns.map(normaliseSn).filter(Boolean));
  return rows.map((r) => ({ id: r.id, sn: r.sn ?? '', brandKey: r.brand_key }));
}

// ── Writing ──

export async function createEquipment(db: Db, actor: Actor, input: TCreateEquipment, today: string): Promise<TEquipmentDetail> {
  return transact(db, async (trx) => {
    const [created] = await insertEquipment(trx, actor, [input], singlePath);
    return getEquipment(trx, actor, created.id, today);
  });
}

/**
 * Register many units inside the caller's transaction, in a handful of multi-row INSERTs,
 * without reading them back: for imports (10 000 rows in one transaction). Errors name the
 * row: `3.sn`. Returns the units as stored.
 */
export function createEquipmentMany(trx: Db, actor: Actor, rows: readonly TCreateEquipment[]): Promise<EquipmentFields[]> {
  return insertEquipment(trx, actor, rows, batchPath);
}

async function insertEquipment(trx: Db, actor: Actor, inputs: readonly TCreateEquipment[], pathOf: IssuePath): Promise<EquipmentFields[]> {
  if (inputs.length === 0) return [];
  const contracts = await requireContractRefs(
    trx,
    inputs.map((e) => e.contractId),
    (i) => pathOf(i, 'contractId'),
  );
  const at = nowIso();
  const rows = inputs.map((e, i): Insertable<EquipmentTable> & Omit<EquipmentTable, 'id'> => {
    const row = {
      contract_id: e.contractId,
      product_type: e.productType,
      brand: e.brand,
      brand_key: normaliseBrand(e.brand),
      model: e.model,
      pn: blankToNull(e.pn),
      sn: e.sn ? normaliseSn(e.sn) || null : null,
      quantity: e.quantity,
      site: blankToNull(e.site),
      warranty_start: e.warrantyStart ?? null,
      warranty_end: e.warrantyEnd ?? null,
      vendor_warranty_end: e.vendorWarrantyEnd ?? null,
      license_key: blankToNull(e.licenseKey),
      hostid: blankToNull(e.hostid),
      software_serial: blankToNull(e.softwareSerial),
      notes: blankToNull(e.notes),
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      deleted_by_id: null,
      delete_reason: null,
    };
    assertUnitRules(row, (field) => pathOf(i, field));
    return row;
  });
  await assertSnsFree(trx, rows, pathOf);
  const ids = await repo.insertEquipment(trx, rows);
  const created = rows.map((r, i) => {
    const contract = contracts.get(r.contract_id);
    return equipmentFields({
      ...r,
      id: ids[i],
      contract_number: contract?.number ?? '',
      customer_id: contract?.customer.id ?? 0,
      customer_name: contract?.customer.name ?? '',
    });
  });
  await recordAuditMany(
    trx,
    actor,
    created.map((e) => ({ entity: 'equipment', entityId: e.id, action: 'create', after: e })),
  );
  await indexNewEntries(trx, created.map(equipmentEntry));
  return created;
}

export async function updateEquipment(db: Db, actor: Actor, id: number, input: TUpdateEquipment, today: string): Promise<TEquipmentDetail> {
  return transact(db, async (trx) => {
    await updateEquipmentIn(trx, actor, id, input);
    return getEquipment(trx, actor, id, today);
  });
}

/** The same edit inside the caller's transaction (a part replaced on a visit changes the unit's PN/SN, R-INST-7). */
export async function updateEquipmentIn(trx: Db, actor: Actor, id: number, input: TUpdateEquipment): Promise<void> {
  const beforeRow = await repo.findEquipmentById(trx, id);
  if (!beforeRow) throw new AppError('NOT_FOUND');
  const before = equipmentFields(beforeRow);
  if (input.contractId !== undefined) await requireContractRefs(trx, [input.contractId], () => 'contractId');
  const merged = {
    ...beforeRow,
    ...(input.contractId !== undefined && { contract_id: input.contractId }),
    ...(input.productType !== undefined && { product_type: input.productType }),
    ...(input.brand !== undefined && { brand: input.brand, brand_key: normaliseBrand(input.brand) }),
    ...(input.model !== undefined && { model: input.model }),
    ...(input.pn !== undefined && { pn: blankToNull(input.pn) }),
    ...(input.sn !== undefined && { sn: input.sn ? normaliseSn(input.sn) || null : null }),
    ...(input.quantity !== undefined && { quantity: input.quantity }),
    ...(input.site !== undefined && { site: blankToNull(input.site) }),
    ...(input.warrantyStart !== undefined && { warranty_start: input.warrantyStart }),
    ...(input.warrantyEnd !== undefined && { warranty_end: input.warrantyEnd }),
    ...(input.vendorWarrantyEnd !== undefined && { vendor_warranty_end: input.vendorWarrantyEnd }),
    ...(input.licenseKey !== undefined && { license_key: blankToNull(input.licenseKey) }),
    ...(input.hostid !== undefined && { hostid: blankToNull(input.hostid) }),
    ...(input.softwareSerial !== undefined && { software_serial: blankToNull(input.softwareSerial) }),
    ...(input.notes !== undefined && { notes: blankToNull(input.notes) }),
  };
  assertUnitRules(merged, (field) => field);
  if (merged.sn !== beforeRow.sn || merged.brand_key !== beforeRow.brand_key) await assertSnsFree(trx, [merged], singlePath, id);
  const { id: _id, contract_number: _n, customer_id: _c, customer_name: _cn, version: _v, created_at: _at, ...patch } = merged;
  await repo.updateEquipment(trx, id, input.version, { ...patch, updated_at: nowIso() });
  const afterRow = await repo.findEquipmentById(trx, id);
  if (!afterRow) throw new AppError('NOT_FOUND');
  const after = equipmentFields(afterRow);
  await indexEntry(trx, equipmentEntry(after));
  await recordAudit(trx, actor, { entity: 'equipment', entityId: id, action: 'update', before, after });
}

/**
 * Removes a unit from the installed base — a manager's action (`equipment.delete`, see
 * docs/ARCHITECTURE.md). A soft delete with a reason: the requests and reports that name the unit
 * keep it; it leaves the lists, the lookups and the search.
 */
export async function deleteEquipment(db: Db, actor: Actor, id: number, reason: string): Promise<void> {
  await transact(db, (trx) => removeEquipmentIn(trx, actor, id, reason));
}

/**
 * The same removal inside the caller's transaction: a unit taken out on a visit (R-INST-7) leaves the
 * installed base; the visit's record of it is the permission (the engineer on site removes it).
 */
export async function removeEquipmentIn(trx: Db, actor: Actor, id: number, reason: string): Promise<void> {
  const row = await repo.findEquipmentById(trx, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (!(await repo.markEquipmentDeleted(trx, id, { at: nowIso(), byId: actor.id, reason }))) throw new AppError('NOT_FOUND');
  await removeEntry(trx, 'equipment', id);
  await recordAudit(trx, actor, { entity: 'equipment', entityId: id, action: 'delete', before: equipmentFields(row), after: { reason } });
}

// ── Rules ──

type UnitColumns = Pick<EquipmentTable, 'sn' | 'brand_key' | 'quantity' | 'warranty_start' | 'warranty_end'>;

/** A unit with an SN is one unit; a warranty does not end before it starts. */
function assertUnitRules(u: UnitColumns, pathOf: (field: string) => string): void {
  if (u.sn && u.quantity !== 1)
    throw fieldError(pathOf('quantity'), { zh: '有序列号（SN）的设备数量必须为 1', en: 'must be 1 for a unit with an SN' });
  if (u.warranty_start && u.warranty_end && u.warranty_end < u.warranty_start)
    throw fieldError(pathOf('warrantyEnd'), { zh: '不能早于保修开始日期', en: 'must not be before warrantyStart' });
}

/** R-GOODS-6: an SN is unique per brand — among the stored units and within the batch. */
async function assertSnsFree(db: Db, units: readonly UnitColumns[], pathOf: IssuePath, exceptId?: number): Promise<void> {
  const sns = units.map((u) => u.sn).filter((sn): sn is string => sn !== null);
  const taken = new Set((await repo.findBySns(db, sns)).filter((r) => r.id !== exceptId).map((r) => `${r.brand_key}\u0000${r.sn}`));
  for (const [i, u] of units.entries()) {
    if (!u.sn) continue;
    const key = `${u.brand_key}\u0000${u.sn}`;
    if (taken.has(key))
      throw new AppError('EQUIPMENT_SN_TAKEN', [{ path: pathOf(i, 'sn'), message: `${u.sn} already registered for this brand` }]);
    taken.add(key);
  }
}

function blankToNull(v: string | null | undefined): string | null {
  return v ? v : null;
}

/** The units of one contract; the contract must exist. */
export async function listContractEquipment(
  db: Db,
  actor: Actor,
  contractId: number,
  q: Omit<TEquipmentQuery, 'contractId' | 'customerId'>,
  today: string,
): Promise<Page<TEquipment>> {
  if (!(await getContractSummaries(db, actor, [contractId])).has(contractId)) throw new AppError('NOT_FOUND');
  return listEquipment(db, { ...q, contractId }, today);
}

/** After a contract's number or customer changed: its units' search entries (contracts.service), inside that transaction. */
export { reindexEquipmentOfContract } from './equipment.search';
