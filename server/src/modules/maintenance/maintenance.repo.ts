import { type Expression, type ExpressionBuilder, type Insertable, PostgresAdapter, type SqlBool, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import type { TPmPlanQuery, TPmVisitQuery } from '@contract/maintenance';
import { insertInChunks } from '../../db/batch-insert';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { limitOffset } from '../../db/list-query';
import { updateVersioned } from '../../db/versioned-update';
import type { PmPlanTable, PmVisitTable } from './maintenance.table';

// ── Plans ──

function selectPlans(db: Db) {
  return db
    .selectFrom('pm_plan as p')
    .innerJoin('contract as c', 'c.id', 'p.contract_id')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .innerJoin('app_user as re', 're.id', 'p.responsible_engineer_id')
    .innerJoin('app_user as be', 'be.id', 'p.backup_engineer_id')
    .selectAll('p')
    .select([
      'c.number as contract_number',
      'c.pm_visits_per_year',
      'cu.id as customer_id',
      'cu.name as customer_name',
      're.name as responsible_name',
      'be.name as backup_name',
    ]);
}
export type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['executeTakeFirstOrThrow']>>;

export function findPlanById(db: Db, id: number): Promise<PlanRow | undefined> {
  return selectPlans(db).where('p.id', '=', id).executeTakeFirst();
}

export function findPlanOfContract(db: Db, contractId: number): Promise<PlanRow | undefined> {
  return selectPlans(db).where('p.contract_id', '=', contractId).executeTakeFirst();
}

export function insertPlan(db: Db, row: Insertable<PmPlanTable>): Promise<number> {
  return insertReturningId(db, 'pm_plan', row);
}

export function updatePlan(db: Db, id: number, version: number, patch: Updateable<PmPlanTable>): Promise<void> {
  return updateVersioned(db, 'pm_plan', id, version, patch);
}

// ── Visits ──

function selectVisits(db: Db) {
  return db
    .selectFrom('pm_visit as v')
    .innerJoin('contract as c', 'c.id', 'v.contract_id')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .innerJoin('app_user as re', 're.id', 'v.responsible_engineer_id')
    .innerJoin('app_user as be', 'be.id', 'v.backup_engineer_id')
    .leftJoin('app_user as ag', 'ag.id', 'v.agreed_by_id')
    .leftJoin('service_request as sr', 'sr.id', 'v.service_request_id')
    .selectAll('v')
    .select([
      'c.number as contract_number',
      'cu.id as customer_id',
      'cu.name as customer_name',
      're.name as responsible_name',
      'be.name as backup_name',
      'ag.name as agreed_by_name',
      'sr.number as service_request_number',
    ]);
}
export type VisitRow = Awaited<ReturnType<ReturnType<typeof selectVisits>['executeTakeFirstOrThrow']>>;

export function findVisitById(db: Db, id: number): Promise<VisitRow | undefined> {
  return selectVisits(db).where('v.id', '=', id).executeTakeFirst();
}

export function listVisitsOfPlan(db: Db, planId: number): Promise<VisitRow[]> {
  return selectVisits(db).where('v.plan_id', '=', planId).orderBy('v.planned_date').orderBy('v.id').execute();
}

function filteredVisits(db: Db, q: Omit<TPmVisitQuery, 'page' | 'pageSize'>) {
  let base = selectVisits(db);
  if (q.from) base = base.where('v.planned_date', '>=', q.from);
  if (q.to) base = base.where('v.planned_date', '<=', q.to);
  if (q.state) base = base.where('v.state', '=', q.state);
  else base = base.where('v.state', '<>', 'cancelled');
  if (q.contractId) base = base.where('v.contract_id', '=', q.contractId);
  if (q.customerId) base = base.where('c.customer_id', '=', q.customerId);
  const engineerId = q.engineerId;
  if (engineerId)
    base = base.where((eb) => eb.or([eb('v.responsible_engineer_id', '=', engineerId), eb('v.backup_engineer_id', '=', engineerId)]));
  return base;
}

export async function listVisits(db: Db, q: TPmVisitQuery): Promise<{ rows: VisitRow[]; total: number }> {
  const base = filteredVisits(db, q);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('v.planned_date').orderBy('v.id').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Keyset batches for the export: visits after (date, id). */
export function listVisitsAfter(db: Db, q: Omit<TPmVisitQuery, 'page' | 'pageSize'>, afterId: number, limit: number): Promise<VisitRow[]> {
  return filteredVisits(db, q).where('v.id', '>', afterId).orderBy('v.id').limit(limit).execute();
}

/** The columns a new visit is written with, and their PostgreSQL types (for the array insert below). */
const NEW_VISIT_COLUMNS = [
  ['plan_id', 'int8'],
  ['contract_id', 'int8'],
  ['uid', 'text'],
  ['sequence', 'int4'],
  ['sent_sequence', 'int4'],
  ['natural_date', 'text'],
  ['planned_date', 'text'],
  ['start_time', 'text'],
  ['duration_minutes', 'int4'],
  ['downtime_minutes', 'int4'],
  ['responsible_engineer_id', 'int8'],
  ['backup_engineer_id', 'int8'],
  ['equipment_ids', 'text'],
  ['state', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
  ['version', 'int4'],
] as const satisfies readonly (readonly [keyof PmVisitTable, string])[];

/** The columns a new plan is written with, and their PostgreSQL types. */
const NEW_PLAN_COLUMNS = [
  ['contract_id', 'int8'],
  ['rrule', 'text'],
  ['period_start', 'text'],
  ['period_end', 'text'],
  ['start_time', 'text'],
  ['duration_minutes', 'int4'],
  ['downtime_minutes', 'int4'],
  ['responsible_engineer_id', 'int8'],
  ['backup_engineer_id', 'int8'],
  ['equipment_ids', 'text'],
  ['sent_at', 'text'],
  ['sent_to', 'text'],
  ['created_by_id', 'int8'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
  ['version', 'int4'],
] as const satisfies readonly (readonly [keyof PmPlanTable, string])[];

/**
 * PostgreSQL: many rows in one INSERT with one array a column, through `unnest` — as many bound
 * parameters as columns, not columns × rows. A timetable run writes 20,000 visits and 5,000 plans;
 * a VALUES list of that many parameters costs more to build here, to send, and to parse and plan
 * on the server than the rows' data, and had to be cut in several statements (round trips).
 */
function unnestInsert(table: 'pm_visit' | 'pm_plan', columns: readonly (readonly [string, string])[], rows: readonly object[]) {
  const arrays = columns.map(([c]) => rows.map((r) => (r as Record<string, unknown>)[c] ?? null));
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))})
    select * from unnest(${sql.join(columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`))})`;
}

/** New visits, in one statement however many on PostgreSQL; SQLite (in process, no round trips, no arrays): multi-row VALUES under its parameter limit. */
export async function insertVisits(db: Db, rows: readonly Insertable<PmVisitTable>[]): Promise<void> {
  if (rows.length === 0) return;
  if (db.getExecutor().adapter instanceof PostgresAdapter) await unnestInsert('pm_visit', NEW_VISIT_COLUMNS, rows).execute(db);
  else await insertInChunks(rows, (chunk) => db.insertInto('pm_visit').values(chunk).execute());
}

export function updateVisit(db: Db, id: number, version: number, patch: Updateable<PmVisitTable>): Promise<void> {
  return updateVersioned(db, 'pm_visit', id, version, patch);
}

/** Regeneration's changes to one open visit (guarded by its state, not a client's version). */
export async function updateOpenVisit(db: Db, id: number, patch: Updateable<PmVisitTable>): Promise<void> {
  await db
    .updateTable('pm_visit')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('state', 'in', ['planned', 'agreeing'])
    .execute();
}

/** Existing visits of plans (regeneration), lean. */
export function findPlanVisitStates(db: Db, planIds: readonly number[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('pm_visit').select(['id', 'plan_id', 'state', 'planned_date', 'sequence']).where('plan_id', 'in', planIds).execute();
}

/** After sending: every visit of the plan is as the customer has it. */
export async function markVisitsSent(db: Db, planId: number): Promise<void> {
  await db
    .updateTable('pm_visit')
    .set((eb) => ({ sent_sequence: eb.ref('sequence') }))
    .where('plan_id', '=', planId)
    .execute();
}

// ── Sweeps (R-PM-4) ──

/** Open visits from `from` (today) to `until` whose engineer was not asked yet. */
export function findVisitsToAsk(db: Db, from: string, until: string, limit: number) {
  return selectVisits(db)
    .where('v.state', '=', 'planned')
    .where('v.planned_date', '>=', from)
    .where('v.agree_asked_at', 'is', null)
    .where('v.planned_date', '<=', until)
    .orderBy('v.planned_date')
    .limit(limit)
    .execute();
}

/** Asked visits: stamped once (a conditional update, so two sweeps cannot both pass). */
export async function markAsked(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('pm_visit')
    .set((eb) => ({ state: 'agreeing', agree_asked_at: at, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('agree_asked_at', 'is', null)
    .where('state', '=', 'planned')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findUnagreedVisits(db: Db, from: string, until: string, limit: number) {
  return selectVisits(db)
    .where('v.state', 'in', ['planned', 'agreeing'])
    .where('v.planned_date', '>=', from)
    .where('v.unagreed_notified_at', 'is', null)
    .where('v.planned_date', '<=', until)
    .orderBy('v.planned_date')
    .limit(limit)
    .execute();
}

export async function markUnagreedNotified(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('pm_visit')
    .set({ unagreed_notified_at: at })
    .where('id', '=', id)
    .where('unagreed_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Agreed visits whose PM service request is resolved or closed (R-PM-7): they are done. */
export async function markVisitsDoneByRequests(db: Db, at: string, requestId?: number): Promise<number> {
  let q = db
    .updateTable('pm_visit')
    .set((eb) => ({ state: 'done', done_at: at, updated_at: at, version: eb('version', '+', 1), sequence: eb('sequence', '+', 1) }))
    .where('state', '=', 'agreed')
    .where('service_request_id', 'in', (eb) =>
      eb.selectFrom('service_request').select('id').where('state', 'in', ['resolved', 'follow_up', 'closed']),
    );
  if (requestId !== undefined) q = q.where('service_request_id', '=', requestId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── Gaps and completion ──

/** Contracts with routine inspections (R-PM-1) and no timetable: active or draft, never ended ones. */
export function listGaps(db: Db) {
  return db
    .selectFrom('contract as c')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .leftJoin('pm_plan as p', 'p.contract_id', 'c.id')
    .select(['c.id', 'c.number', 'c.pm_visits_per_year', 'c.start_date', 'c.end_date', 'cu.id as customer_id', 'cu.name as customer_name'])
    .where('c.pm_visits_per_year', '>', 0)
    .where('c.status', 'in', ['active', 'draft'])
    .where('p.id', 'is', null)
    .orderBy('c.end_date')
    .orderBy('c.id')
    .limit(5000)
    .execute();
}

/** PM visits planned in [from, to], cancelled ones aside: what the completion views and the reports count. */
function liveVisitsIn(db: Db, from: string, to: string) {
  return db
    .selectFrom('pm_visit as v')
    .where('v.planned_date', '>=', from)
    .where('v.planned_date', '<=', to)
    .where('v.state', '<>', 'cancelled');
}

type VisitCounts = ExpressionBuilder<Database & { v: Database['pm_visit'] }, 'v'>;
const countWhen = (eb: VisitCounts, when: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(when).then(1).else(0).end());

/** Planned, done, due (today or later, not done) and overdue (before today, not done) among those visits. */
function completionCounts(eb: VisitCounts, today: string) {
  const open = eb('v.state', '<>', 'done');
  return [
    eb.fn.countAll<number>().as('planned'),
    countWhen(eb, eb('v.state', '=', 'done')).as('done'),
    countWhen(eb, eb.and([open, eb('v.planned_date', '>=', today)])).as('due'),
    countWhen(eb, eb.and([open, eb('v.planned_date', '<', today)])).as('overdue'),
  ] as const;
}

/** The year's visits per contract: planned (not cancelled), done, due (today or later), overdue (before today, not done). */
function completionAggregate(db: Db, from: string, to: string, today: string, contractId?: number) {
  let q = liveVisitsIn(db, from, to)
    .select((eb) => ['v.contract_id', ...completionCounts(eb, today)])
    .groupBy('v.contract_id');
  if (contractId) q = q.where('v.contract_id', '=', contractId);
  return q;
}

/** A page of the year's completion per contract, most overdue first (names joined for the page's rows only). */
export function completionPage(db: Db, from: string, to: string, today: string, o: { contractId?: number; limit: number; offset: number }) {
  const page = completionAggregate(db, from, to, today, o.contractId)
    .orderBy('overdue', 'desc')
    .orderBy('v.contract_id')
    .limit(o.limit)
    .offset(o.offset);
  return db
    .selectFrom(page.as('a'))
    .innerJoin('contract as c', 'c.id', 'a.contract_id')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .select([
      'a.contract_id',
      'a.planned',
      'a.done',
      'a.due',
      'a.overdue',
      'c.number as contract_number',
      'cu.id as customer_id',
      'cu.name as customer_name',
    ])
    .orderBy('a.overdue', 'desc')
    .orderBy('a.contract_id')
    .execute();
}

/** The year's totals over every contract (one pass over the covering index, no grouping). */
export function completionTotals(db: Db, from: string, to: string, today: string, contractId?: number) {
  let q = liveVisitsIn(db, from, to).select((eb) => [
    eb.fn.count<number>('v.contract_id').distinct().as('contracts'),
    ...completionCounts(eb, today),
  ]);
  if (contractId) q = q.where('v.contract_id', '=', contractId);
  return q.executeTakeFirstOrThrow();
}

// ── What the plan and its e-mail show ──

export function findEquipment(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('equipment')
    .select(['id', 'product_type', 'brand', 'model', 'sn', 'site'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** The customer's contacts with an address: the chosen one, else the primary first. */
export function findCustomerContacts(db: Db, customerId: number) {
  return db
    .selectFrom('contact')
    .select(['id', 'name', 'email', 'is_primary'])
    .where('customer_id', '=', customerId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
}

/** What generation reads of many contracts at once (their period and PM commitment). */
export function findContractsForPlans(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contract as c')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .select([
      'c.id',
      'c.number',
      'c.status',
      'c.start_date',
      'c.end_date',
      'c.pm_visits_per_year',
      'cu.id as customer_id',
      'cu.name as customer_name',
      'cu.address',
    ])
    .where('c.id', 'in', ids)
    .execute();
}

/** Units of many contracts (every unit is in scope unless the manager narrowed it). */
export function findEquipmentOfContracts(db: Db, contractIds: readonly number[]) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('equipment')
    .select(['id', 'contract_id'])
    .where('contract_id', 'in', contractIds)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Insert plans, answering their ids in the order given. */
export async function insertPlans(db: Db, rows: readonly Insertable<PmPlanTable>[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (
          await sql<{
            id: number;
            contract_id: number;
          }>`${unnestInsert('pm_plan', NEW_PLAN_COLUMNS, rows)} returning id, contract_id`.execute(db)
        ).rows
      : await db.insertInto('pm_plan').values(rows).returning(['id', 'contract_id']).execute();
  const byContract = new Map(out.map((r) => [Number(r.contract_id), Number(r.id)]));
  return rows.map((r) => byContract.get(Number(r.contract_id)) as number);
}

/** The plans of many contracts (regeneration): id, contract, version and what a visit's time came from. */
export function findPlansOfContracts(db: Db, contractIds: readonly number[]) {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pm_plan')
    .select(['id', 'contract_id', 'version', 'start_time', 'duration_minutes'])
    .where('contract_id', 'in', contractIds)
    .execute();
}

export async function listPlans(db: Db, q: TPmPlanQuery) {
  let base = selectPlans(db);
  if (q.customerId) base = base.where('c.customer_id', '=', q.customerId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base
      .select((eb) => [
        eb
          .selectFrom('pm_visit')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('pm_visit.plan_id', '=', 'p.id')
          .where('pm_visit.state', '<>', 'cancelled')
          .as('visit_count'),
        eb
          .selectFrom('pm_visit')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('pm_visit.plan_id', '=', 'p.id')
          .where('pm_visit.state', '=', 'done')
          .as('done_count'),
      ])
      .orderBy('p.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Contracts generated per transaction, and how many such transactions run at once. SQLite's driver
 * is synchronous: a chunk's statements block the event loop, so chunks stay small (≈ 8 ms of CPU
 * each) and run one after another (one writer anyway). PostgreSQL's is not: the loop is free while
 * the server works. A chunk costs 7 round trips whatever its size (begin, three batched reads, the
 * plans, the visits, the audit entries, commit); 100 contracts keep a chunk's own CPU here (rows,
 * plans' dates) well under the 50 ms stall budget, and two chunks in flight overlap that CPU with
 * the server's writes of the other chunk.
 */
export function generateChunking(db: Db): { size: number; inFlight: number } {
  return db.getExecutor().adapter instanceof PostgresAdapter ? { size: 100, inFlight: 2 } : { size: 50, inFlight: 1 };
}

/**
 * PM visits planned in [from, to] (company dates), cancelled ones aside, and how many are done — of
 * some contracts, of some customers' contracts, or of all (the monthly summary and the dashboard).
 */
export async function countPmDoneAndDue(
  db: Db,
  from: string,
  to: string,
  scope: { contractIds?: readonly number[]; customerIds?: readonly number[] },
): Promise<{ done: number; due: number }> {
  let q = liveVisitsIn(db, from, to).select((eb) => [
    eb.fn.countAll<number>().as('due'),
    countWhen(eb, eb('v.state', '=', 'done')).as('done'),
  ]);
  if (scope.contractIds) q = scope.contractIds.length ? q.where('v.contract_id', 'in', [...scope.contractIds]) : q.where('v.id', '<', 0);
  if (scope.customerIds)
    q = scope.customerIds.length
      ? q.where('v.contract_id', 'in', (eb) =>
          eb
            .selectFrom('contract')
            .select('contract.id')
            .where('contract.customer_id', 'in', [...(scope.customerIds ?? [])]),
        )
      : q.where('v.id', '<', 0);
  const r = await q.executeTakeFirstOrThrow();
  return { done: Number(r.done ?? 0), due: Number(r.due) };
}
