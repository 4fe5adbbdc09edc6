import { type Insertable, sql, type Updateable } from 'kysely';
import type { TFollowUpQuery, TServiceReportQuery } from '@contract/service-reports';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { limitOffset } from '../../db/list-query';
import { updateVersioned } from '../../db/versioned-update';
import type { RequestCondition } from '../service-requests/service-requests.service';
import type { ServiceDebriefTable, ServiceFollowUpTable, ServiceReportTable } from './service-reports.table';

// ── What a report is made from: the request, its visits (the visits module's table, read by join), its units ──

function selectRequests(db: Db) {
  return db
    .selectFrom('service_request as sr')
    .innerJoin('customer as cu', 'cu.id', 'sr.customer_id')
    .leftJoin('contract as ct', 'ct.id', 'sr.contract_id')
    .select([
      'sr.id',
      'sr.number',
      'sr.kind',
      'sr.state',
      'sr.description',
      'sr.customer_id',
      'sr.contract_id',
      'sr.contact_name',
      'sr.contact_phone',
      'sr.site_address',
      'sr.responsible_engineer_id',
      'sr.project_id',
      'cu.name as customer_name',
      'ct.number as contract_number',
      'ct.sales_owner_id',
    ]);
}
export type RequestFacts = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>;

export function findRequest(db: Db, id: number): Promise<RequestFacts | undefined> {
  return selectRequests(db).where('sr.id', '=', id).executeTakeFirst();
}

export function findVisit(db: Db, id: number) {
  return db.selectFrom('visit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The visit's current service report (a draft or the signed one; not one a correction superseded). */
export async function findCurrentReportOfVisit(db: Db, visitId: number): Promise<number | null> {
  const r = await db
    .selectFrom('service_report')
    .select('id')
    .where('visit_id', '=', visitId)
    .where('kind', '=', 'service')
    .where('state', '!=', 'superseded')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

export function findVisitsOfRequest(db: Db, requestId: number) {
  return db.selectFrom('visit').selectAll().where('service_request_id', '=', requestId).orderBy('id').execute();
}

/** The names of the engineers present on the visits, the responsible ones first. */
export async function findVisitEngineerNames(db: Db, visitIds: readonly number[]): Promise<string[]> {
  if (visitIds.length === 0) return [];
  const rows = await db
    .selectFrom('visit')
    .innerJoin('app_user as u', 'u.id', 'visit.engineer_id')
    .select(['u.name', 'visit.id as visit_id'])
    .where('visit.id', 'in', [...visitIds])
    .union(
      db
        .selectFrom('visit_engineer as ve')
        .innerJoin('app_user as u', 'u.id', 've.user_id')
        .select(['u.name', 've.visit_id'])
        .where('ve.visit_id', 'in', [...visitIds]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.name))];
}

/** What the visits recorded (the visits module's tables, read by join): units worked on, installed, replaced. */
export function findVisitUnits(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('visit_unit')
    .select(['action', 'model', 'old_pn', 'old_sn', 'new_pn', 'new_sn', 'reason'])
    .where('visit_id', 'in', [...visitIds])
    .orderBy('id')
    .execute();
}

/** Problems met and how they were solved (R-INST-5), and out-of-contract requests with the answer given (R-INST-4). */
export async function findVisitRecords(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return { problems: [], extras: [] };
  const [problems, extras] = await Promise.all([
    db
      .selectFrom('visit_problem')
      .select(['problem', 'solution'])
      .where('visit_id', 'in', [...visitIds])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('visit_extra_request')
      .select(['request', 'answer'])
      .where('visit_id', 'in', [...visitIds])
      .orderBy('id')
      .execute(),
  ]);
  return { problems, extras };
}

export function findRequestUnits(db: Db, requestId: number) {
  return db
    .selectFrom('service_request_equipment as se')
    .innerJoin('equipment as e', 'e.id', 'se.equipment_id')
    .select(['e.model', 'e.pn', 'e.sn', 'e.site'])
    .where('se.service_request_id', '=', requestId)
    .orderBy('e.id')
    .execute();
}

/** The e-mail of the customer's contact named on the request, else of its primary contact. */
export async function findContactEmail(db: Db, customerId: number, name: string | null): Promise<string | null> {
  const rows = await db
    .selectFrom('contact')
    .select(['name', 'email', 'is_primary'])
    .where('customer_id', '=', customerId)
    .where('email', 'is not', null)
    .execute();
  const named = rows.find((r) => name !== null && r.name === name);
  return (named ?? rows.find((r) => Number(r.is_primary) === 1))?.email ?? null;
}

export function findUserNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

// ── Reports ──

function selectReports(db: Db) {
  return db
    .selectFrom('service_report as r')
    .innerJoin('service_request as sr', 'sr.id', 'r.service_request_id')
    .innerJoin('customer as cu', 'cu.id', 'r.customer_id')
    .leftJoin('contract as ct', 'ct.id', 'r.contract_id')
    .leftJoin('app_user as creator', 'creator.id', 'r.created_by_id')
    .selectAll('r')
    .select([
      'sr.number as request_number',
      'sr.kind as request_kind',
      'sr.state as request_state',
      'sr.description as request_description',
      'sr.responsible_engineer_id',
      'sr.backup_engineer_id',
      'sr.issued_by_id',
      'sr.project_id',
      'cu.name as customer_name',
      'ct.number as contract_number',
      'creator.name as created_by_name',
    ]);
}
export type ReportRow = Awaited<ReturnType<ReturnType<typeof selectReports>['executeTakeFirstOrThrow']>>;

export function findReport(db: Db, id: number): Promise<ReportRow | undefined> {
  return selectReports(db).where('r.id', '=', id).executeTakeFirst();
}

export async function listReports(db: Db, q: TServiceReportQuery, scope: RequestCondition | undefined) {
  let base = selectReports(db);
  if (scope) base = base.where(scope);
  if (q.serviceRequestId) base = base.where('r.service_request_id', '=', q.serviceRequestId);
  if (q.contractId) base = base.where('r.contract_id', '=', q.contractId);
  if (q.kind) base = base.where('r.kind', '=', q.kind);
  if (q.state) base = base.where('r.state', '=', q.state);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('r.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function insertReport(trx: Db, row: Insertable<ServiceReportTable>): Promise<number> {
  return insertReturningId(trx, 'service_report', row);
}

export function updateReport(trx: Db, id: number, version: number, patch: Updateable<ServiceReportTable>): Promise<void> {
  return updateVersioned(trx, 'service_report', id, version, patch);
}

/** The archive document the signed PDF was filed as (set once, after signing). */
export async function setDocument(db: Db, id: number, documentId: number): Promise<void> {
  await db.updateTable('service_report').set({ document_id: documentId }).where('id', '=', id).execute();
}

/** The signatures of reports (the signatures module's table, read for a page of reports at once). */
export function findSignaturesOfReports(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('signature')
    .selectAll()
    .where('entity', '=', 'service_report')
    .where(
      'entity_id',
      'in',
      ids.map((id) => String(id)),
    )
    .orderBy('id')
    .execute();
}

/** Whether the contract has a signed acceptance report (R-INST-8). */
export async function hasSignedAcceptance(db: Db, contractId: number): Promise<boolean> {
  const row = await db
    .selectFrom('service_report')
    .select('id')
    .where('contract_id', '=', contractId)
    .where('kind', '=', 'acceptance')
    .where('state', '=', 'signed')
    .executeTakeFirst();
  return row !== undefined;
}

// ── Follow-ups ──

function selectFollowUps(db: Db) {
  return db
    .selectFrom('service_follow_up as f')
    .innerJoin('service_report as r', 'r.id', 'f.service_report_id')
    .innerJoin('service_request as sr', 'sr.id', 'f.service_request_id')
    .innerJoin('customer as cu', 'cu.id', 'sr.customer_id')
    .innerJoin('app_user as eng', 'eng.id', 'f.engineer_id')
    .selectAll('f')
    .select([
      'r.number as report_number',
      'sr.number as request_number',
      'cu.id as customer_id',
      'cu.name as customer_name',
      'eng.name as engineer_name',
    ]);
}
export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof selectFollowUps>['executeTakeFirstOrThrow']>>;

export function findFollowUp(db: Db, id: number): Promise<FollowUpRow | undefined> {
  return selectFollowUps(db).where('f.id', '=', id).executeTakeFirst();
}

export async function listFollowUps(db: Db, q: TFollowUpQuery, engineerId: number | null, scope: RequestCondition | undefined) {
  let base = selectFollowUps(db);
  if (scope) base = base.where(scope);
  if (engineerId !== null) base = base.where('f.engineer_id', '=', engineerId);
  if (q.state) base = base.where('f.state', '=', q.state);
  if (q.serviceRequestId) base = base.where('f.service_request_id', '=', q.serviceRequestId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('f.due_on').orderBy('f.id').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function insertFollowUp(trx: Db, row: Insertable<ServiceFollowUpTable>): Promise<number> {
  return insertReturningId(trx, 'service_follow_up', row);
}

export function updateFollowUp(trx: Db, id: number, version: number, patch: Updateable<ServiceFollowUpTable>): Promise<void> {
  return updateVersioned(trx, 'service_follow_up', id, version, patch);
}

/** Open follow-ups past their last day whose technical managers were not told yet. */
export function findOverdueUnnotified(db: Db, today: string) {
  return selectFollowUps(db)
    .where('f.state', '=', 'open')
    .where('f.latest_on', '<', today)
    .where('f.overdue_notified_at', 'is', null)
    .execute();
}

/** Marks it told, once: false when another sweep did it first. */
export async function markOverdueNotified(trx: Db, id: number, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('service_follow_up')
    .set({ overdue_notified_at: at })
    .where('id', '=', id)
    .where('overdue_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── Debriefs ──

/**
 * Debriefs with what they are about: a service request, or a training session (through its plan);
 * the customer and contract (hence the sales owner) come from whichever it is.
 */
function selectDebriefs(db: Db) {
  return db
    .selectFrom('service_debrief as d')
    .leftJoin('service_request as sr', 'sr.id', 'd.service_request_id')
    .leftJoin('training_session as ts', 'ts.id', 'd.training_session_id')
    .leftJoin('training_plan as tp', 'tp.id', 'ts.plan_id')
    .innerJoin('customer as cu', (j) => j.on((eb) => eb('cu.id', '=', eb.fn.coalesce('sr.customer_id', 'tp.customer_id'))))
    .leftJoin('contract as ct', (j) => j.on((eb) => eb('ct.id', '=', eb.fn.coalesce('sr.contract_id', 'tp.contract_id'))))
    .leftJoin('app_user as so', 'so.id', 'ct.sales_owner_id')
    .innerJoin('app_user as au', 'au.id', 'd.author_id')
    .selectAll('d')
    .select([
      'sr.number as request_number',
      'sr.kind as request_kind',
      'tp.number as plan_number',
      'ts.course as session_course',
      'ts.starts_at as session_starts_at',
      'cu.id as customer_id',
      'cu.name as customer_name',
      'ct.id as contract_id',
      'ct.number as contract_number',
      'so.id as sales_owner_id',
      'so.name as sales_owner_name',
      'au.name as author_name',
    ]);
}
export type DebriefRow = Awaited<ReturnType<ReturnType<typeof selectDebriefs>['executeTakeFirstOrThrow']>>;

/** What a debrief is about. */
export type DebriefSubject = { kind: 'service_request'; id: number } | { kind: 'training_session'; id: number };

export function findDebriefOf(db: Db, subject: DebriefSubject): Promise<DebriefRow | undefined> {
  return selectDebriefs(db)
    .where(subject.kind === 'service_request' ? 'd.service_request_id' : 'd.training_session_id', '=', subject.id)
    .executeTakeFirst();
}

/** Debriefs written in [from, to) (instants); a sales reader sees those of his contracts. */
export function listDebriefsBetween(db: Db, from: string, to: string, salesOwnerId: number | null) {
  let q = selectDebriefs(db).where('d.created_at', '>=', from).where('d.created_at', '<', to);
  if (salesOwnerId !== null) q = q.where('ct.sales_owner_id', '=', salesOwnerId);
  return q.orderBy('d.created_at').orderBy('d.id').execute();
}

export function insertDebrief(trx: Db, row: Insertable<ServiceDebriefTable>): Promise<number> {
  return insertReturningId(trx, 'service_debrief', row);
}

/** An engineer's follow-ups still open past their last day before `onDate` (the weekly record's overdue list). */
export function findOverdueFollowUpsOf(db: Db, engineerId: number, onDate: string) {
  return db
    .selectFrom('service_follow_up as f')
    .innerJoin('service_request as sr', 'sr.id', 'f.service_request_id')
    .select(['f.id', 'f.latest_on', 'sr.number'])
    .where('f.engineer_id', '=', engineerId)
    .where('f.state', '=', 'open')
    .where('f.latest_on', '<', onDate)
    .orderBy('f.latest_on')
    .execute();
}

/**
 * Follow-ups whose last day falls in [from, to] (company dates), and how many of them were done by
 * it: `done_at` is an instant, compared with the end of the last day (`endOf(latest_on)`).
 */
export async function countFollowUpsOnTime(
  db: Db,
  from: string,
  to: string,
  customerIds: readonly number[] | undefined,
  doneBy: (latestOn: string) => string,
): Promise<{ n: number; of: number }> {
  let q = db
    .selectFrom('service_follow_up as f')
    .innerJoin('service_request as sr', 'sr.id', 'f.service_request_id')
    .select(['f.latest_on', 'f.done_at'])
    .where('f.latest_on', '>=', from)
    .where('f.latest_on', '<=', to);
  if (customerIds) q = customerIds.length ? q.where('sr.customer_id', 'in', [...customerIds]) : q.where(sql<boolean>`false`);
  const rows = await q.execute();
  return { n: rows.filter((r) => r.done_at !== null && r.done_at < doneBy(r.latest_on)).length, of: rows.length };
}

/** The average 1–5 score of the follow-ups due in [from, to] (company dates) on these contracts' requests; null when none was scored. */
export async function averageFollowUpScore(db: Db, contractIds: readonly number[], from: string, to: string): Promise<number | null> {
  if (contractIds.length === 0) return null;
  const r = await db
    .selectFrom('service_follow_up as f')
    .innerJoin('service_request as sr', 'sr.id', 'f.service_request_id')
    .select((eb) => eb.fn.avg<number | string | null>('f.score').as('avg'))
    .where('sr.contract_id', 'in', [...contractIds])
    .where('f.due_on', '>=', from)
    .where('f.due_on', '<=', to)
    .where('f.score', 'is not', null)
    .executeTakeFirst();
  return r?.avg === null || r?.avg === undefined ? null : Number(r.avg);
}

/** The count and sum of the 1–5 scores of the follow-ups due in [from, to] (company dates) on these contracts' requests. */
export async function followUpScoreTotals(
  db: Db,
  contractIds: readonly number[],
  from: string,
  to: string,
): Promise<{ n: number; sum: number }> {
  if (contractIds.length === 0) return { n: 0, sum: 0 };
  const r = await db
    .selectFrom('service_follow_up as f')
    .innerJoin('service_request as sr', 'sr.id', 'f.service_request_id')
    .select((eb) => [eb.fn.count<number | string>('f.score').as('n'), eb.fn.sum<number | string | null>('f.score').as('sum')])
    .where('sr.contract_id', 'in', [...contractIds])
    .where('f.due_on', '>=', from)
    .where('f.due_on', '<=', to)
    .where('f.score', 'is not', null)
    .executeTakeFirst();
  return { n: Number(r?.n ?? 0), sum: Number(r?.sum ?? 0) };
}
