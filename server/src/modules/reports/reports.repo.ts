import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import type { MonthlySummaryTable, WeeklyRecordTable, WeeklyReportTable } from './reports.table';

// ── Engineers ──

/** Active users holding the engineer role, by name. */
export function findActiveEngineers(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .where('r.role', '=', 'engineer')
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .execute();
}

export function findUserNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

// ── Weekly report ──

export type WeeklyReportRow = Selectable<WeeklyReportTable> & { engineer_name: string };

function selectReports(db: Db) {
  return db
    .selectFrom('weekly_report as w')
    .innerJoin('app_user as u', 'u.id', 'w.engineer_id')
    .selectAll('w')
    .select('u.name as engineer_name');
}
export function findWeeklyReport(db: Db, engineerId: number, weekStart: string): Promise<WeeklyReportRow | undefined> {
  return selectReports(db).where('w.engineer_id', '=', engineerId).where('w.week_start', '=', weekStart).executeTakeFirst();
}
export function findWeeklyReportById(db: Db, id: number): Promise<WeeklyReportRow | undefined> {
  return selectReports(db).where('w.id', '=', id).executeTakeFirst();
}
export function findWeeklyReportsOfWeek(db: Db, weekStart: string): Promise<WeeklyReportRow[]> {
  return selectReports(db).where('w.week_start', '=', weekStart).orderBy('w.engineer_id').execute();
}
export function insertWeeklyReport(db: Db, row: Insertable<WeeklyReportTable>): Promise<number> {
  return insertReturningId(db, 'weekly_report', row);
}
export function updateWeeklyReport(db: Db, id: number, version: number, patch: Updateable<WeeklyReportTable>): Promise<void> {
  return updateVersioned(db, 'weekly_report', id, version, patch);
}
/** Stamp a sweep's mark once: answers whether this call set it (two racing sweeps cannot both). */
export async function stampWeeklyReport(db: Db, id: number, column: 'reminded_at' | 'overdue_notified_at', at: string): Promise<boolean> {
  const r = await db
    .updateTable('weekly_report')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An engineer's hour entries of a week, with the request and customer (the draft's lines). */
export function findEngineerEntries(db: Db, engineerId: number, from: string, to: string) {
  return db
    .selectFrom('work_hours_entry as e')
    .leftJoin('service_request as sr', 'sr.id', 'e.service_request_id')
    .leftJoin('customer as c', 'c.id', 'e.customer_id')
    .select(['e.work_date', 'e.kind', 'e.minutes', 'e.note', 'e.source_entity', 'e.source_id', 'e.service_request_id'])
    .select(['sr.number as request_number', 'sr.state as request_state', 'c.name as customer_name'])
    .where('e.engineer_id', '=', engineerId)
    .where('e.work_date', '>=', from)
    .where('e.work_date', '<=', to)
    .orderBy('e.work_date')
    .orderBy('e.id')
    .execute();
}

/** Minutes by kind from the engineer-day roll-up. */
export async function engineerMinutesByKind(db: Db, engineerIds: readonly number[], from: string, to: string) {
  if (engineerIds.length === 0) return [];
  return db
    .selectFrom('work_hours_day')
    .select(['engineer_id', 'kind', (eb) => eb.fn.sum<number>('minutes').as('m')])
    .where('engineer_id', 'in', [...engineerIds])
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .groupBy(['engineer_id', 'kind'])
    .execute();
}

/** Requests the engineer is responsible for, closed in [from, to) (instants). */
export function findClosedRequests(db: Db, engineerId: number | null, fromAt: string, toAt: string) {
  let b = db
    .selectFrom('service_request as sr')
    .innerJoin('customer as c', 'c.id', 'sr.customer_id')
    .select(['sr.id', 'sr.number', 'sr.kind', 'sr.closed_at', 'sr.sla_status', 'sr.responsible_engineer_id', 'c.name as customer_name'])
    .where('sr.closed_at', '>=', fromAt)
    .where('sr.closed_at', '<', toAt)
    .where('sr.state', '=', 'closed');
  if (engineerId !== null) b = b.where('sr.responsible_engineer_id', '=', engineerId);
  return b.orderBy('sr.closed_at').execute();
}

/** Calls the engineer held that reached their outcome in [from, to). */
export function findHandledCalls(db: Db, engineerId: number, fromAt: string, toAt: string) {
  return db
    .selectFrom('phone_call as p')
    .select(['p.id', 'p.number', 'p.company', 'p.outcome_at', 'p.state', 'p.outcome_note'])
    .where('p.holder_id', '=', engineerId)
    .where('p.outcome_at', '>=', fromAt)
    .where('p.outcome_at', '<', toAt)
    .orderBy('p.outcome_at')
    .execute();
}

/** Open requests per responsible engineer. */
export function countOpenByEngineer(db: Db, engineerIds?: readonly number[], customerIds?: readonly number[]) {
  let b = db
    .selectFrom('service_request as sr')
    .innerJoin('app_user as u', 'u.id', 'sr.responsible_engineer_id')
    .select(['u.id', 'u.name', (eb) => eb.fn.countAll<number>().as('n')])
    // Literals, as the partial index service_request_open_responsible_idx states them (bound
    // parameters never match a partial index on SQLite): the ≈ 10,000 open requests, not a million.
    .where(sql<boolean>`sr.state not in ('closed','cancelled')`);
  if (engineerIds) b = b.where('sr.responsible_engineer_id', 'in', engineerIds.length ? [...engineerIds] : [0]);
  if (customerIds) b = b.where('sr.customer_id', 'in', customerIds.length ? [...customerIds] : [-1]);
  return b.groupBy(['u.id', 'u.name']).orderBy('u.id').execute();
}

// ── Weekly record ──

export type WeeklyRecordRow = Selectable<WeeklyRecordTable>;
export function findWeeklyRecord(db: Db, weekStart: string) {
  return db.selectFrom('weekly_record').selectAll().where('week_start', '=', weekStart).executeTakeFirst();
}
export function findWeeklyRecordById(db: Db, id: number) {
  return db.selectFrom('weekly_record').selectAll().where('id', '=', id).executeTakeFirst();
}
export function insertWeeklyRecord(db: Db, row: Insertable<WeeklyRecordTable>): Promise<number> {
  return insertReturningId(db, 'weekly_record', row);
}
export function updateWeeklyRecord(db: Db, id: number, version: number, patch: Updateable<WeeklyRecordTable>): Promise<void> {
  return updateVersioned(db, 'weekly_record', id, version, patch);
}
export function findRecordActions(db: Db, recordId: number) {
  return db
    .selectFrom('weekly_record_action as a')
    .innerJoin('app_user as u', 'u.id', 'a.owner_id')
    .selectAll('a')
    .select('u.name as owner_name')
    .where('a.record_id', '=', recordId)
    .orderBy('a.id')
    .execute();
}
export function insertRecordAction(
  db: Db,
  row: { record_id: number; text: string; owner_id: number; due_date: string; created_at: string },
) {
  return insertReturningId(db, 'weekly_record_action', { ...row, done_at: null, done_by_id: null });
}
export function findRecordAction(db: Db, id: number) {
  return db.selectFrom('weekly_record_action').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function markActionDone(db: Db, id: number, by: number | null, at: string): Promise<boolean> {
  const r = await db
    .updateTable('weekly_record_action')
    .set({ done_at: at, done_by_id: by })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
/** An owner's open action items (his work list). */
export function findOpenActionsOf(db: Db, ownerId: number) {
  return db
    .selectFrom('weekly_record_action as a')
    .innerJoin('weekly_record as r', 'r.id', 'a.record_id')
    .select(['a.id', 'a.text', 'a.due_date', 'r.week_start'])
    .where('a.owner_id', '=', ownerId)
    .where('a.done_at', 'is', null)
    .orderBy('a.due_date')
    .execute();
}

/** The week's requests per sales owner of their contracts (R-INST-11's note). */
export function findRequestsBySalesOwner(db: Db, fromAt: string, toAt: string) {
  return db
    .selectFrom('service_request as sr')
    .innerJoin('contract as k', 'k.id', 'sr.contract_id')
    .innerJoin('app_user as s', 's.id', 'k.sales_owner_id')
    .innerJoin('customer as c', 'c.id', 'sr.customer_id')
    .select(['s.id as sales_id', 's.name as sales_name', 'sr.id', 'sr.number', 'sr.state', 'c.name as customer_name'])
    .where('sr.closed_at', '>=', fromAt)
    .where('sr.closed_at', '<', toAt)
    .orderBy('s.id')
    .orderBy('sr.id')
    .execute();
}

// ── Request roll-ups (request_day, and request_total_day / request_customer_week from it) ──

/** The figures every request roll-up carries, summed. */
const SUMS = sql.raw('sum(created), sum(closed), sum(closed_breached), sum(closed_one_visit)');

/**
 * Rebuild request_day for one day [fromAt, toAt) from the requests created or closed in it
 * (idempotent), and keep the day's company-wide total and its customers' week (`weekStart`, the
 * day's Monday) in step, in the caller's transaction: the week's rows take off what the day's old
 * rows gave them and add what the new ones give, so a day is replaced without reading its week.
 */
export async function rebuildRequestDay(db: Db, day: string, weekStart: string, fromAt: string, toAt: string): Promise<void> {
  await addDayToCustomerWeek(db, day, weekStart, -1);
  await db.deleteFrom('request_day').where('day', '=', day).execute();
  await sql`insert into request_day (day, customer_id, contract_key, kind, created, closed, closed_breached, closed_one_visit)
    select ${day}, customer_id, ck, kind, sum(created), sum(closed), sum(breached), sum(one_visit) from (
      select customer_id, coalesce(contract_id, 0) as ck, kind, 1 as created, 0 as closed, 0 as breached, 0 as one_visit
        from service_request where created_at >= ${fromAt} and created_at < ${toAt}
      union all
      -- Only the closing time in the WHERE (the state is weighed in the CASEs): a condition on the
      -- state made the planner walk every closed request instead of the day's.
      select sr.customer_id, coalesce(sr.contract_id, 0), sr.kind, 0,
        case when sr.state = 'closed' then 1 else 0 end,
        case when sr.state = 'closed' and sr.sla_status = 'breached' then 1 else 0 end,
        case when sr.state = 'closed' and (select count(distinct e.source_id) from work_hours_entry e
                   where e.service_request_id = sr.id and e.source_entity = 'visit') <= 1 then 1 else 0 end
        from service_request sr where sr.closed_at >= ${fromAt} and sr.closed_at < ${toAt}
    ) x group by customer_id, ck, kind`.execute(db);
  await addDayToCustomerWeek(db, day, weekStart, 1);
  await db
    .deleteFrom('request_customer_week')
    .where('week_start', '=', weekStart)
    .where('created', '=', 0)
    .where('closed', '=', 0)
    .execute();
  await db.deleteFrom('request_total_day').where('day', '=', day).execute();
  await sql`insert into request_total_day (day, created, closed, closed_breached, closed_one_visit)
    select day, ${SUMS} from request_day where day = ${day} group by day`.execute(db);
}

/** Add (sign 1) or take off (-1) one day of request_day from its customers' week: one upsert for the day. */
async function addDayToCustomerWeek(db: Db, day: string, weekStart: string, sign: 1 | -1): Promise<void> {
  const s = sql.raw(sign < 0 ? '-' : '');
  await sql`insert into request_customer_week (week_start, customer_id, created, closed, closed_breached, closed_one_visit)
    select ${weekStart}, customer_id, ${s}sum(created), ${s}sum(closed), ${s}sum(closed_breached), ${s}sum(closed_one_visit)
      from request_day where day = ${day} group by customer_id
    on conflict (week_start, customer_id) do update set
      created = request_customer_week.created + excluded.created,
      closed = request_customer_week.closed + excluded.closed,
      closed_breached = request_customer_week.closed_breached + excluded.closed_breached,
      closed_one_visit = request_customer_week.closed_one_visit + excluded.closed_one_visit`.execute(db);
}

/** Every request roll-up emptied (a rebuild from scratch starts here). */
export async function clearRequestRollups(db: Db): Promise<void> {
  await db.deleteFrom('request_day').execute();
  await db.deleteFrom('request_total_day').execute();
  await db.deleteFrom('request_customer_week').execute();
}

/**
 * request_total_day and request_customer_week from request_day as it stands, from scratch: one
 * statement for the days, one per week (Monday `weeks`) — the way the rebuild test checks the
 * day-by-day upkeep above against.
 */
export async function rebuildRequestTotals(db: Db, weeks: readonly { weekStart: string; weekEnd: string }[]): Promise<void> {
  await db.deleteFrom('request_total_day').execute();
  await db.deleteFrom('request_customer_week').execute();
  await sql`insert into request_total_day (day, created, closed, closed_breached, closed_one_visit)
    select day, ${SUMS} from request_day group by day`.execute(db);
  for (const w of weeks)
    await sql`insert into request_customer_week (week_start, customer_id, created, closed, closed_breached, closed_one_visit)
      select ${w.weekStart}, customer_id, ${SUMS} from request_day where day >= ${w.weekStart} and day <= ${w.weekEnd}
      group by customer_id having sum(created) + sum(closed) > 0`.execute(db);
}

/** The first request's creation and the last creation or closing (null: no requests). */
export async function requestInstantBounds(db: Db): Promise<{ first: string; last: string } | null> {
  const r = await sql<{ first: string | null; a: string | null; b: string | null }>`select
    (select min(created_at) from service_request) as first, (select max(created_at) from service_request) as a,
    (select max(closed_at) from service_request) as b`.execute(db);
  const { first, a, b } = r.rows[0];
  if (!first || !a) return null;
  return { first, last: b && b > a ? b : a };
}

export function allRequestTotalDays(db: Db) {
  return db.selectFrom('request_total_day').selectAll().orderBy('day').execute();
}
export function allRequestCustomerWeeks(db: Db) {
  return db.selectFrom('request_customer_week').selectAll().orderBy('week_start').orderBy('customer_id').execute();
}

export function allRequestDays(db: Db) {
  return db.selectFrom('request_day').selectAll().orderBy('day').orderBy('customer_id').orderBy('contract_key').orderBy('kind').execute();
}

/** request_day sums by kind for contracts (keys) in a day range. */
export function requestDaysOfContracts(db: Db, contractKeys: readonly number[], from: string, to: string) {
  return db
    .selectFrom('request_day')
    .select([
      'kind',
      (eb) => eb.fn.sum<number>('created').as('created'),
      (eb) => eb.fn.sum<number>('closed').as('closed'),
      (eb) => eb.fn.sum<number>('closed_breached').as('breached'),
    ])
    .where('contract_key', 'in', contractKeys.length ? [...contractKeys] : [-1])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('kind')
    .execute();
}

export async function customerDaysOfContracts(db: Db, contractKeys: readonly number[], from: string, to: string) {
  return db
    .selectFrom('work_customer_day')
    .select([(eb) => eb.fn.sum<number>('minutes').as('minutes'), (eb) => eb.fn.sum<number>('visits').as('visits')])
    .where('contract_key', 'in', contractKeys.length ? [...contractKeys] : [-1])
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .executeTakeFirstOrThrow();
}

export async function countOpenOfContracts(db: Db, contractIds: readonly number[]): Promise<number> {
  if (contractIds.length === 0) return 0;
  const r = await db
    .selectFrom('service_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contract_id', 'in', [...contractIds])
    // Literals, as the partial index service_request_open_contract_idx states them: SQLite uses a
    // partial index only when the query's terms match its WHERE (bound parameters never do).
    .where(sql<boolean>`state not in ('closed', 'cancelled')`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function contractIdsOfProject(db: Db, projectId: number): Promise<number[]> {
  const rows = await db.selectFrom('project_contract').select('contract_id').where('project_id', '=', projectId).execute();
  return rows.map((r) => Number(r.contract_id));
}
export function findProjectName(db: Db, id: number) {
  return db.selectFrom('project').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}
export function findContractNumber(db: Db, id: number) {
  return db.selectFrom('contract').select(['id', 'number']).where('id', '=', id).executeTakeFirst();
}
/** Contracts with requests or hours in a day range (what the 1st-of-month job drafts for). */
export async function activeContractKeys(db: Db, from: string, to: string): Promise<number[]> {
  const a = await db
    .selectFrom('request_day')
    .select('contract_key')
    .distinct()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('contract_key', '>', 0)
    .execute();
  const b = await db
    .selectFrom('work_customer_day')
    .select('contract_key')
    .distinct()
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .where('contract_key', '>', 0)
    .execute();
  return [...new Set([...a, ...b].map((r) => Number(r.contract_key)))].sort((x, y) => x - y);
}

export type MonthlySummaryRow = Selectable<MonthlySummaryTable>;
export function findMonthlySummary(db: Db, month: string, scopeKey: string) {
  return db.selectFrom('monthly_summary').selectAll().where('month', '=', month).where('scope_key', '=', scopeKey).executeTakeFirst();
}
export function findMonthlySummaryById(db: Db, id: number) {
  return db.selectFrom('monthly_summary').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findMonthlySummaries(db: Db, month: string) {
  return db.selectFrom('monthly_summary').selectAll().where('month', '=', month).orderBy('scope_key').execute();
}
export function insertMonthlySummary(db: Db, row: Insertable<MonthlySummaryTable>): Promise<number> {
  return insertReturningId(db, 'monthly_summary', row);
}
export function updateMonthlySummary(db: Db, id: number, version: number, patch: Updateable<MonthlySummaryTable>): Promise<void> {
  return updateVersioned(db, 'monthly_summary', id, version, patch);
}

// ── Settings ──
export function findSettings(db: Db) {
  return db.selectFrom('report_setting').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}
export async function saveSettings(db: Db, weeklyDueTime: string, mailTo: string, at: string): Promise<void> {
  await db
    .updateTable('report_setting')
    .set({ weekly_due_time: weeklyDueTime, mail_to: mailTo, updated_at: at })
    .where('id', '=', 1)
    .execute();
}

// ── Dashboards ──

/**
 * A dashboard range read from the roll-ups: the whole weeks in it (Mondays `weekFrom`..`weekTo`,
 * none when `weekFrom` > `weekTo`) from request_customer_week, and the days at its edges outside
 * them (`edges`, inclusive day ranges) from request_day.
 */
export interface RollupRange {
  weekFrom: string;
  weekTo: string;
  edges: readonly (readonly [string, string])[];
}

const inIds = (ids: readonly number[]) => (ids.length ? [...ids] : [-1]);

/** Closed, past SLA, fixed at the first visit per day, company-wide (no customer filter). */
export function requestTotalDays(db: Db, from: string, to: string) {
  return db
    .selectFrom('request_total_day')
    .select(['day', 'closed', 'closed_breached as breached', 'closed_one_visit as one_visit'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
}

/** The same for some customers: per week for the whole weeks, per day for the edges (`day`: a Monday or a day). */
export async function requestDaysOfCustomers(db: Db, r: RollupRange, customerIds: readonly number[]) {
  const weeks =
    r.weekFrom <= r.weekTo
      ? await db
          .selectFrom('request_customer_week')
          .select([
            'week_start as day',
            (eb) => eb.fn.sum<number>('closed').as('closed'),
            (eb) => eb.fn.sum<number>('closed_breached').as('breached'),
            (eb) => eb.fn.sum<number>('closed_one_visit').as('one_visit'),
          ])
          .where('customer_id', 'in', inIds(customerIds))
          .where('week_start', '>=', r.weekFrom)
          .where('week_start', '<=', r.weekTo)
          .groupBy('week_start')
          .execute()
      : [];
  const days = [];
  for (const [from, to] of r.edges)
    days.push(
      ...(await db
        .selectFrom('request_day')
        .select([
          'day',
          (eb) => eb.fn.sum<number>('closed').as('closed'),
          (eb) => eb.fn.sum<number>('closed_breached').as('breached'),
          (eb) => eb.fn.sum<number>('closed_one_visit').as('one_visit'),
        ])
        .where('customer_id', 'in', inIds(customerIds))
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy('day')
        .execute()),
    );
  return [...weeks, ...days];
}

/**
 * SLA by customer over a range: the `limit` customers with the most closed past their SLA (then the
 * most closed, then by id), summed in the database from the customer weeks and the edge days'
 * request_day rows.
 *
 * Summing every customer of 90 days is ≈ 260,000 customer-week rows (≈ 0.4 s). So first only the
 * rows with a request past its SLA (≈ 1 in 10; partial indexes) give each customer's count past SLA
 * and the `limit`-th highest count; just the customers at or above it (ties included) can be in
 * the list, and only their rows are summed. With fewer than `limit` customers past SLA, the list
 * is filled by the most closed and every customer is summed.
 */
export async function slaByCustomer(db: Db, r: RollupRange, customerIds: readonly number[] | undefined, limit: number) {
  const only = (ids: readonly number[] | undefined) => (ids ? sql`and customer_id in (${sql.join(inIds(ids))})` : sql``);
  const rows = (breachedOnly: boolean, ids: readonly number[] | undefined) => {
    const cond = breachedOnly ? sql`and closed_breached > 0` : sql``;
    return sql.join(
      [
        sql`select customer_id, closed, closed_breached from request_customer_week
          where week_start >= ${r.weekFrom} and week_start <= ${r.weekTo} ${cond} ${only(ids)}`,
        ...r.edges.map(
          ([from, to]) =>
            sql`select customer_id, closed, closed_breached from request_day where day >= ${from} and day <= ${to} ${cond} ${only(ids)}`,
        ),
      ],
      sql` union all `,
    );
  };
  const contenders = await sql<{ customer_id: number }>`
    with b as (select customer_id, sum(closed_breached) as n from (${rows(true, customerIds)}) x group by customer_id),
      floor as (select n from b order by n desc limit 1 offset ${limit - 1})
    select customer_id from b where n >= (select n from floor)`.execute(db);
  const ids = contenders.rows.length >= limit ? contenders.rows.map((c) => Number(c.customer_id)) : customerIds;
  const top = await sql<{ customer_id: number; name: string; closed: number; breached: number }>`
    select t.customer_id, c.name, t.closed, t.breached from (
      select customer_id, sum(closed) as closed, sum(closed_breached) as breached
      from (${rows(false, ids)}) x
      group by customer_id having sum(closed) > 0
      order by sum(closed_breached) desc, sum(closed) desc, customer_id limit ${limit}
    ) t join customer c on c.id = t.customer_id
    order by t.breached desc, t.closed desc, t.customer_id`.execute(db);
  return top.rows;
}

/** Customers of a sales owner's contracts (the sales cut of the dashboards). */
export async function customerIdsOfSalesOwner(db: Db, salesId: number): Promise<number[]> {
  const rows = await db.selectFrom('contract').select('customer_id').distinct().where('sales_owner_id', '=', salesId).execute();
  return rows.map((r) => Number(r.customer_id));
}

export function callsForDashboard(db: Db, fromAt: string, toAt: string, customerIds?: readonly number[]) {
  let b = db
    .selectFrom('phone_call')
    .select([sql<string>`substr(called_at, 1, 13)`.as('hour'), 'product_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('called_at', '>=', fromAt)
    .where('called_at', '<', toAt);
  if (customerIds) b = b.where('customer_id', 'in', customerIds.length ? [...customerIds] : [-1]);
  return b.groupBy([sql`substr(called_at, 1, 13)`, 'product_type']).execute();
}
