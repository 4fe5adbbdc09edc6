import { type Insertable, sql, type Updateable } from 'kysely';
import { dayStartInstant } from '@contract/zoned-time';
import type { TVisitQuery, TWarrantyRegistrationQuery } from '@contract/visits';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { limitOffset } from '../../db/list-query';
import { updateVersioned } from '../../db/versioned-update';
import type { RequestCondition } from '../service-requests/service-requests.service';
import type { VisitTable } from './visits.table';
import type {
  VisitActionTable,
  VisitApprovalTable,
  VisitDetailColumns,
  VisitExtraRequestTable,
  VisitPhotoTable,
  VisitProblemTable,
  VisitUnitTable,
} from './visit-records.table';

function selectVisits(db: Db) {
  return db
    .selectFrom('visit as v')
    .innerJoin('service_request as sr', 'sr.id', 'v.service_request_id')
    .innerJoin('customer', 'customer.id', 'sr.customer_id')
    .leftJoin('contract', 'contract.id', 'sr.contract_id')
    .innerJoin('app_user as eng', 'eng.id', 'v.engineer_id')
    .leftJoin('app_user as caller', 'caller.id', 'v.pre_call_by_id')
    .selectAll('v')
    .select([
      'sr.number as request_number',
      'sr.kind as request_kind',
      'sr.state as request_state',
      'sr.site_address as request_site_address',
      'sr.contract_id as contract_id',
      'sr.agreed_arrival_at as request_agreed_arrival_at',
      'contract.number as contract_number',
      'customer.id as customer_id',
      'customer.name as customer_name',
      'eng.name as engineer_name',
      'caller.name as pre_call_by_name',
    ]);
}
export type VisitRow = Awaited<ReturnType<ReturnType<typeof selectVisits>['executeTakeFirstOrThrow']>>;

export function findVisitById(db: Db, id: number): Promise<VisitRow | undefined> {
  return selectVisits(db).where('v.id', '=', id).executeTakeFirst();
}

export function insertVisit(db: Db, row: Insertable<VisitTable>): Promise<number> {
  return insertReturningId(db, 'visit', row);
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateVisit(db: Db, id: number, version: number, patch: Updateable<VisitTable & VisitDetailColumns>): Promise<void> {
  return updateVersioned(db, 'visit', id, version, patch);
}

export async function listVisits(db: Db, q: TVisitQuery, readable: RequestCondition | undefined, me: number | null, timeZone: string) {
  let base = selectVisits(db);
  if (readable) base = base.where(readable);
  if (q.serviceRequestId) base = base.where('v.service_request_id', '=', q.serviceRequestId);
  const engineerId = q.mine === 'true' ? (me ?? 0) : q.engineerId;
  if (engineerId)
    base = base.where((eb) =>
      eb.or([
        eb('v.engineer_id', '=', engineerId),
        eb(
          'v.id',
          'in',
          eb.selectFrom('visit_engineer').select('visit_engineer.visit_id').where('visit_engineer.user_id', '=', engineerId),
        ),
      ]),
    );
  // The visit's day: its arrival, else its travel start, else when it was planned (instants of the company's day bounds).
  const day = sql<string>`coalesce(v.arrived_at, v.travel_started_at, v.created_at)`;
  if (q.from) base = base.where(day, '>=', dayStartInstant(q.from, timeZone));
  if (q.to) base = base.where(day, '<', dayStartInstant(q.to, timeZone, 1));
  if (q.customerId) base = base.where('sr.customer_id', '=', q.customerId);
  if (q.stage === 'planned') base = base.where('v.travel_started_at', 'is', null).where('v.arrived_at', 'is', null);
  if (q.stage === 'travelling') base = base.where('v.travel_started_at', 'is not', null).where('v.arrived_at', 'is', null);
  if (q.stage === 'on_site') base = base.where('v.arrived_at', 'is not', null).where('v.departed_at', 'is', null);
  if (q.stage === 'departed') base = base.where('v.departed_at', 'is not', null);
  if (q.late === 'true') base = base.where('v.late_minutes', '>', 0);
  if (q.late === 'false') base = base.where('v.late_minutes', '=', 0);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('v.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ── Engineers present ──

export async function findEngineers(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('visit_engineer as ve')
    .innerJoin('app_user as u', 'u.id', 've.user_id')
    .select(['ve.visit_id', 'u.id', 'u.name'])
    .where('ve.visit_id', 'in', [...visitIds])
    .orderBy('u.id')
    .execute();
}

export async function replaceEngineers(db: Db, visitId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('visit_engineer').where('visit_id', '=', visitId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('visit_engineer')
      .values(userIds.map((user_id) => ({ visit_id: visitId, user_id })))
      .execute();
}

// ── What was recorded on the visit ──

const recorder = 'recorder.name as recorded_by_name';

export function findProblems(db: Db, visitId: number) {
  return db
    .selectFrom('visit_problem as p')
    .leftJoin('app_user as recorder', 'recorder.id', 'p.recorded_by_id')
    .selectAll('p')
    .select(recorder)
    .where('p.visit_id', '=', visitId)
    .orderBy('p.id')
    .execute();
}

export function insertProblem(db: Db, row: Insertable<VisitProblemTable>): Promise<number> {
  return insertReturningId(db, 'visit_problem', row);
}

export function findExtraRequests(db: Db, visitId: number) {
  return db
    .selectFrom('visit_extra_request as x')
    .leftJoin('app_user as recorder', 'recorder.id', 'x.recorded_by_id')
    .selectAll('x')
    .select(recorder)
    .where('x.visit_id', '=', visitId)
    .orderBy('x.id')
    .execute();
}

export function insertExtraRequest(db: Db, row: Insertable<VisitExtraRequestTable>): Promise<number> {
  return insertReturningId(db, 'visit_extra_request', row);
}

export function findPhotos(db: Db, visitId: number) {
  return db.selectFrom('visit_photo').selectAll().where('visit_id', '=', visitId).orderBy('id').execute();
}

export function findPhoto(db: Db, visitId: number, photoId: number) {
  return db.selectFrom('visit_photo').selectAll().where('visit_id', '=', visitId).where('id', '=', photoId).executeTakeFirst();
}

export function insertPhoto(db: Db, row: Insertable<VisitPhotoTable>): Promise<number> {
  return insertReturningId(db, 'visit_photo', row);
}

export function findApprovals(db: Db, visitId: number) {
  return db.selectFrom('visit_approval').selectAll().where('visit_id', '=', visitId).orderBy('id').execute();
}

export function insertApproval(db: Db, row: Insertable<VisitApprovalTable>): Promise<number> {
  return insertReturningId(db, 'visit_approval', row);
}

export function findActions(db: Db, visitId: number) {
  return db
    .selectFrom('visit_action as a')
    .leftJoin('app_user as recorder', 'recorder.id', 'a.recorded_by_id')
    .selectAll('a')
    .select(recorder)
    .where('a.visit_id', '=', visitId)
    .orderBy('a.id')
    .execute();
}

export function insertAction(db: Db, row: Insertable<VisitActionTable>): Promise<number> {
  return insertReturningId(db, 'visit_action', row);
}

function selectUnits(db: Db) {
  return db
    .selectFrom('visit_unit as u')
    .leftJoin('app_user as recorder', 'recorder.id', 'u.recorded_by_id')
    .selectAll('u')
    .select(recorder);
}
export type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirstOrThrow']>>;

export function findUnits(db: Db, visitId: number): Promise<UnitRow[]> {
  return selectUnits(db).where('u.visit_id', '=', visitId).orderBy('u.id').execute();
}

/** A request's units across its visits, in the order recorded: the swap history (R-EMER-7). */
export function findUnitsOfRequest(db: Db, serviceRequestId: number): Promise<UnitRow[]> {
  return selectUnits(db).where('u.service_request_id', '=', serviceRequestId).orderBy('u.id').execute();
}

export function findUnit(db: Db, id: number): Promise<UnitRow | undefined> {
  return selectUnits(db).where('u.id', '=', id).executeTakeFirst();
}

export function insertUnit(db: Db, row: Insertable<VisitUnitTable>): Promise<number> {
  return insertReturningId(db, 'visit_unit', row);
}

// ── Read by others: late arrivals, hours, warranty registration ──

/**
 * R-EMER-2: per engineer responsible for the visit, the arrivals in [from, to) (ISO instants) and how
 * many were late (arrived after the agreed or SLA arrival time). The weekly reports read this.
 */
export function countLateArrivals(db: Db, fromIso: string, toIso: string) {
  return db
    .selectFrom('visit as v')
    .innerJoin('app_user as u', 'u.id', 'v.engineer_id')
    .select((eb) => [
      'u.id as engineer_id',
      'u.name as engineer_name',
      eb.fn.countAll<number>().as('arrivals'),
      eb.fn.sum<number>(eb.case().when('v.late_minutes', '>', 0).then(1).else(0).end()).as('late'),
    ])
    .where('v.arrived_at', '>=', fromIso)
    .where('v.arrived_at', '<', toIso)
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.id')
    .execute();
}

/** Visits with their times in [from, to) of arrival, for the hours (travel, on site) of the weekly reports. */
export function findVisitTimes(db: Db, fromIso: string, toIso: string) {
  return db
    .selectFrom('visit as v')
    .select(['v.id', 'v.service_request_id', 'v.engineer_id', 'v.travel_started_at', 'v.arrived_at', 'v.departed_at', 'v.late_minutes'])
    .where('v.arrived_at', '>=', fromIso)
    .where('v.arrived_at', '<', toIso)
    .orderBy('v.arrived_at')
    .execute();
}

const REGISTERED_ACTIONS = ['installed', 'replaced'] as const;

export async function listWarrantyRegistrations(db: Db, q: TWarrantyRegistrationQuery) {
  let base = db
    .selectFrom('visit_unit as u')
    .innerJoin('service_request as sr', 'sr.id', 'u.service_request_id')
    .innerJoin('customer', 'customer.id', 'sr.customer_id')
    .leftJoin('contract', 'contract.id', 'sr.contract_id')
    .leftJoin('app_user as reg', 'reg.id', 'u.registered_by_id')
    .where('u.action', 'in', [...REGISTERED_ACTIONS]);
  if (q.registered === 'true') base = base.where('u.registered_at', 'is not', null);
  if (q.registered === 'false') base = base.where('u.registered_at', 'is', null);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base
      .selectAll('u')
      .select([
        'sr.number as request_number',
        'customer.id as customer_id',
        'customer.name as customer_name',
        'contract.id as contract_id',
        'contract.number as contract_number',
        'reg.name as registered_by_name',
      ])
      .orderBy('u.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Marks a unit registered; false when it was already (or is not a registrable record). */
export async function markRegistered(db: Db, id: number, at: string, byId: number | null): Promise<boolean> {
  const r = await db
    .updateTable('visit_unit')
    .set({ registered_at: at, registered_by_id: byId })
    .where('id', '=', id)
    .where('registered_at', 'is', null)
    .where('action', 'in', [...REGISTERED_ACTIONS])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
