import { type ReadScope, readableRequests } from './read-scope';
import type { TSlaStatus } from '@contract/sla';
import { type AliasableExpression, type Insertable, type RawBuilder, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import {
  ACTIVE_STATES,
  isTerminalState,
  TERMINAL_STATES,
  type TServiceRequestKind,
  ZServiceRequestState,
} from '@contract/service-request-workflow';
import type { TServiceKind } from '@contract/contracts';
import type { TServiceRequestQuery } from '@contract/service-requests';
import { type Db, isPostgres } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { placeholder, shapedQuery } from '../../db/prepared-query';
import { updateVersioned } from '../../db/versioned-update';
import { zhOrder } from '../../db/zh-order';
import { containsPattern, limitOffset, parseSort } from '../../db/list-query';
import { containsQuery } from '../search/search-tokens';
import { countMatching, expectedMatching, matchingIds, requestMatch } from './service-requests.search.repo';
import type {
  EngineerLeaveTable,
  ServiceRequestAttachmentTable,
  ServiceRequestPauseTable,
  ServiceRequestTable,
} from './service-requests.table';

const TERMINAL = [...TERMINAL_STATES];

/**
 * What a request shows of its contract's commitments (the detail's, the clocks' and the checks'
 * input; a list page does not read them).
 */
const COMMITMENT_COLUMNS = [
  'customer.region as customer_region',
  'customer.address as customer_address',
  'contract.status as contract_status',
  'contract.coverage_kind',
  'contract.coverage_days',
  'contract.coverage_start_hour',
  'contract.coverage_end_hour',
  'contract.response_hours',
  'contract.arrival_hours',
  'contract.resolution_hours',
  'contract.pm_visits_per_year',
  'contract.onsite_visits_included',
  'contract.training_days',
  'contract.training_attendees',
  'contract.warranty_months',
  'contract.warranty_start',
  'contract.warranty_end',
  'contract.vendor_extra_years',
  'contract.vendor_scope',
  'contract.vendor_region',
  'contract.remote_only',
] as const;

/**
 * What a request shows of its customer and its contract's commitments: read with every request
 * (selectRequests) and, for a new one, in the create's single reference check (create.repo).
 */
export const CUSTOMER_AND_COMMITMENT_COLUMNS = [
  'customer.name as customer_name',
  'contract.number as contract_number',
  ...COMMITMENT_COLUMNS,
] as const;

/**
 * The requests with their references' names: what a list shows of each (toServiceRequest).
 * `page`: only the requests of that subquery (its `id`), which comes first in the FROM: PostgreSQL
 * keeps the written join order past eight relations (join_collapse_limit), so the page drives and
 * each of its rows is read by key — written last it would hash-join every request to find fifty.
 */
function selectListed(db: Db, page?: PageIds) {
  const from = page
    ? (db.selectFrom(page.as('p')).innerJoin('service_request as sr', 'sr.id', 'p.id') as unknown as ReturnType<typeof plainRequests>)
    : plainRequests(db);
  return from
    .innerJoin('customer', 'customer.id', 'sr.customer_id')
    .leftJoin('contract', 'contract.id', 'sr.contract_id')
    .leftJoin('project', 'project.id', 'sr.project_id')
    .leftJoin('app_user as pm', 'pm.id', 'project.project_manager_id')
    .leftJoin('app_user as issuer', 'issuer.id', 'sr.issued_by_id')
    .leftJoin('app_user as resp', 'resp.id', 'sr.responsible_engineer_id')
    .leftJoin('app_user as backup', 'backup.id', 'sr.backup_engineer_id')
    .selectAll('sr')
    .select([
      'customer.name as customer_name',
      'contract.number as contract_number',
      'project.code as project_code',
      'project.name as project_name',
      'project.project_manager_id',
      'pm.name as project_manager_name',
      'issuer.name as issued_by_name',
      'resp.name as responsible_engineer_name',
      'backup.name as backup_engineer_name',
    ]);
}

/** The requests with their references and their contract's commitments (selectListed's, and more). */
function selectRequests(db: Db, page?: PageIds) {
  return selectListed(db, page).select(COMMITMENT_COLUMNS);
}

/** The requests, unjoined: the FROM of every list query. */
function plainRequests(db: Db) {
  return db.selectFrom('service_request as sr');
}

/** A page of request ids with their sort key, in list order (`listRequests`). */
type PageIds = AliasableExpression<{ id: number; sort_key: string | null }>;

export type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>;
/** A request as a list page reads it: no commitment columns. */
export type ListedRow = Awaited<ReturnType<ReturnType<typeof selectListed>['executeTakeFirstOrThrow']>>;
export type PauseRow = Selectable<ServiceRequestPauseTable> & { by_name: string | null };

export function findRequestById(db: Db, id: number): Promise<RequestRow | undefined> {
  return selectRequests(db).where('sr.id', '=', id).executeTakeFirst();
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateRequest(db: Db, id: number, version: number, patch: Updateable<ServiceRequestTable>): Promise<void> {
  // Any change may move its SLA clocks (state, times, contract, engineer): the next sweep reads it.
  return updateVersioned(db, 'service_request', id, version, { ...patch, sla_next_check_at: SLA_CHECK_AT_ONCE });
}

export async function replaceEquipment(db: Db, requestId: number, equipmentIds: readonly number[]): Promise<void> {
  await db.deleteFrom('service_request_equipment').where('service_request_id', '=', requestId).execute();
  await addEquipment(db, requestId, equipmentIds);
}

/** The units of a request that has none yet (a new one): no DELETE first. */
export async function addEquipment(db: Db, requestId: number, equipmentIds: readonly number[]): Promise<void> {
  if (equipmentIds.length)
    await db
      .insertInto('service_request_equipment')
      .values(equipmentIds.map((equipment_id) => ({ service_request_id: requestId, equipment_id })))
      .execute();
}

export async function findEquipmentOf(db: Db, requestIds: readonly number[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('service_request_equipment as se')
    .innerJoin('equipment', 'equipment.id', 'se.equipment_id')
    .select(['se.service_request_id', 'equipment.id', 'equipment.product_type', 'equipment.brand', 'equipment.model', 'equipment.sn'])
    .where('se.service_request_id', 'in', [...requestIds])
    .orderBy('equipment.id')
    .execute();
}

/** Units by id with their contract (the form may list only units of its contract) and what the detail shows. */
export async function findEquipmentContracts(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('equipment')
    .select(['id', 'contract_id', 'product_type', 'brand', 'model', 'sn'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function findPauses(db: Db, requestIds: readonly number[]): Promise<PauseRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('service_request_pause as p')
    .leftJoin('app_user', 'app_user.id', 'p.by_id')
    .selectAll('p')
    .select('app_user.name as by_name')
    .where('p.service_request_id', 'in', [...requestIds])
    .orderBy('p.id')
    .execute();
}

export async function insertPause(db: Db, row: Insertable<ServiceRequestPauseTable>): Promise<void> {
  await db.insertInto('service_request_pause').values(row).execute();
}

export async function endOpenPause(db: Db, requestId: number, at: string, byId: number | null): Promise<void> {
  await db
    .updateTable('service_request_pause')
    .set({ ended_at: at, ended_by_id: byId })
    .where('service_request_id', '=', requestId)
    .where('ended_at', 'is', null)
    .execute();
}

/**
 * The literal term the partial "open" indexes (migration 1040) are declared with. A query uses
 * those indexes only if its WHERE carries this term as written (a bound parameter would not do).
 */
const OPEN_TERM = sql<SqlBool>`sr.state not in (${sql.raw(TERMINAL_STATES.map((s) => `'${s}'`).join(','))})`;

/** Past this many rows the list's total is not counted further (`total` = TOTAL_CAP means "at least"). */
export const TOTAL_CAP = 1000;

const OPEN_STATES = ZServiceRequestState.options.filter((st) => !isTerminalState(st));

type ListFilter = Omit<TServiceRequestQuery, 'page' | 'pageSize' | 'sort'> & { scope?: ReadScope };

/**
 * The filter as a list's SQL is built from it (`listForm`): the states, kind, SLA status and
 * "incomplete" as constants (they choose the plan: which partial index, which terms as written),
 * every other value as `bind` gives it — the value itself, or a placeholder the page's compiled
 * query binds at each run (`listPage`). The free text as its LIKE pattern, the closing times as
 * instants.
 */
type ListForm = Omit<ListFilter, 'q'> & { like?: string };

type Bind = <T>(key: string, value: T | undefined) => T | undefined;

function listForm(q: ListFilter, bind: Bind): ListForm {
  const instant = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  return {
    state: q.state ? [...new Set(q.state)] : undefined,
    kind: q.kind,
    sla: q.sla,
    incomplete: q.incomplete,
    engineerId: bind('engineerId', q.engineerId),
    scope: q.scope && { userId: bind('userId', q.scope.userId) as number, projects: q.scope.projects },
    customerId: bind('customerId', q.customerId),
    contractId: bind('contractId', q.contractId),
    projectId: bind('projectId', q.projectId),
    issuedById: bind('issuedById', q.issuedById),
    salesOwnerId: bind('salesOwnerId', q.salesOwnerId),
    closedFrom: bind('closedFrom', instant(q.closedFrom)),
    closedBefore: bind('closedBefore', instant(q.closedBefore)),
    like: bind('like', q.q ? containsPattern(q.q) : undefined),
  };
}

/**
 * How the free-text filter runs (R-FLOW-1 list): `candidates` — only requests the text index
 * matches (few: read by id and sorted); `walk` — the list's ordered walk checks the LIKE on each
 * row (a term in many requests fills a page within a short walk); `count` — the capped total of a
 * `walk`, counted over the matches by id. Either way the LIKE decides.
 */
interface TextPlan {
  match: string;
  mode: 'candidates' | 'walk' | 'count';
  /** PostgreSQL, a term the statistics call common: how many requests hold it, and their share. */
  expected?: { matches: number; share: number };
  /**
   * How the customer's name is checked: `row` — per checked row, one primary-key lookup (a
   * correlated scalar subquery); `set` — the matching customers listed once (a hashed subplan).
   */
  customers?: 'row' | 'set';
}

/** The text plan as a page's SQL is built from it: the decisions, and the match (a placeholder). */
type PageText = Omit<TextPlan, 'expected'>;

/** Up to this many index matches the list is read from the matches; beyond, by the ordered walk. */
let textCandidatesMax = 3000;

/** Tests: lower the threshold so small data takes the walk path too. Returns the previous value. */
export function setTextCandidatesMax(n: number): number {
  const was = textCandidatesMax;
  textCandidatesMax = n;
  return was;
}

/**
 * The plan for `q`, or undefined when the index cannot promise every LIKE match among its own
 * (containsQuery): then the plain LIKE walk, as before. `none` when nothing can match.
 */
async function textPlan(db: Db, text: string | undefined): Promise<TextPlan | 'none' | undefined> {
  if (!text) return undefined;
  const query = containsQuery(text.replace(/[\\%_]/g, ''));
  if (!query) return undefined;
  const match = requestMatch(db, query);
  // A term the statistics already call common (PostgreSQL: ANALYZE's most common tokens) goes to
  // the ordered walk without touching the text index: GIN reads a term's whole posting list and
  // each match's heap row before it can count any (云帆: 33,000; 有限: every request).
  const expected = await expectedMatching(db, query);
  if (expected && expected.matches > textCandidatesMax)
    return {
      match,
      mode: 'walk',
      expected: { matches: expected.matches, share: Math.min(1, expected.matches / Math.max(1, expected.rows)) },
    };
  const n = await countMatching(db, match, textCandidatesMax);
  if (n === 0) return 'none';
  return { match, mode: n <= textCandidatesMax ? 'candidates' : 'walk' };
}

/**
 * The filtered requests, on `service_request` alone (the customer name search is a subquery, not a
 * join). Whenever only open requests can match (all asked states are open, or an SLA status is
 * asked: closed requests keep their last status and are not "breached" any more) the open term is
 * added, so the planner walks a partial open index in list order.
 */
function filtered(db: Db, q: ListForm, engineerAs?: 'responsible' | 'backup', text?: PageText) {
  // `count`: driven by the index's matches, streamed (CROSS JOIN keeps SQLite from reordering), so a
  // capped count stops at the cap instead of first collecting every match of a common term.
  let base =
    text?.mode === 'count'
      ? (db
          .selectFrom(sql<{ id: number }>`(${matchingIds(db, text.match)})`.as('m'))
          .crossJoin('service_request as sr')
          .where(sql<SqlBool>`sr.id = m.id`) as unknown as ReturnType<typeof plainRequests>)
      : plainRequests(db);
  const onlyOpen = q.state?.every((st) => !isTerminalState(st)) || q.sla !== undefined;
  if (onlyOpen) base = base.where(OPEN_TERM);
  // One state: `state = ?` walks (state, date, id) in order. Several open states: say it as "open,
  // but not the other open states" — a NOT IN the planner does not take an index for, so it walks
  // the partial open index in list order instead of collecting (state, …) ranges and sorting them.
  const states = q.state;
  if (states && states.length > 1 && onlyOpen) {
    const others = OPEN_STATES.filter((st) => !states.includes(st));
    if (others.length) base = base.where('sr.state', 'not in', others);
  } else if (states) base = base.where('sr.state', 'in', states);
  if (q.kind) base = base.where('sr.kind', '=', q.kind);
  if (q.engineerId) {
    const e = q.engineerId;
    if (engineerAs === 'responsible') base = base.where('sr.responsible_engineer_id', '=', e);
    else if (engineerAs === 'backup') base = base.where('sr.backup_engineer_id', '=', e);
    else base = base.where((eb) => eb.or([eb('sr.responsible_engineer_id', '=', e), eb('sr.backup_engineer_id', '=', e)]));
  }
  if (q.scope) base = base.where(readableRequests(q.scope));
  if (q.customerId) base = base.where('sr.customer_id', '=', q.customerId);
  if (q.contractId) base = base.where('sr.contract_id', '=', q.contractId);
  if (q.projectId) base = base.where('sr.project_id', '=', q.projectId);
  if (q.issuedById) base = base.where('sr.issued_by_id', '=', q.issuedById);
  if (q.salesOwnerId) {
    const owner = q.salesOwnerId;
    base = base.where('sr.customer_id', 'in', (eb) =>
      eb.selectFrom('contract').select('contract.customer_id').where('contract.sales_owner_id', '=', owner),
    );
  }
  // A literal 1: the partial `incomplete = 1` index is used only for the term as written.
  if (q.incomplete) base = base.where('sr.incomplete', '=', q.incomplete === 'true' ? sql.lit(1) : 0);
  if (q.sla) base = base.where('sr.sla_status', '=', q.sla);
  if (q.closedFrom) base = base.where('sr.closed_at', '>=', q.closedFrom);
  if (q.closedBefore) base = base.where('sr.closed_at', '<', q.closedBefore);
  if (text?.mode === 'candidates') base = base.where(sql<SqlBool>`sr.id in (${matchingIds(db, text.match)})`);
  if (q.like) {
    const like = q.like;
    // With the index the customer's name is read per checked row (a correlated scalar subquery: one
    // primary-key lookup; an EXISTS would be hashed over every customer on PostgreSQL); without, the
    // matching customers are listed once.
    base = base.where((eb) =>
      eb.or([
        eb('sr.number', 'like', like),
        eb('sr.description', 'like', like),
        eb('sr.contact_name', 'like', like),
        text && text.customers !== 'set'
          ? eb(eb.selectFrom('customer').select('customer.name').whereRef('customer.id', '=', 'sr.customer_id'), 'like', like)
          : eb('sr.customer_id', 'in', eb.selectFrom('customer').select('customer.id').where('customer.name', 'like', like)),
      ]),
    );
  }
  return base;
}

/** Full rows for ids, in the order of `ids`. */
async function rowsByIds(db: Db, ids: readonly number[]): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  const byId = new Map(
    (
      await selectRequests(db)
        .where('sr.id', 'in', [...ids])
        .execute()
    ).map((r) => [r.id, r]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const SORT_COLUMNS = {
  createdAt: 'sr.created_at',
  plannedStart: 'sr.planned_start',
  number: 'sr.number',
  urgency: 'sr.created_at',
} as const;

/**
 * "Most urgent first" (`sort=urgency`): breached, then at risk, then within the SLA, then without
 * a clock; within each, urgent before high before the rest; then the oldest first. One text key, so
 * the engineer's union sorts by it as by a column.
 */
const URGENCY_KEY = sql<string>`(case sr.sla_status when 'breached' then '0' when 'at_risk' then '1' when 'ok' then '2' else '3' end
  || case sr.priority when 'urgent' then '0' when 'high' then '1' when 'normal' then '2' else '3' end || sr.created_at)`;

function sortKey(key: keyof typeof SORT_COLUMNS): RawBuilder<string | null> {
  return key === 'urgency' ? URGENCY_KEY : sql.ref<string | null>(SORT_COLUMNS[key]);
}

/**
 * A list page as its SQL is built: the filter (`listForm`), the sort, the text plans of the page and
 * of its count, which columns, and placeholders for the paging. The same shape, the same SQL.
 */
interface ListShape {
  form: ListForm;
  key: keyof typeof SORT_COLUMNS;
  direction: 'asc' | 'desc';
  text?: PageText;
  counting?: PageText;
  /** `full`: with the contract's commitments (the workbench computes deadlines from them). */
  columns: 'list' | 'full';
  limit: number;
  offset: number;
  /** offset + limit: how deep each of the engineer's walks goes on PostgreSQL (engineerPage). */
  depth: number;
  cap: number;
}

/**
 * The page: its ids (walking `service_request_created_idx` / `_planned_idx`, or their partial
 * open variants, in list order) joined to the full rows and their references, with the capped total
 * as a scalar subquery the engine evaluates once. The outer ORDER BY sorts only the page's rows.
 */
const listPage = shapedQuery((db: Db, s: ListShape) => {
  const page = s.form.engineerId
    ? engineerPage(db, s)
    : filtered(db, s.form, undefined, s.text)
        .select(['sr.id', sortKey(s.key).as('sort_key')])
        .orderBy(sortKey(s.key), s.direction)
        .orderBy('sr.id', s.direction)
        .limit(s.limit)
        .offset(s.offset);
  const rows = s.columns === 'full' ? selectRequests(db, page) : selectListed(db, page);
  return (rows as ReturnType<typeof selectListed>)
    .select(countRequests(db, s).as('total_n'))
    .orderBy(sql.ref('p.sort_key'), s.direction)
    .orderBy(sql.ref('p.id'), s.direction);
});

/** The capped total alone: an empty page past the first. */
const listCount = shapedQuery((db: Db, s: ListShape) => db.selectNoFrom(countRequests(db, s).as('total_n')));

/**
 * The list, one statement a page: `listPage`, compiled once per shape (db/prepared-query's
 * `shapedQuery`: building and compiling the page's Kysely query took more CPU than the database's
 * answer), prepared once per connection on PostgreSQL. The total is counted without joins and
 * capped: past TOTAL_CAP rows (or past the current page, if deeper) it stops counting, so `total`
 * is then a lower bound ("more than …"). One round trip instead of three (ids, count, rows): on
 * PostgreSQL each is ≈ 0.1–0.3 ms of network and pool, more under load. An empty page past the
 * first counts on its own.
 */
export function listRequests(db: Db, q: TServiceRequestQuery & { scope?: ReadScope }): Promise<{ rows: ListedRow[]; total: number }> {
  return listRows(db, q, 'list');
}

/** The list's page with each request's contract commitments too (the workbench's deadlines). */
export function listRequestsWithCommitments(
  db: Db,
  q: TServiceRequestQuery & { scope?: ReadScope },
): Promise<{ rows: RequestRow[]; total: number }> {
  return listRows(db, q, 'full') as Promise<{ rows: RequestRow[]; total: number }>;
}

async function listRows(
  db: Db,
  q: TServiceRequestQuery & { scope?: ReadScope },
  columns: ListShape['columns'],
): Promise<{ rows: ListedRow[]; total: number }> {
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  const plan = await textPlan(db, q.q);
  if (plan === 'none') return { rows: [], total: 0 };
  const cap = Math.max(TOTAL_CAP + 1, offset + limit + 1);
  const values: Record<string, unknown> = {};
  const bind: Bind = (name, value) => {
    if (value === undefined) return undefined;
    values[name] = value;
    return placeholder(name);
  };
  const match = plan ? (bind('match', plan.match) as string) : '';
  const shape: ListShape = {
    form: listForm(q, bind),
    key,
    direction,
    text: plan && { match, mode: plan.mode, customers: plan.customers },
    counting: plan && { ...countingText(q, cap, plan), match },
    columns,
    limit: bind('limit', limit) as number,
    offset: bind('offset', offset) as number,
    depth: bind('depth', offset + limit) as number,
    cap: bind('cap', cap) as number,
  };
  const rows = await listPage(db, shape, values);
  if (rows.length > 0 || offset === 0) return { rows, total: rows.length > 0 ? Number(rows[0].total_n) : 0 };
  return { rows: [], total: Number((await listCount(db, shape, values))[0].total_n) };
}

/**
 * How the capped total walks a free-text filter. The LIKE walk keeps the text plan (mode `walk`:
 * no candidates), so the customer's name is read per walked row (有限: not by hashing all 50,000
 * customers first) unless the term is rare enough in the requests that listing the matching
 * customers once costs less (walkedCustomers). A common term may be counted from the index's
 * matches instead (countsByIndex).
 */
function countingText(q: ListFilter, cap: number, text: TextPlan): Omit<PageText, 'match'> {
  if (text.mode !== 'walk') return { mode: text.mode, customers: text.customers };
  return countsByIndex(q, cap, text) ? { mode: 'count', customers: text.customers } : { mode: 'walk', customers: walkedCustomers(q, text) };
}

/**
 * The capped total, as a subquery. A common term (`walk`) is counted from the index's matches,
 * each checked by id, up to the cap — not by walking the list until the cap's worth of rows pass
 * the LIKE. Any `cap` rows will do, so the engineer's two walks are counted unsorted (no merge, no sort).
 */
function countRequests(db: Db, s: ListShape) {
  const capped = s.form.engineerId
    ? db.selectFrom(engineerUnion(db, s.form, s.key, s.counting).limit(s.cap).as('t'))
    : db.selectFrom(filtered(db, s.form, undefined, s.counting).select(sql<number>`1`.as('one')).limit(s.cap).as('t'));
  return capped.select((eb) => eb.fn.countAll<number>().as('n'));
}

/**
 * Whether a common term's capped total is counted from the index's matches (each checked by id)
 * rather than by the capped LIKE walk of the list. SQLite: always (FTS5 streams its matches and
 * the count stops at the cap). PostgreSQL reads a term's whole posting list into a bitmap first
 * (≈ 1.6 µs a match) where a walked row costs ≈ 9 µs with its customer lookup: the index only when
 * the walk to the cap (cap ÷ share rows) costs more than the bitmap (matches ÷ 6) and the cap's
 * lookups — 云帆 (3.5 %: 86 ms against ≈ 260 ms walked), not 有限 (every request: 1,001 rows walked)
 * — and only with no other filter, which the bitmap cannot narrow (each of its matches is looked up
 * until the cap passes the filter; 云帆 + open states: 34,000 lookups against 10,000 rows walked).
 */
function countsByIndex(q: ListFilter, cap: number, text: TextPlan): boolean {
  if (!text.expected) return true;
  const walked = cap / text.expected.share;
  const indexed = text.expected.matches / 6 + cap;
  return isUnfiltered(q) && walked > indexed;
}

/** Whether the list has no filter but its free text (paging and sort aside). */
function isUnfiltered(q: ListFilter): boolean {
  // The list's query carries its paging too (not filters).
  const { q: _text, scope, ...rest } = q as ListFilter & Partial<Pick<TServiceRequestQuery, 'page' | 'pageSize' | 'sort'>>;
  const { page: _page, pageSize: _size, sort: _sort, ...filters } = rest;
  return scope === undefined && Object.values(filters).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/**
 * How a common term's capped count by the LIKE walk checks the customer's name. The walk passes
 * cap ÷ share rows, and each row that no column of its own matches looks its customer up: 硬盘 (a
 * fifth of requests, in none of the customers' names) walks 6,000 rows and makes 5,000 lookups.
 * Listing the matching customers once scans the 50,000 customers and hashes those that match —
 * 硬盘's count, at load 5: 18 / 33 ms (min / median of 15) by lookups, 11.5 / 23 ms by the list,
 * 3.5 / 7 ms with no customer check at all (bench/LIST_PLANS.md) — but costs more for a term in
 * most names (有限: in every request through its customer, 1,001 rows walked: 6 ms by lookups, 80 ms
 * hashing all 50,000). The share tells the two apart: a term in at least half of the requests
 * costs at most one lookup per counted row. Only with no other filter: one (an engineer, a
 * customer) can make the walk short, and the scan would then cost more.
 */
function walkedCustomers(q: ListFilter, text: TextPlan): 'row' | 'set' {
  return text.expected && text.expected.share < 0.5 && isUnfiltered(q) ? 'set' : 'row';
}

/**
 * The engineer filter as two id lists, responsible = ? and backup = ? (but not also responsible),
 * each with the sort key, as a UNION ALL: each is an ordered walk of an engineer index — the open
 * partial ones (migration 1111) with the open term, (engineer, created_at, id) without (migration
 * 1120) — and the engine merges the two in list order and stops at the page (SQLite MERGE,
 * PostgreSQL Merge Append; a UNION would make PostgreSQL collect and sort both ranges to drop
 * duplicates), where `responsible = ? or backup = ?` would collect both ranges and sort them.
 */
function engineerUnion(db: Db, q: ListForm, key: keyof typeof SORT_COLUMNS, text?: PageText) {
  const e = q.engineerId as number;
  const part = (as: 'responsible' | 'backup') => filtered(db, q, as, text).select(['sr.id', sortKey(key).as('sort_key')]);
  const backupOnly = part('backup').where((eb) =>
    eb.or([eb('sr.responsible_engineer_id', 'is', null), eb('sr.responsible_engineer_id', '!=', e)]),
  );
  return part('responsible').unionAll(backupOnly);
}

/**
 * The engineer's page of ids. PostgreSQL plans the union's ORDER BY … LIMIT as an Append of both
 * walks and a top-N sort of every row of both (the busiest engineer: 6,400 rows, 7.4 ms), not as
 * the Merge Append SQLite does: there each walk is cut to the page's depth first (ordered, limited
 * index walks; the union then holds at most twice the page), which returns the same page.
 */
function engineerPage(db: Db, s: ListShape) {
  const { form: q, key, direction, text } = s;
  if (!isPostgres(db))
    return engineerUnion(db, q, key, text).orderBy('sort_key', direction).orderBy('id', direction).limit(s.limit).offset(s.offset);
  const e = q.engineerId as number;
  const part = (as: 'responsible' | 'backup') =>
    filtered(db, q, as, text)
      .select(['sr.id', sortKey(key).as('sort_key')])
      .orderBy(sortKey(key), direction)
      .orderBy('sr.id', direction)
      .limit(s.depth);
  const backupOnly = part('backup').where((eb) =>
    eb.or([eb('sr.responsible_engineer_id', 'is', null), eb('sr.responsible_engineer_id', '!=', e)]),
  );
  return db
    .selectFrom(part('responsible').as('r'))
    .selectAll()
    .unionAll(db.selectFrom(backupOnly.as('b')).selectAll())
    .orderBy('sort_key', direction)
    .orderBy('id', direction)
    .limit(s.limit)
    .offset(s.offset);
}

/** For exports: the next rows after `afterId` in id order. */
export async function listRequestsAfter(db: Db, q: ListFilter, afterId: number, limit: number): Promise<RequestRow[]> {
  const ids = await filtered(db, listForm(q, (_name, value) => value))
    .select('sr.id').where('sr.id', '>', afterId).orderBy('sr.id').limit(limit).execute();
  return rowsByIds(
    db,
    ids.map((r) => r.id),
  );
}

/**
 * Open requests whose contract sets an SLA target, as full rows (seven joins, one table lookup per
 * row). The sweep no longer reads this (see `findOpenSlaSubjects`); kept for the benches' comparison.
 */
export function findOpenRequestsWithTargets(db: Db): Promise<RequestRow[]> {
  return selectRequests(db)
    .where(OPEN_TERM)
    .where((eb) =>
      eb.or([
        eb('contract.response_hours', 'is not', null),
        eb('contract.arrival_hours', 'is not', null),
        eb('contract.resolution_hours', 'is not', null),
      ]),
    )
    .orderBy('sr.id')
    .execute();
}

/** What the SLA sweep reads of an open request. */
export const SLA_LOAD_COLUMNS = [
  'id',
  'contract_id',
  'state',
  'created_at',
  'issued_at',
  'responded_at',
  'arrived_at',
  'resolved_at',
  'sla_status',
  'responsible_engineer_id',
  'project_id',
  'customer_id',
  'number',
] as const;

/**
 * The open requests with a contract, narrow: only the SLA columns, no joins, in id order. The
 * benches' whole-table load (the sweep reads only the due ones: `findDueSlaSubjects`); its covering
 * index was dropped (migration 3060), so this now reads the table by the open-contract index.
 * The contract targets come once per distinct contract from `findContractTargets`.
 */
export function findOpenSlaSubjects(db: Db, chunk?: IdChunk) {
  let q = db
    .selectFrom('service_request as sr')
    .select(SLA_LOAD_COLUMNS.map((c) => `sr.${c}` as const))
    .where(OPEN_TERM)
    .where('sr.contract_id', 'is not', null);
  if (chunk) q = q.where('sr.id', '>', chunk.afterId).limit(chunk.limit);
  return q.orderBy('sr.id').execute();
}

/** A keyset chunk of rows in id order: the next `limit` after `afterId`. */
export interface IdChunk {
  afterId: number;
  limit: number;
}
export type SlaSubjectRow = Awaited<ReturnType<typeof findOpenSlaSubjects>>[number];

/** The ids of the open requests with a contract (a subquery of the two reads below). */
function openWithContract(db: Db) {
  return db.selectFrom('service_request as sr').where(OPEN_TERM).where('sr.contract_id', 'is not', null);
}

/**
 * Coverage and targets of the contracts of open requests that set at least one SLA target: one
 * statement, each distinct contract read once by primary key (`id in (subquery)`).
 */
export function findOpenContractTargets(db: Db, contractIds?: readonly number[]) {
  return db
    .selectFrom('contract')
    .select([
      'id',
      'coverage_kind',
      'coverage_days',
      'coverage_start_hour',
      'coverage_end_hour',
      'response_hours',
      'arrival_hours',
      'resolution_hours',
    ])
    .where('id', 'in', contractIds ?? openWithContract(db).select('sr.contract_id'))
    .where((eb) =>
      eb.or([eb('response_hours', 'is not', null), eb('arrival_hours', 'is not', null), eb('resolution_hours', 'is not', null)]),
    )
    .execute();
}

/** The pauses of the open requests with a contract (state and span only), per request in id order. */
export function findOpenPauseSpans(db: Db, requestIds?: readonly number[]) {
  return db
    .selectFrom('service_request_pause')
    .select(['service_request_id', 'state', 'started_at', 'ended_at'])
    .where('service_request_id', 'in', requestIds ?? openWithContract(db).select('sr.id'))
    .orderBy('service_request_id')
    .orderBy('id')
    .execute();
}

/** Customer names by id (the notices' body), one query per chunk of distinct ids. */
export async function findCustomerNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const chunk of chunks([...new Set(ids)]))
    for (const r of await db.selectFrom('customer').select(['id', 'name']).where('id', 'in', chunk).execute()) out.set(r.id, r.name);
  return out;
}

/** Project managers by project id (told of breaches). */
export async function findProjectManagers(db: Db, ids: readonly number[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  for (const chunk of chunks([...new Set(ids)]))
    for (const r of await db.selectFrom('project').select(['id', 'project_manager_id']).where('id', 'in', chunk).execute())
      out.set(r.id, r.project_manager_id === null ? null : r.project_manager_id);
  return out;
}

/** Ids per IN list: well under both engines' bound-parameter limits. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The "check at once" value of `sla_next_check_at` (also its default, migration 3000): before any
 * instant the sweep runs at, so the next sweep reads the request whatever `now` it is given.
 */
export const SLA_CHECK_AT_ONCE = '1970-01-01T00:00:00.000Z';

/** Where the SLA sweep is in the (next check, id) order of the due requests. */
export interface DueCursor {
  at: string;
  id: number;
}

/**
 * The open requests whose next SLA check time has passed, the next `limit` after `after` in
 * (next check, id) order, with the SLA columns, the version (to write back only what did not change
 * since) and the check time. From the partial index `service_request_sla_next_check_idx`: the
 * minute's sweep reads the few requests near a threshold, not every open one. Requests without
 * a contract come too (their check time is then cleared).
 */
export function findDueSlaSubjects(db: Db, now: string, after: DueCursor | null, limit: number) {
  let q = db
    .selectFrom('service_request as sr')
    .select([...SLA_LOAD_COLUMNS.map((c) => `sr.${c}` as const), 'sr.version', 'sr.sla_next_check_at', 'sr.sla_notified'])
    .where(OPEN_TERM)
    .where('sr.sla_next_check_at', '<=', now);
  if (after) q = q.where((eb) => eb(eb.refTuple('sr.sla_next_check_at', 'sr.id'), '>', eb.tuple(after.at, after.id)));
  return q.orderBy('sr.sla_next_check_at').orderBy('sr.id').limit(limit).execute();
}
export type DueSlaSubjectRow = Awaited<ReturnType<typeof findDueSlaSubjects>>[number];

/** What one sweep visit writes of a request: its next check time and (when it changed) its status. */
export interface SlaCheckWrite {
  id: number;
  /** The version read: a request changed since keeps its "check at once". */
  version: number;
  next: string | null;
  status: TSlaStatus | null;
  /** The SLA notices sent for it, as `sla_notified` holds them (those read, and those sent now). */
  notified: number;
}

/**
 * Write the sweep's visits back (next check, notices sent, and the status where it changed): one
 * UPDATE … FROM (VALUES …) per chunk of rows, each row only if its version is still the one read (a
 * request edited meanwhile stays due at once). The rows whose status stays as it was are written
 * by a statement that does not name `sla_status`: SQLite rewrites the entries of every index whose
 * column an UPDATE sets, changed or not (two SLA-status indexes a row). The `id in (…)` repeats the
 * ids on purpose: without it SQLite's planner scans the whole table and probes the VALUES (162 ms a
 * chunk of 250 on 200,000 requests); with it, one rowid lookup each.
 */
export async function setSlaChecks(db: Db, writes: readonly SlaCheckWrite[]): Promise<void> {
  const changed = writes.filter((w) => w.status !== null);
  const same = writes.filter((w) => w.status === null);
  for (const part of chunks(same, 250)) {
    const values = part.map(
      (w) => sql`(cast(${w.id} as integer), cast(${w.version} as integer), ${w.next}, cast(${w.notified} as integer))`,
    );
    await sql`update service_request set sla_next_check_at = v.column3, sla_notified = v.column4
      from (values ${sql.join(values)}) as v
      where service_request.id in (${sql.join(part.map((w) => w.id))}) and service_request.id = v.column1
        and service_request.version = v.column2`.execute(db);
  }
  for (const part of chunks(changed, 250)) {
    const values = part.map(
      (w) => sql`(cast(${w.id} as integer), cast(${w.version} as integer), ${w.next}, ${w.status}, cast(${w.notified} as integer))`,
    );
    await sql`update service_request set sla_next_check_at = v.column3, sla_status = v.column4, sla_notified = v.column5
      from (values ${sql.join(values)}) as v
      where service_request.id in (${sql.join(part.map((w) => w.id))}) and service_request.id = v.column1
        and service_request.version = v.column2`.execute(db);
  }
}

/**
 * Make open requests due for an SLA check at the next sweep: those of one contract (its coverage
 * or targets changed), or every open one (the holiday calendar changed).
 */
export async function markSlaChecksDue(db: Db, scope: { contractId: number } | 'all-open'): Promise<void> {
  let q = db
    .updateTable('service_request as sr')
    .set({ sla_next_check_at: SLA_CHECK_AT_ONCE })
    .where(OPEN_TERM)
    .where((eb) => eb.or([eb('sr.sla_next_check_at', 'is', null), eb('sr.sla_next_check_at', '!=', SLA_CHECK_AT_ONCE)]));
  if (scope !== 'all-open') q = q.where('sr.contract_id', '=', scope.contractId);
  await q.execute();
}

/**
 * Of the (user, dedupe key) pairs, those already notified, as `${userId}\n${key}`: one statement a
 * chunk, `(user_id, dedupe_key) in ((?, ?), …)`, which both engines answer with one probe of the
 * unique (user_id, dedupe_key) index per pair (SQLite: a covering-index search per listed row;
 * PostgreSQL: a BitmapOr of index scans). A statement per user took 1,408 round trips for a sweep
 * of 20,000 due requests on PostgreSQL; a users × keys IN product would probe every combination.
 */
export async function findExistingNoticeKeys(db: Db, pairs: readonly { userId: number; dedupeKey: string }[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Map(pairs.map((p) => [`${p.userId}\n${p.dedupeKey}`, p])).values()];
  for (const chunk of chunks(unique, NOTICE_PAIR_CHUNK)) {
    const rows = await db
      .selectFrom('notification')
      .select(['user_id', 'dedupe_key'])
      .where((eb) =>
        eb(
          eb.refTuple('user_id', 'dedupe_key'),
          'in',
          chunk.map((p) => eb.tuple(p.userId, p.dedupeKey)),
        ),
      )
      .execute();
    for (const r of rows) found.add(`${Number(r.user_id)}\n${r.dedupe_key}`);
  }
  return found;
}
/** Pairs a statement: two parameters each, well inside both engines' limits. */
const NOTICE_PAIR_CHUNK = 500;

/** R-EMER-1: urgent requests whose form is still to be completed. */
export function findIncompleteOpen(db: Db) {
  return db
    .selectFrom('service_request')
    .select(['id', 'number', 'issued_by_id', 'customer_id'])
    .where('incomplete', '=', 1)
    .where('state', 'not in', TERMINAL)
    .orderBy('id')
    .execute();
}

/** An engineer's other active requests overlapping [start, end): double booking. */
export function findOverlapping(db: Db, engineerId: number, start: string, end: string, exceptId: number) {
  return db
    .selectFrom('service_request')
    .select(['id', 'number'])
    .where((eb) => eb.or([eb('responsible_engineer_id', '=', engineerId), eb('backup_engineer_id', '=', engineerId)]))
    .where('state', 'in', ACTIVE_STATES)
    .where('id', '!=', exceptId)
    .where('planned_start', '<', end)
    .where('planned_end', '>', start)
    .orderBy('id')
    .execute();
}

/** Active requests planned within [start, end), for the dispatch board. */
export function findPlannedBetween(db: Db, start: string, end: string, filters: { region?: string; kind?: TServiceRequestKind }) {
  let base = selectRequests(db)
    .where('sr.state', 'in', ACTIVE_STATES)
    .where('sr.planned_start', '<', end)
    .where('sr.planned_end', '>', start);
  if (filters.region) base = base.where('customer.region', '=', filters.region);
  if (filters.kind) base = base.where('sr.kind', '=', filters.kind);
  return base.orderBy('sr.planned_start').orderBy('sr.id').execute();
}

/** The engineer's active requests (responsible or backup), soonest first. */
export function findActiveOfEngineer(db: Db, engineerId: number) {
  return selectRequests(db)
    .where((eb) => eb.or([eb('sr.responsible_engineer_id', '=', engineerId), eb('sr.backup_engineer_id', '=', engineerId)]))
    .where('sr.state', 'in', ACTIVE_STATES)
    .orderBy('sr.planned_start')
    .orderBy('sr.id')
    .limit(500)
    .execute();
}

/** Active users holding the engineer role, in Chinese (pinyin) order as users and customers are listed. */
export function findEngineers(db: Db) {
  return db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .where('user_role.role', '=', 'engineer')
    .where('app_user.active', '=', 1)
    .select(['app_user.id', 'app_user.name'])
    .orderBy(zhOrder(db, 'app_user.name'))
    .orderBy('app_user.id')
    .execute();
}

export type LeaveRow = Selectable<EngineerLeaveTable> & { user_name: string };

export function findLeaves(db: Db, fromDate: string, toDate: string, userId?: number): Promise<LeaveRow[]> {
  let base = db
    .selectFrom('engineer_leave')
    .innerJoin('app_user', 'app_user.id', 'engineer_leave.user_id')
    .selectAll('engineer_leave')
    .select('app_user.name as user_name')
    .where('engineer_leave.from_date', '<=', toDate)
    .where('engineer_leave.to_date', '>=', fromDate);
  if (userId) base = base.where('engineer_leave.user_id', '=', userId);
  return base.orderBy('engineer_leave.from_date').execute();
}

export function insertLeave(db: Db, row: Insertable<EngineerLeaveTable>): Promise<number> {
  return insertReturningId(db, 'engineer_leave', row);
}

/** Open requests issued by a user, counted per state (the receiver's workbench). */
export function countOpenIssuedByState(db: Db, issuedById: number) {
  return plainRequests(db)
    .where(OPEN_TERM)
    .where('sr.issued_by_id', '=', issuedById)
    .select(['sr.state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('sr.state')
    .execute();
}

/**
 * Requests whose contact phone holds `digits` however it was typed (spaces, dashes, dots,
 * parentheses, a +86 in front), newest first, within `scope` (the global search). A scan of the
 * phones: the search box asks it only for a query that is a phone number.
 */
export function findByPhoneDigits(db: Db, digits: string, scope: ReadScope | undefined, limit: number) {
  const stripped = ['+86', ' ', '-', '.', '(', ')', '（', '）'].reduce<RawBuilder<string>>(
    (expr, ch) => sql<string>`replace(${expr}, ${ch}, '')`,
    sql<string>`coalesce(sr.contact_phone, '')`,
  );
  let q = plainRequests(db).where(sql<SqlBool>`${stripped} like ${`%${digits}%`}`);
  if (scope) q = q.where(readableRequests(scope));
  return q.select('sr.id').orderBy('sr.created_at', 'desc').orderBy('sr.id', 'desc').limit(limit).execute();
}

/** Full rows for ids, in the order given (the global search's phone matches). */
export function findRequestsByIds(db: Db, ids: readonly number[]): Promise<RequestRow[]> {
  return rowsByIds(db, ids);
}

/** The service kinds a contract covers (R-SCOPE-1). */
export async function findContractServiceKinds(db: Db, contractId: number): Promise<TServiceKind[]> {
  const rows = await db.selectFrom('contract_service_kind').select('kind').where('contract_id', '=', contractId).execute();
  return rows.map((r) => r.kind);
}

export function insertAttachment(db: Db, row: Insertable<ServiceRequestAttachmentTable>): Promise<number> {
  return insertReturningId(db, 'service_request_attachment', row);
}

/** A request's photos and files, in the order they were added, with who added them. */
export function findAttachments(db: Db, requestId: number) {
  return db
    .selectFrom('service_request_attachment as a')
    .leftJoin('app_user as u', 'u.id', 'a.uploaded_by_id')
    .selectAll('a')
    .select('u.name as uploaded_by_name')
    .where('a.service_request_id', '=', requestId)
    .orderBy('a.id')
    .execute();
}

export function findAttachment(db: Db, requestId: number, attachmentId: number) {
  return db
    .selectFrom('service_request_attachment')
    .selectAll()
    .where('service_request_id', '=', requestId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}
