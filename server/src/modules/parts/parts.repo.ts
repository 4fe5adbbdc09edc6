import { type Insertable, sql, type Updateable } from 'kysely';
import type { TFaultyPartTagQuery, TPartLoanQuery, TPartQuery, TStockQuery } from '@contract/parts';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { containsPattern, limitOffset } from '../../db/list-query';
import { updateVersioned } from '../../db/versioned-update';
import type {
  FaultyPartTagTable,
  PartInspectionTable,
  PartLoanTable,
  PartTable,
  StockLocationTable,
  StockMovementTable,
} from './parts.table';

// ── Catalogue ──

function selectParts(db: Db) {
  return db
    .selectFrom('part as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('stock_balance as b')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('b.quantity'), sql.lit(0)).as('q'))
        .whereRef('b.part_id', '=', 'p.id')
        .as('on_hand'),
      eb
        .selectFrom('stock_balance as b')
        .innerJoin('stock_location as l', 'l.id', 'b.location_id')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('b.quantity'), sql.lit(0)).as('q'))
        .whereRef('b.part_id', '=', 'p.id')
        .where('l.kind', '=', 'store')
        .as('in_store'),
    ]);
}
export type PartRow = Awaited<ReturnType<ReturnType<typeof selectParts>['executeTakeFirstOrThrow']>>;

export function insertPart(db: Db, row: Insertable<PartTable>): Promise<number> {
  return insertReturningId(db, 'part', row);
}

export async function partIdByPn(db: Db, pn: string): Promise<number | null> {
  const r = await db.selectFrom('part').select('id').where('pn', '=', pn).executeTakeFirst();
  return r ? Number(r.id) : null;
}

export function findPart(db: Db, id: number): Promise<PartRow | undefined> {
  return selectParts(db).where('p.id', '=', id).executeTakeFirst();
}

export async function listParts(db: Db, q: TPartQuery) {
  let base = selectParts(db);
  if (q.q) {
    const like = containsPattern(q.q);
    base = base.where((eb) => eb.or([eb('p.pn', 'like', like), eb('p.description', 'like', like)]));
  }
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('p.pn').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ── Locations ──

function selectLocations(db: Db) {
  return db
    .selectFrom('stock_location as l')
    .leftJoin('app_user as u', 'u.id', 'l.user_id')
    .leftJoin('customer as c', 'c.id', 'l.customer_id')
    .selectAll('l')
    .select(['u.name as user_name', 'c.name as customer_name']);
}
export type LocationRow = Awaited<ReturnType<ReturnType<typeof selectLocations>['executeTakeFirstOrThrow']>>;

export function listLocations(db: Db): Promise<LocationRow[]> {
  return selectLocations(db).orderBy('l.kind').orderBy('l.id').execute();
}

export function findLocation(db: Db, id: number): Promise<LocationRow | undefined> {
  return selectLocations(db).where('l.id', '=', id).executeTakeFirst();
}

export async function mainStoreId(db: Db): Promise<number> {
  const r = await db.selectFrom('stock_location').select('id').where('kind', '=', 'store').orderBy('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export function insertLocation(db: Db, row: Insertable<StockLocationTable>): Promise<number> {
  return insertReturningId(db, 'stock_location', row);
}

/** The place of a user's bag or a customer's loans, made when first used. */
export async function ensureLocation(db: Db, kind: 'bag' | 'customer', ownerId: number, at: string): Promise<number> {
  const column = kind === 'bag' ? 'user_id' : 'customer_id';
  const found = await db.selectFrom('stock_location').select('id').where(column, '=', ownerId).executeTakeFirst();
  if (found) return Number(found.id);
  const name =
    kind === 'bag'
      ? (await db.selectFrom('app_user').select('name').where('id', '=', ownerId).executeTakeFirst())?.name
      : (await db.selectFrom('customer').select('name').where('id', '=', ownerId).executeTakeFirst())?.name;
  if (name === undefined) return 0;
  return insertLocation(db, { kind, name, [column]: ownerId, created_at: at });
}

// ── Ledger and running balance ──

export function insertMovement(db: Db, row: Insertable<StockMovementTable>): Promise<number> {
  return insertReturningId(db, 'stock_movement', row);
}

/**
 * Take `quantity` off a part's balance at a place, only if that much is there: one conditional
 * UPDATE, so of concurrent takers of the last unit exactly one passes (PostgreSQL re-checks the
 * condition after the row lock is released; SQLite has one writer). False: not enough.
 */
export async function takeFromBalance(db: Db, partId: number, locationId: number, quantity: number): Promise<boolean> {
  const r = await db
    .updateTable('stock_balance')
    .set({ quantity: sql`quantity - ${quantity}` })
    .where('part_id', '=', partId)
    .where('location_id', '=', locationId)
    .where('quantity', '>=', quantity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addToBalance(db: Db, partId: number, locationId: number, quantity: number): Promise<void> {
  await db
    .insertInto('stock_balance')
    .values({ part_id: partId, location_id: locationId, quantity })
    .onConflict((oc) => oc.columns(['part_id', 'location_id']).doUpdateSet({ quantity: sql`stock_balance.quantity + ${quantity}` }))
    .execute();
}

/** Move an SN-tracked unit if it is where the movement says (from null: outside stock). False: it is not. */
export async function moveSerial(db: Db, partId: number, sn: string, from: number | null, to: number | null): Promise<boolean> {
  const r = await db
    .updateTable('part_serial')
    .set({ location_id: to })
    .where('part_id', '=', partId)
    .where('sn', '=', sn)
    .where('location_id', from === null ? 'is' : '=', from)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return true;
  if (from !== null) return false;
  // Never seen before: recorded now. An SN in stock elsewhere makes the insert conflict.
  const inserted = await db
    .insertInto('part_serial')
    .values({ part_id: partId, sn, location_id: to })
    .onConflict((oc) => oc.columns(['part_id', 'sn']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findSerial(db: Db, partId: number, sn: string) {
  return db.selectFrom('part_serial').selectAll().where('part_id', '=', partId).where('sn', '=', sn).executeTakeFirst();
}

/** Stock on hand of one part per place: read from the running balance, never by scanning the ledger. */
export function stockOfPart(db: Db, partId: number) {
  return db
    .selectFrom('stock_balance')
    .select(['location_id', 'quantity'])
    .where('part_id', '=', partId)
    .where('quantity', '>', 0)
    .execute();
}

function selectStock(db: Db, q: Omit<TStockQuery, 'page' | 'pageSize'>) {
  let base = db
    .selectFrom('stock_balance as b')
    .innerJoin('part as p', 'p.id', 'b.part_id')
    .innerJoin('stock_location as l', 'l.id', 'b.location_id')
    .select([
      'b.part_id',
      'b.location_id',
      'b.quantity',
      'p.pn',
      'p.description',
      'p.tracking',
      'l.name as location_name',
      'l.kind as location_kind',
    ])
    .where('b.quantity', '>', 0);
  if (q.partId) base = base.where('b.part_id', '=', q.partId);
  if (q.locationId) base = base.where('b.location_id', '=', q.locationId);
  if (q.locationKind) base = base.where('l.kind', '=', q.locationKind);
  return base;
}
export type StockRow = Awaited<ReturnType<ReturnType<typeof selectStock>['executeTakeFirstOrThrow']>>;

export async function listStock(db: Db, q: TStockQuery) {
  const base = selectStock(db, q);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('p.pn').orderBy('b.location_id').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every stock line, in pages by (part, place) — for the export. */
export function listStockAfter(db: Db, q: Omit<TStockQuery, 'page' | 'pageSize'>, after: [number, number] | null, limit: number) {
  let base = selectStock(db, q);
  if (after) {
    const [p, l] = after;
    base = base.where((eb) => eb.or([eb('b.part_id', '>', p), eb.and([eb('b.part_id', '=', p), eb('b.location_id', '>', l)])]));
  }
  return base.orderBy('b.part_id').orderBy('b.location_id').limit(limit).execute();
}

/** The SNs at these places (SN-tracked parts of a page of stock lines). */
export function serialsAt(db: Db, partIds: readonly number[]) {
  if (partIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('part_serial')
    .select(['part_id', 'sn', 'location_id'])
    .where('part_id', 'in', [...partIds])
    .where('location_id', 'is not', null)
    .orderBy('sn')
    .execute();
}

function selectMovements(db: Db) {
  return db
    .selectFrom('stock_movement as m')
    .innerJoin('part as p', 'p.id', 'm.part_id')
    .leftJoin('stock_location as f', 'f.id', 'm.from_location_id')
    .leftJoin('stock_location as t', 't.id', 'm.to_location_id')
    .leftJoin('app_user as u', 'u.id', 'm.actor_id')
    .leftJoin('service_request as sr', 'sr.id', 'm.service_request_id')
    .selectAll('m')
    .select(['p.pn', 'p.tracking', 'f.name as from_name', 't.name as to_name', 'u.name as actor_name', 'sr.number as request_number']);
}
export type MovementRow = Awaited<ReturnType<ReturnType<typeof selectMovements>['executeTakeFirstOrThrow']>>;

export function listMovementsOfPart(db: Db, partId: number, limit: number): Promise<MovementRow[]> {
  return selectMovements(db).where('m.part_id', '=', partId).orderBy('m.id', 'desc').limit(limit).execute();
}

/** The whole ledger in order (the replay check of the property test). */
export function allMovements(db: Db) {
  return db
    .selectFrom('stock_movement as m')
    .innerJoin('part as p', 'p.id', 'm.part_id')
    .select(['m.part_id', 'm.sn', 'm.quantity', 'm.from_location_id', 'm.to_location_id', 'p.tracking'])
    .orderBy('m.id')
    .execute();
}

export function allBalances(db: Db) {
  return db.selectFrom('stock_balance').selectAll().execute();
}

export function allSerials(db: Db) {
  return db.selectFrom('part_serial').selectAll().execute();
}

// ── Inspections ──

export function insertInspection(db: Db, row: Insertable<PartInspectionTable>): Promise<number> {
  return insertReturningId(db, 'part_inspection', row);
}

// ── Loans ──

function selectLoans(db: Db, today: string) {
  return db
    .selectFrom('part_loan as k')
    .innerJoin('part as p', 'p.id', 'k.part_id')
    .innerJoin('app_user as b', 'b.id', 'k.borrower_id')
    .innerJoin('stock_location as f', 'f.id', 'k.from_location_id')
    .innerJoin('customer as c', 'c.id', 'k.customer_id')
    .leftJoin('service_request as sr', 'sr.id', 'k.service_request_id')
    .leftJoin('app_user as a', 'a.id', 'k.approved_by_id')
    .leftJoin('part_inspection as ti', 'ti.id', 'k.test_inspection_id')
    .leftJoin('app_user as tu', 'tu.id', 'ti.inspected_by_id')
    .selectAll('k')
    .select([
      'p.pn',
      'p.description as part_description',
      'b.name as borrower_name',
      'f.name as from_name',
      'c.name as customer_name',
      'sr.number as request_number',
      'a.name as approved_by_name',
      'ti.inspected_at as test_at',
      'ti.note as test_note',
      'ti.inspected_by_id as test_by_id',
      'tu.name as test_by_name',
    ])
    .select(sql<number>`case when k.state = 'open' and k.due_date < ${today} then 1 else 0 end`.as('is_overdue'));
}
export type LoanRow = Awaited<ReturnType<ReturnType<typeof selectLoans>['executeTakeFirstOrThrow']>>;

export function insertLoan(db: Db, row: Insertable<PartLoanTable>): Promise<number> {
  return insertReturningId(db, 'part_loan', row);
}

export function findLoan(db: Db, id: number, today: string): Promise<LoanRow | undefined> {
  return selectLoans(db, today).where('k.id', '=', id).executeTakeFirst();
}

export async function listLoans(db: Db, q: TPartLoanQuery, today: string) {
  let base = selectLoans(db, today);
  if (q.state) base = base.where('k.state', '=', q.state);
  if (q.overdue === 'true') base = base.where('k.state', '=', 'open').where('k.due_date', '<', today);
  if (q.overdue === 'false') base = base.where((eb) => eb.or([eb('k.state', '!=', 'open'), eb('k.due_date', '>=', today)]));
  if (q.paperworkPending) base = base.where('k.paperwork_pending', '=', q.paperworkPending === 'true' ? 1 : 0);
  if (q.serviceRequestId) base = base.where('k.service_request_id', '=', q.serviceRequestId);
  if (q.borrowerId) base = base.where('k.borrower_id', '=', q.borrowerId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('k.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function listLoansAfter(db: Db, q: Omit<TPartLoanQuery, 'page' | 'pageSize'>, today: string, afterId: number, limit: number) {
  let base = selectLoans(db, today).where('k.id', '>', afterId);
  if (q.state) base = base.where('k.state', '=', q.state);
  if (q.overdue === 'true') base = base.where('k.state', '=', 'open').where('k.due_date', '<', today);
  if (q.paperworkPending) base = base.where('k.paperwork_pending', '=', q.paperworkPending === 'true' ? 1 : 0);
  if (q.serviceRequestId) base = base.where('k.service_request_id', '=', q.serviceRequestId);
  if (q.borrowerId) base = base.where('k.borrower_id', '=', q.borrowerId);
  return base.orderBy('k.id').limit(limit).execute();
}

/** A conditional update of a loan: only if it is still in `state` (and, given, paperwork pending). False: it was not. */
export async function updateLoanIf(
  db: Db,
  id: number,
  expect: { state: string; paperworkPending?: 0 | 1 },
  patch: Updateable<PartLoanTable>,
): Promise<boolean> {
  let q = db
    .updateTable('part_loan')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('state', '=', expect.state);
  if (expect.paperworkPending !== undefined) q = q.where('paperwork_pending', '=', expect.paperworkPending);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Emergency loans whose paperwork has been pending since before `before` and not escalated yet. */
export function loansPendingSince(db: Db, before: string) {
  return db
    .selectFrom('part_loan')
    .select(['id', 'number', 'borrower_id', 'borrowed_at'])
    .where('paperwork_pending', '=', 1)
    .where('paperwork_escalated_at', 'is', null)
    .where('borrowed_at', '<', before)
    .orderBy('id')
    .execute();
}

export async function markPaperworkEscalated(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('part_loan')
    .set({ paperwork_escalated_at: at })
    .where('id', '=', id)
    .where('paperwork_escalated_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function overdueLoansNotNotified(db: Db, today: string) {
  return db
    .selectFrom('part_loan')
    .select(['id', 'number', 'borrower_id', 'due_date'])
    .where('state', '=', 'open')
    .where('due_date', '<', today)
    .where('overdue_notified_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function markOverdueNotified(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('part_loan')
    .set({ overdue_notified_at: at })
    .where('id', '=', id)
    .where('overdue_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── Faulty part tags ──

function selectTags(db: Db) {
  return db
    .selectFrom('faulty_part_tag as g')
    .leftJoin('part as p', 'p.id', 'g.part_id')
    .leftJoin('customer as c', 'c.id', 'g.customer_id')
    .leftJoin('service_request as sr', 'sr.id', 'g.service_request_id')
    .leftJoin('app_user as e', 'e.id', 'g.engineer_id')
    .leftJoin('app_user as r', 'r.id', 'g.received_by_id')
    .leftJoin('part_inspection as i', 'i.id', 'g.inspection_id')
    .leftJoin('app_user as iu', 'iu.id', 'i.inspected_by_id')
    .selectAll('g')
    .select([
      'p.pn as part_pn',
      'c.name as customer_name',
      'sr.number as request_number',
      'e.name as engineer_name',
      'r.name as received_by_name',
      'i.result as inspection_result',
      'i.note as inspection_note',
      'i.inspected_at',
      'i.inspected_by_id',
      'iu.name as inspected_by_name',
    ]);
}
export type TagRow = Awaited<ReturnType<ReturnType<typeof selectTags>['executeTakeFirstOrThrow']>>;

export function insertTag(db: Db, row: Insertable<FaultyPartTagTable>): Promise<number> {
  return insertReturningId(db, 'faulty_part_tag', row);
}

export function findTag(db: Db, id: number): Promise<TagRow | undefined> {
  return selectTags(db).where('g.id', '=', id).executeTakeFirst();
}

function filterTags<Q extends ReturnType<typeof selectTags>>(base: Q, q: Omit<TFaultyPartTagQuery, 'page' | 'pageSize'>): Q {
  let b = base;
  if (q.disposition) b = b.where('g.disposition', '=', q.disposition) as Q;
  if (q.received === 'true') b = b.where('g.received_at', 'is not', null) as Q;
  if (q.received === 'false') b = b.where('g.received_at', 'is', null) as Q;
  if (q.serviceRequestId) b = b.where('g.service_request_id', '=', q.serviceRequestId) as Q;
  return b;
}

export async function listTags(db: Db, q: TFaultyPartTagQuery) {
  const base = filterTags(selectTags(db), q);
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

export function listTagsAfter(db: Db, q: Omit<TFaultyPartTagQuery, 'page' | 'pageSize'>, afterId: number, limit: number) {
  return filterTags(selectTags(db), q).where('g.id', '>', afterId).orderBy('g.id').limit(limit).execute();
}

export function updateTag(db: Db, id: number, version: number, patch: Updateable<FaultyPartTagTable>): Promise<void> {
  return updateVersioned(db, 'faulty_part_tag', id, version, patch);
}

// ── Checks on other areas' records, by id ──

export async function customerExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('customer').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function serviceRequestExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('service_request').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

// ── Parts used (the reports' monthly summary) ──

/**
 * The parts replaced on visits to these contracts' requests in [fromAt, toAt) that were not put back
 * before `toAt` (R-EMER-7), and the spares of loans on those requests the customer kept, returned in
 * the range — the two records of a part left fitted at the customer's.
 */
export async function partsFittedOnContracts(db: Db, contractIds: readonly number[], fromAt: string, toAt: string) {
  if (contractIds.length === 0) return { swaps: [], kept: [] };
  const swaps = await db
    .selectFrom('visit_unit as u')
    .innerJoin('service_request as sr', 'sr.id', 'u.service_request_id')
    .select(['u.id', 'u.service_request_id', 'u.new_sn'])
    .where('sr.contract_id', 'in', [...contractIds])
    .where('u.action', '=', 'replaced')
    .where('u.recorded_at', '>=', fromAt)
    .where('u.recorded_at', '<', toAt)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('visit_unit as p')
            .select('p.id')
            .whereRef('p.reverts_id', '=', 'u.id')
            .where('p.action', '=', 'put_back')
            .where('p.recorded_at', '<', toAt),
        ),
      ),
    )
    .execute();
  const kept = await db
    .selectFrom('part_loan as l')
    .innerJoin('service_request as sr', 'sr.id', 'l.service_request_id')
    .select(['l.id', 'l.service_request_id', 'l.sn', 'l.quantity'])
    .where('sr.contract_id', 'in', [...contractIds])
    .where('l.state', '=', 'returned')
    .where('l.return_condition', '=', 'kept')
    .where('l.returned_at', '>=', fromAt)
    .where('l.returned_at', '<', toAt)
    .execute();
  return { swaps, kept };
}
