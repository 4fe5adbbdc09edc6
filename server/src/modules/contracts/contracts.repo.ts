import { type AliasableExpression, CompiledQuery, type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import { normaliseCustomerName } from '@contract/customers';
import { CONTRACT_TOTAL_CAP, type TContractQuery, type TStage } from '@contract/contracts';
import { inParts, insertInChunks, insertReturningIds } from '../../db/batch-insert';
import { type Db, isPostgres } from '../../db/database';
import { updateVersioned } from '../../db/versioned-update';
import { containsPattern, limitOffset, parseSort } from '../../db/list-query';
import { executeNamed } from '../../db/prepared-query';
import type { ContractItemTable, ContractServiceKindTable, ContractStageChangeTable, ContractTable } from './contracts.table';

export type ContractRow = Selectable<ContractTable> & {
  customer_name: string;
  sales_owner_name: string | null;
  commerce_contact_name: string | null;
};
export type ContractItemRow = Selectable<ContractItemTable>;
export type StageChangeRow = Selectable<ContractStageChangeTable>;

/** A contract of a list page with its service kinds (comma-separated, in no order; null: none). */
export type ContractListRow = ContractRow & { service_kinds: string | null };

/** A page of contract ids with their sort key, in list order (`listContracts`). */
type PageIds = AliasableExpression<{ id: number; sort_key: string | null }>;

function selectContracts(db: Db, page?: PageIds) {
  const from = page
    ? (db.selectFrom(page.as('p')).innerJoin('contract', 'contract.id', 'p.id') as unknown as ReturnType<typeof plainContracts>)
    : plainContracts(db);
  return from
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .leftJoin('app_user as sales_owner', 'sales_owner.id', 'contract.sales_owner_id')
    .leftJoin('app_user as commerce_contact', 'commerce_contact.id', 'contract.commerce_contact_id')
    .selectAll('contract')
    .select(['customer.name as customer_name', 'sales_owner.name as sales_owner_name', 'commerce_contact.name as commerce_contact_name']);
}

export function findContractById(db: Db, id: number): Promise<ContractRow | undefined> {
  return selectContracts(db).where('contract.id', '=', id).executeTakeFirst();
}

export async function findContractsByIds(db: Db, ids: readonly number[]): Promise<ContractRow[]> {
  if (ids.length === 0) return [];
  return selectContracts(db)
    .where('contract.id', 'in', [...new Set(ids)])
    .execute();
}

export function findContractsOfCustomer(db: Db, customerId: number): Promise<ContractRow[]> {
  return selectContracts(db).where('contract.customer_id', '=', customerId).orderBy('contract.id').execute();
}

export async function findContractsByNumbers(db: Db, numbers: readonly string[]): Promise<ContractRow[]> {
  const found: ContractRow[] = [];
  for (const part of inParts(numbers)) found.push(...(await selectContracts(db).where('contract.number', 'in', part).execute()));
  return found;
}

/** Which of these numbers are already used. */
export async function findTakenNumbers(db: Db, numbers: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of inParts(numbers)) {
    for (const r of await db.selectFrom('contract').select('number').where('number', 'in', part).execute()) taken.add(r.number);
  }
  return taken;
}

export function insertContracts(db: Db, rows: Insertable<ContractTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('contract').values(chunk).returning('id').execute());
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateContract(db: Db, id: number, version: number, patch: Updateable<ContractTable>): Promise<void> {
  return updateVersioned(db, 'contract', id, version, patch);
}

/** Move the stage, guarded by the stage it was read at; false when someone moved it meanwhile. */
export async function updateContractStage(db: Db, id: number, from: TStage, to: TStage, at: string): Promise<boolean> {
  const r = await db
    .updateTable('contract')
    .set((eb) => ({ stage: to, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('stage', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteContract(db: Db, id: number): Promise<void> {
  await db.deleteFrom('contract').where('id', '=', id).execute();
}

// ── Service kinds, items, stage changes ──

export async function findServiceKinds(db: Db, contractIds: readonly number[]): Promise<Selectable<ContractServiceKindTable>[]> {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('contract_service_kind')
    .selectAll()
    .where('contract_id', 'in', [...new Set(contractIds)])
    .execute();
}

export function insertServiceKinds(db: Db, rows: Insertable<ContractServiceKindTable>[]): Promise<void> {
  return insertInChunks(rows, (chunk) => db.insertInto('contract_service_kind').values(chunk).execute());
}

export async function deleteServiceKinds(db: Db, contractId: number): Promise<void> {
  await db.deleteFrom('contract_service_kind').where('contract_id', '=', contractId).execute();
}

export async function findItems(db: Db, contractId: number): Promise<ContractItemRow[]> {
  return db.selectFrom('contract_item').selectAll().where('contract_id', '=', contractId).orderBy('line_no').execute();
}

export function insertItems(db: Db, rows: Insertable<ContractItemTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('contract_item').values(chunk).returning('id').execute());
}

export async function deleteItems(db: Db, contractId: number): Promise<void> {
  await db.deleteFrom('contract_item').where('contract_id', '=', contractId).execute();
}

export function findStageChanges(db: Db, contractId: number): Promise<StageChangeRow[]> {
  return db.selectFrom('contract_stage_change').selectAll().where('contract_id', '=', contractId).orderBy('id').execute();
}

export function insertStageChanges(db: Db, rows: Insertable<ContractStageChangeTable>[]): Promise<number[]> {
  return insertReturningIds(rows, (chunk) => db.insertInto('contract_stage_change').values(chunk).returning('id').execute());
}

// ── Lists ──

const SORT_COLUMNS = {
  signedAt: 'contract.signed_at',
  endDate: 'contract.end_date',
  number: 'contract.number',
  createdAt: 'contract.created_at',
} as const;

/**
 * The list query. Filtered by status, stage or customer and sorted by signing date it reads
 * the matching composite index in order (no sort step): NULL dates sort low on both engines.
 */
/** The filters of a contract list (paging and sort aside). */
export type ContractFilters = Omit<TContractQuery, 'page' | 'pageSize' | 'sort'>;

/**
 * Past this many candidates from the search index the free-text filter is left to the LIKE alone
 * (a term in most contracts: walking the filtered range finds a page sooner than the index).
 */
const TEXT_CANDIDATES_MAX = 20_000;
/**
 * PostgreSQL reads each candidate's search entry from the heap (GIN has no index-only scan) and
 * probes the contract key per candidate: past a few thousand (HT-2024: 7,500, 60 ms against the
 * LIKE's 32 ms, measured) the LIKE over the filtered range is cheaper.
 */
const PG_TEXT_CANDIDATES_MAX = 2000;

/** How many candidates from the search index the list reads at most on this engine (contracts.service's `textCandidates`). */
export function textCandidatesMax(db: Db): number {
  return isPostgres(db) ? PG_TEXT_CANDIDATES_MAX : TEXT_CANDIDATES_MAX;
}

/**
 * `contract.id` among the candidates: a JSON array on SQLite (an ephemeral set the ordered walk of
 * the filter's index probes), an array parameter on PostgreSQL.
 */
function idIn(db: Db, ids: readonly number[]) {
  return isPostgres(db)
    ? sql<SqlBool>`contract.id = any(${[...ids]}::bigint[])`
    : sql<SqlBool>`contract.id in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The candidates as the FROM, each contract read by its key (CROSS JOIN keeps SQLite from
 * reordering): for counting, where any order will do. Walking the filter's index instead reads the
 * whole filtered range (12,980 entries for status + stage) to find a few hundred candidates in it.
 */
function candidateContracts(db: Db, ids: readonly number[]) {
  const from = isPostgres(db)
    ? db.selectFrom(sql<{ cid: number }>`(select unnest(${[...ids]}::bigint[]) as cid)`.as('cand'))
    : db.selectFrom(sql<{ cid: number }>`(select value as cid from json_each(${JSON.stringify(ids)}))`.as('cand'));
  return from.crossJoin('contract').where(sql<SqlBool>`contract.id = cand.cid`) as unknown as ReturnType<typeof plainContracts>;
}

function plainContracts(db: Db) {
  return db.selectFrom('contract');
}

function contractListQuery(db: Db, q: ContractFilters, candidates?: readonly number[], driveByCandidates = false) {
  // No join (but the candidates' list when they drive): the filters and the count stay inside the
  // contract indexes (customer_id is NOT NULL).
  let base = candidates && driveByCandidates ? candidateContracts(db, candidates) : plainContracts(db);
  if (candidates && !driveByCandidates) base = base.where(idIn(db, candidates));
  if (q.q) {
    const text = containsPattern(q.q);
    const name = containsPattern(normaliseCustomerName(q.q));
    // With candidates the customer's name is read per candidate row (a correlated scalar subquery:
    // one primary-key lookup; an EXISTS would be hashed over every customer on PostgreSQL); without,
    // the matching customers are listed once for the whole range.
    base = base.where((eb) =>
      eb.or([
        eb('contract.number', 'like', text),
        candidates
          ? eb(eb.selectFrom('customer').select('customer.name_key').whereRef('customer.id', '=', 'contract.customer_id'), 'like', name)
          : eb('contract.customer_id', 'in', eb.selectFrom('customer').select('customer.id').where('customer.name_key', 'like', name)),
        eb('contract.notes', 'like', text),
      ]),
    );
  }
  if (q.customerId) base = base.where('contract.customer_id', '=', q.customerId);
  if (q.status) base = base.where('contract.status', '=', q.status);
  if (q.stage) base = base.where('contract.stage', '=', q.stage);
  if (q.salesOwnerId) base = base.where('contract.sales_owner_id', '=', q.salesOwnerId);
  if (q.endFrom) base = base.where('contract.end_date', '>=', q.endFrom);
  if (q.endTo) base = base.where('contract.end_date', '<=', q.endTo);
  const kind = q.serviceKind;
  if (kind)
    base = base.where('contract.id', 'in', (eb) => eb.selectFrom('contract_service_kind').select('contract_id').where('kind', '=', kind));
  return base;
}

function orderedIds(db: Db, q: TContractQuery, candidates?: readonly number[]) {
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  return contractListQuery(db, q, candidates)
    .select(['contract.id', sql.ref<string | null>(SORT_COLUMNS[key]).as('sort_key')])
    .orderBy(SORT_COLUMNS[key], (ob) => (direction === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
    .orderBy('contract.id', direction)
    .limit(limit)
    .offset(offset);
}

let totalCap = CONTRACT_TOTAL_CAP;

/** Tests: lower the total's cap so a few contracts reach it. Returns the previous value. */
export function setContractTotalCap(n: number): number {
  const was = totalCap;
  totalCap = n;
  return was;
}

/**
 * A page of the list and its total, counted up to CONTRACT_TOTAL_CAP or the end of the page asked
 * for, whichever is more (`totalCapped`: there are more): the count stops at the cap instead of
 * walking every match of a common term.
 */
/** `candidates`: what the search index finds for the free-text filter (contracts.service's `textCandidates`); absent: the LIKE walks the filtered range. */
export async function listContracts(
  db: Db,
  q: TContractQuery,
  candidates: readonly number[] | undefined,
): Promise<{ rows: ContractListRow[]; total: number; totalCapped: boolean }> {
  if (candidates?.length === 0) return { rows: [], total: 0, totalCapped: false };
  const { limit, offset } = limitOffset(q);
  const cap = Math.max(totalCap, offset + limit);
  if (candidates && isPostgres(db)) {
    const page = await candidatePagePg(db, q, candidates);
    if (page) return { rows: await listRowsInOrder(db, page.ids), total: Math.min(page.matched, cap), totalCapped: page.matched > cap };
  }
  // One statement a page (prepared once per connection on PostgreSQL, executeNamed): the page of ids
  // walked in list order on `contract` alone, joined to the full rows, their names and service kinds,
  // with the capped total as a scalar subquery evaluated once. It was four statements in three round
  // trips (ids and count side by side, rows, kinds): ≈ 0.3 ms each on PostgreSQL at rest, more under load.
  const { direction } = parseSort(q.sort);
  const count = totalOf(db, q, candidates, cap);
  const rows = await executeNamed(
    db,
    selectContracts(db, orderedIds(db, q, candidates))
      .select(serviceKindsColumn)
      .select(count.as('total_n'))
      .orderBy(sql.ref('p.sort_key'), (ob) => (direction === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
      .orderBy(sql.ref('p.id'), direction),
  );
  if (rows.length > 0 || offset === 0) {
    const n = rows.length > 0 ? Number(rows[0].total_n) : 0;
    return { rows: rows.map(({ total_n: _n, ...row }) => row), total: Math.min(n, cap), totalCapped: n > cap };
  }
  // An empty page past the first: the total on its own.
  const n = Number((await executeNamed(db, db.selectNoFrom(count.as('total_n'))))[0].total_n);
  return { rows: [], total: Math.min(n, cap), totalCapped: n > cap };
}

/** The matching contracts counted up to `cap` + 1, as a subquery: without joins, stopping at the cap. */
function totalOf(db: Db, q: TContractQuery, candidates: readonly number[] | undefined, cap: number) {
  return db
    .selectFrom(
      contractListQuery(db, q, candidates, true)
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1)
        .as('t'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'));
}

/**
 * A list row's service kinds in one column (a correlated subquery on the kinds' primary key), so
 * the page needs no second statement. string_agg: PostgreSQL, and SQLite since 3.44.
 */
const serviceKindsColumn = sql<
  string | null
>`(select string_agg(k.kind, ',') from contract_service_kind k where k.contract_id = contract.id)`.as('service_kinds');

/**
 * PostgreSQL, at most PG_TEXT_CANDIDATES_MAX candidates: the matching ones are read once, by key,
 * and both the page and the count are taken from them (one statement; two would read every
 * candidate twice — 华讯: 1,769 candidates, two bitmap scans of ~5 ms each). Sorting a few hundred
 * rows is cheaper than walking the filter's index past thousands of others. Undefined when the
 * page is empty past the first (the count then runs on its own).
 */
async function candidatePagePg(
  db: Db,
  q: TContractQuery,
  candidates: readonly number[],
): Promise<{ ids: { id: number }[]; matched: number } | undefined> {
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  const rows = await db
    .with(
      (wb) => wb('m').materialized(),
      () => contractListQuery(db, q, candidates, true).select(['contract.id', sql.ref<string | null>(SORT_COLUMNS[key]).as('sort_key')]),
    )
    .selectFrom('m')
    .select(['m.id', sql<number>`(select count(*) from m)`.as('n')])
    .orderBy('m.sort_key', (ob) => (direction === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
    .orderBy('m.id', direction)
    .limit(limit)
    .offset(offset)
    .execute();
  if (rows.length === 0) return offset === 0 ? { ids: [], matched: 0 } : undefined;
  return { ids: rows.map((r) => ({ id: r.id })), matched: rows[0].n };
}

/** Keyset paging by id for exports: the next `limit` matching contracts after `afterId`. */
export async function listContractsAfter(db: Db, f: ContractFilters, afterId: number, limit: number): Promise<ContractRow[]> {
  const ids = await contractListQuery(db, f)
    .select('contract.id')
    .where('contract.id', '>', afterId)
    .orderBy('contract.id')
    .limit(limit)
    .execute();
  return rowsInOrder(db, ids);
}

/** List rows (with their service kinds) for these ids, in their order. */
async function listRowsInOrder(db: Db, ids: readonly { id: number }[]): Promise<ContractListRow[]> {
  if (ids.length === 0) return [];
  const rows = new Map(
    (
      await selectContracts(db)
        .select(serviceKindsColumn)
        .where(
          'contract.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    ).map((r) => [r.id, r]),
  );
  return ids.map((r) => rows.get(r.id) as ContractListRow);
}

async function rowsInOrder(db: Db, ids: readonly { id: number }[]): Promise<ContractRow[]> {
  const rows = new Map(
    (
      await findContractsByIds(
        db,
        ids.map((r) => r.id),
      )
    ).map((r) => [r.id, r]),
  );
  return ids.map((r) => rows.get(r.id) as ContractRow);
}

/** The engine's plan for a list query, one line per step (for tests and benchmarks). */
export async function explainContractList(db: Db, q: TContractQuery, candidates: readonly number[] | undefined): Promise<string[]> {
  const compiled = orderedIds(db, q, candidates).compile();
  const prefix = isPostgres(db) ? 'explain ' : 'explain query plan ';
  const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return r.rows.map((row) => String(row['QUERY PLAN'] ?? row.detail));
}

/** R-ORG-4: whether the contract belongs to a project this user manages. */
export async function isContractOfManagedProject(db: Db, contractId: number, userId: number): Promise<boolean> {
  const r = await db
    .selectFrom('project_contract')
    .innerJoin('project', 'project.id', 'project_contract.project_id')
    .select('project.id')
    .where('project_contract.contract_id', '=', contractId)
    .where('project.project_manager_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
