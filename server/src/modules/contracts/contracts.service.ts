import { slaChecksDueForContract } from '../service-requests/sla-checks';
import { enforceGuard } from '../guards/guards.service';
import { hasSignedAcceptanceReport } from '../service-reports/service-reports.service';
import type { Insertable } from 'kysely';
import { RULE_ISSUES } from '@contract/validation-messages';
import {
  mayMoveStage,
  SERVICE_KINDS,
  stageDef,
  type TContract,
  type TContractItemInput,
  type TContractPage,
  type TContractQuery,
  type TContractSummaryView,
  type TContractView,
  type TCreateContract,
  type TMoveStage,
  type TServiceKind,
  type TUpdateContract,
  type TUserRef,
  type TContractStages,
  type TContractStatus,
  type TServiceCommitments,
} from '@contract/contracts';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { translateDbError } from '../../db/db-errors';
import { groupBy } from '../../db/list-query';
import { nextFormattedNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { recordAudit, recordAuditMany } from '../audit/audit.service';
import { getCustomer, requireCustomerRefs } from '../customers/customers.service';
import { reindexEquipmentOfContract } from '../equipment/equipment.service';
import { indexEntry, indexNewEntries, listFilterCandidates, removeEntry } from '../search/search.service';
import { getUser } from '../users/users.service';
import { contractEntry } from './contracts.search';
import type { ContractItemTable, ContractTable } from './contracts.table';
import {
  canSeePrices,
  kindsByContract,
  listedKinds,
  stageLeadOf,
  toContractDetail,
  toContractSummary,
  toStageChange,
} from './contracts.view';
import * as repo from './contracts.repo';
import { commitmentColumns, resolveCommitments, toCommitments } from './service-commitments';

/** Where a field's error is reported: `endDate` for one record, `12.endDate` for row 12 of a batch. */
type IssuePath = (index: number, field: string) => string;
const singlePath: IssuePath = (_i, field) => field;
const batchPath: IssuePath = (i, field) => `${i}.${field}`;

/** Allocated contract numbers: `HT-2026-00042` (合同). */
const NUMBER_PREFIX = 'HT';

// ── Reading (R-ORG-5: every answer is shaped for the reader) ──

interface DetailParts {
  row: repo.ContractRow;
  kinds: TServiceKind[];
  items: repo.ContractItemRow[];
  history: repo.StageChangeRow[];
}

async function loadParts(db: Db, id: number): Promise<DetailParts> {
  const row = await repo.findContractById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [kinds, items, history] = await Promise.all([
    repo.findServiceKinds(db, [id]),
    repo.findItems(db, id),
    repo.findStageChanges(db, id),
  ]);
  return { row, kinds: kindsByContract(kinds).get(id) ?? [], items, history };
}

function detailOf(p: DetailParts, prices: boolean): TContractView {
  return toContractDetail(p.row, p.kinds, p.items, p.history, prices);
}

/** The whole contract, prices included: for the audit trail (administrators only) and rules. */
async function loadFull(db: Db, id: number): Promise<TContract> {
  return detailOf(await loadParts(db, id), true) as TContract;
}

/** One contract, with prices only for readers holding `contracts.prices`. */
export async function getContract(db: Db, actor: Actor, id: number): Promise<TContractView> {
  return detailOf(await loadParts(db, id), canSeePrices(actor));
}

/**
 * The contracts the search index finds for a free-text filter (R-ORG-6): a superset of those the
 * LIKE matches (number, customer name, notes — the contract's search entry holds all three), so
 * the list keeps the LIKE and reads it on these rows only. Undefined when the index cannot promise
 * the superset (see containsQuery) or finds too many: then the LIKE walks the filtered range.
 */
async function textCandidates(db: Db, text: string | undefined): Promise<number[] | undefined> {
  return text ? listFilterCandidates(db, 'contract', text, repo.textCandidatesMax(db)) : undefined;
}

/** A page of contracts, shaped for the reader; the total is counted up to CONTRACT_TOTAL_CAP (or the page's end). */
export async function listContracts(db: Db, actor: Actor, q: TContractQuery): Promise<TContractPage> {
  const { rows, total, totalCapped } = await repo.listContracts(db, q, await textCandidates(db, q.q));
  const prices = canSeePrices(actor);
  const items = rows.map((r) => toContractSummary(r, listedKinds(r.service_kinds), prices));
  return { items, total, totalCapped, page: q.page, pageSize: q.pageSize };
}

/** The engine's plan for a list query, one line per step (for tests and benchmarks). */
export async function explainContractList(db: Db, q: TContractQuery): Promise<string[]> {
  return repo.explainContractList(db, q, await textCandidates(db, q.q));
}

/** For exports: the next `limit` contracts matching the filters after id `afterId`, in id order, shaped for the reader. */
export async function listContractsAfter(
  db: Db,
  actor: Actor,
  filters: repo.ContractFilters,
  afterId: number,
  limit: number,
): Promise<TContractSummaryView[]> {
  return summariesOf(db, actor, await repo.listContractsAfter(db, filters, afterId, limit));
}

async function summariesOf(db: Db, actor: Actor, rows: readonly repo.ContractRow[]): Promise<TContractSummaryView[]> {
  const kinds = kindsByContract(
    await repo.findServiceKinds(
      db,
      rows.map((r) => r.id),
    ),
  );
  const prices = canSeePrices(actor);
  return rows.map((r) => toContractSummary(r, kinds.get(r.id) ?? [], prices));
}

/** Summaries of these contracts, shaped for the reader (for records that embed their contract). */
export async function getContractSummaries(db: Db, actor: Actor, ids: readonly number[]): Promise<Map<number, TContractSummaryView>> {
  return new Map((await summariesOf(db, actor, await repo.findContractsByIds(db, ids))).map((c) => [c.id, c]));
}

export type TContractRef = { id: number; number: string; customer: { id: number; name: string } };

const contractRef = (r: repo.ContractRow): TContractRef => ({
  id: r.id,
  number: r.number,
  customer: { id: r.customer_id, name: r.customer_name },
});

/** Contracts by number (exact), for imports matching rows to contracts: number → contract. */
export async function findContractsByNumbers(db: Db, numbers: readonly string[]): Promise<Map<string, TContractRef>> {
  return new Map((await repo.findContractsByNumbers(db, numbers)).map((r) => [r.number, contractRef(r)]));
}

/** The contracts records refer to, with their number and customer; a missing one is an error naming the field. */
export async function requireContractRefs(
  db: Db,
  ids: readonly number[],
  pathOf: (i: number) => string,
): Promise<Map<number, TContractRef>> {
  const found = new Map((await repo.findContractsByIds(db, ids)).map((r) => [r.id, contractRef(r)]));
  ids.forEach((id, i) => {
    if (!found.has(id)) throw new AppError('REFERENCE_INVALID', [issue(pathOf(i), RULE_ISSUES.noSuchContract)]);
  });
  return found;
}

export async function listStageChanges(db: Db, id: number): Promise<TContractStages> {
  const row = await repo.findContractById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { stage: row.stage, stageLead: stageLeadOf(row), items: (await repo.findStageChanges(db, id)).map(toStageChange) };
}

// ── Writing ──

/** Create one contract (R-SCOPE-1 kinds, commitments, priced items); its entry stage is recorded as the first stage change. */
export async function createContract(db: Db, actor: Actor, input: TCreateContract): Promise<TContractView> {
  const [created] = await transact(db, (trx) => insertContracts(trx, actor, [input], singlePath));
  return created;
}

/**
 * Create many contracts inside the caller's transaction, in a handful of multi-row
 * INSERTs: for imports. Errors name the row: `3.endDate`. Answers are shaped for `actor`.
 */
export function createContractsMany(trx: Db, actor: Actor, inputs: readonly TCreateContract[]): Promise<TContractView[]> {
  return insertContracts(trx, actor, inputs, batchPath);
}

async function insertContracts(trx: Db, actor: Actor, inputs: readonly TCreateContract[], pathOf: IssuePath): Promise<TContractView[]> {
  if (inputs.length === 0) return [];
  const prices = canSeePrices(actor);
  inputs.forEach((c, i) => {
    if (!prices && (c.items.length > 0 || c.totalAmount !== undefined))
      throw pricesHidden(pathOf(i, c.items.length > 0 ? 'items' : 'totalAmount'));
    assertDateOrder(c.startDate ?? null, c.endDate ?? null, pathOf(i, 'endDate'));
  });
  const customers = await requireCustomerRefs(
    trx,
    inputs.map((c) => c.customerId),
    (i) => pathOf(i, 'customerId'),
  );
  const users = await requireUsers(trx, inputs, pathOf);
  const numbers = await assignNumbers(trx, inputs, pathOf);

  const at = nowIso();
  const prepared = inputs.map((c, i) => {
    const kinds = dedupeKinds(c.serviceKinds);
    const commitments = resolveCommitments(c.commitments, null, kinds, false, (f) => pathOf(i, `commitments.${f}`));
    const items = pricedItems(c.items, (f) => pathOf(i, `items.${f}`));
    const row: Insertable<ContractTable> & Omit<ContractTable, 'id'> = {
      number: numbers[i],
      customer_id: c.customerId,
      status: c.status,
      stage: c.stage,
      signed_at: c.signedAt ?? null,
      start_date: c.startDate ?? null,
      end_date: c.endDate ?? null,
      sales_owner_id: c.salesOwnerId ?? null,
      commerce_contact_id: c.commerceContactId ?? null,
      notes: c.notes ?? null,
      total_amount_fen: c.totalAmount ?? sumAmounts(items),
      ...commitmentColumns(commitments),
      version: 1,
      created_at: at,
      updated_at: at,
    };
    return { row, kinds, items };
  });

  const ids = await repo.insertContracts(
    trx,
    prepared.map((p) => p.row),
  );
  await repo.insertServiceKinds(
    trx,
    prepared.flatMap((p, i) => p.kinds.map((kind) => ({ contract_id: ids[i], kind }))),
  );
  const itemRows = prepared.flatMap((p, i) => p.items.map((item) => ({ ...item, contract_id: ids[i] })));
  const itemIds = await repo.insertItems(trx, itemRows);
  const stageRows = prepared.map((p, i) => ({
    contract_id: ids[i],
    from_stage: null,
    to_stage: p.row.stage,
    by_id: actor.id,
    by_name: actor.name,
    at,
    note: null,
  }));
  const stageIds = await repo.insertStageChanges(trx, stageRows);

  const itemsByContract = groupBy(
    itemRows.map((r, k) => ({ ...r, id: itemIds[k] })),
    (r) => r.contract_id,
  );
  const parts = prepared.map((p, i): DetailParts => {
    const userName = (id: number | null) => (id === null ? null : (users.get(id)?.name ?? null));
    const row = {
      ...p.row,
      id: ids[i],
      customer_name: customers.get(p.row.customer_id)?.name ?? '',
      sales_owner_name: userName(p.row.sales_owner_id),
      commerce_contact_name: userName(p.row.commerce_contact_id),
    };
    return { row, kinds: p.kinds, items: itemsByContract.get(ids[i]) ?? [], history: [{ ...stageRows[i], id: stageIds[i] }] };
  });
  await recordAuditMany(
    trx,
    actor,
    parts.map((p) => ({ entity: 'contract', entityId: p.row.id, action: 'create', after: detailOf(p, true) })),
  );
  await indexNewEntries(
    trx,
    parts.map((p) => contractEntry(detailOf(p, false))),
  );
  return parts.map((p) => detailOf(p, prices));
}

/** `items` replaces every item; `serviceKinds` replaces the kinds. Stage moves are not edits (see moveContractStage). */
export async function updateContract(db: Db, actor: Actor, id: number, input: TUpdateContract): Promise<TContractView> {
  const prices = canSeePrices(actor);
  if (!prices && (input.items !== undefined || input.totalAmount !== undefined)) throw pricesHidden(input.items ? 'items' : 'totalAmount');
  return transact(db, async (trx) => {
    const before = await loadFull(trx, id);
    if (input.customerId !== undefined) await requireCustomerRefs(trx, [input.customerId], () => 'customerId');
    await requireUsers(trx, [input], singlePath);
    if (input.number !== undefined && input.number !== before.number && (await repo.findTakenNumbers(trx, [input.number])).size > 0) {
      throw new AppError('CONTRACT_NUMBER_TAKEN', [issue('number', RULE_ISSUES.alreadyExists)]);
    }
    assertDateOrder(
      input.startDate === undefined ? before.startDate : input.startDate,
      input.endDate === undefined ? before.endDate : input.endDate,
      'endDate',
    );
    const kinds = input.serviceKinds ? dedupeKinds(input.serviceKinds) : before.serviceKinds;
    const kindsChanged = kinds.join() !== before.serviceKinds.join();
    const commitments = resolveCommitments(input.commitments ?? {}, before.commitments, kinds, kindsChanged, (f) => `commitments.${f}`);
    const items = input.items ? pricedItems(input.items, (f) => `items.${f}`) : null;
    const totalAmount = input.totalAmount ?? (items ? sumAmounts(items) : undefined);

    await repo.updateContract(trx, id, input.version, {
      ...(input.number !== undefined && { number: input.number }),
      ...(input.customerId !== undefined && { customer_id: input.customerId }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.signedAt !== undefined && { signed_at: input.signedAt }),
      ...(input.startDate !== undefined && { start_date: input.startDate }),
      ...(input.endDate !== undefined && { end_date: input.endDate }),
      ...(input.salesOwnerId !== undefined && { sales_owner_id: input.salesOwnerId }),
      ...(input.commerceContactId !== undefined && { commerce_contact_id: input.commerceContactId }),
      ...(input.notes !== undefined && { notes: input.notes }),
      ...(totalAmount !== undefined && { total_amount_fen: totalAmount }),
      ...commitmentColumns(commitments),
      updated_at: nowIso(),
    });
    // Its open requests' SLA due times may move: the next sweep reads them.
    if (JSON.stringify(commitments) !== JSON.stringify(before.commitments)) await slaChecksDueForContract(trx, id);
    if (kindsChanged) {
      await repo.deleteServiceKinds(trx, id);
      await repo.insertServiceKinds(
        trx,
        kinds.map((kind) => ({ contract_id: id, kind })),
      );
    }
    if (items) {
      await repo.deleteItems(trx, id);
      await repo.insertItems(
        trx,
        items.map((item) => ({ ...item, contract_id: id })),
      );
    }
    const parts = await loadParts(trx, id);
    const after = detailOf(parts, true);
    await indexEntry(trx, contractEntry(after));
    if (after.number !== before.number || after.customer.id !== before.customer.id) await reindexEquipmentOfContract(trx, id);
    await recordAudit(trx, actor, { entity: 'contract', entityId: id, action: 'update', before, after });
    return detailOf(parts, prices);
  });
}

/** Only a draft may be deleted, and only while no equipment or document refers to it. */
export async function deleteContract(db: Db, actor: Actor, id: number): Promise<void> {
  await transact(db, async (trx) => {
    const before = await loadFull(trx, id);
    if (before.status !== 'draft') throw new AppError('CONTRACT_NOT_DRAFT');
    try {
      await repo.deleteContract(trx, id);
    } catch (err) {
      const translated = translateDbError(err);
      if (translated instanceof AppError && translated.code === 'REFERENCE_INVALID') throw new AppError('CONTRACT_IN_USE');
      throw err;
    }
    await removeEntry(trx, 'contract', id);
    await recordAudit(trx, actor, { entity: 'contract', entityId: id, action: 'delete', before });
  });
}

/**
 * R-ORG-2: move a contract to another lifecycle stage. Only a role of a department
 * leading or assisting the current or the target stage (or an administrator) may; every
 * move is kept with who, when and why.
 */
export async function moveContractStage(db: Db, actor: Actor, id: number, input: TMoveStage): Promise<TContractView> {
  return transact(db, async (trx) => {
    const row = await repo.findContractById(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    const from = row.stage;
    if (from === input.stage) throw new AppError('CONTRACT_STAGE_UNCHANGED', [{ path: 'stage', message: `already ${from}` }]);
    // R-ORG-4: the project manager answers for his own projects: on another contract his role counts for nothing.
    const managesIt = actor.id !== null && (await repo.isContractOfManagedProject(trx, id, actor.id));
    const roles = managesIt ? actor.roles : actor.roles.filter((r) => r !== 'project_manager');
    if (!mayMoveStage(roles, from, input.stage)) {
      if (mayMoveStage(actor.roles, from, input.stage)) throw new AppError('CONTRACT_NOT_YOUR_PROJECT');
      throw new AppError('CONTRACT_STAGE_NOT_YOURS', [
        {
          path: 'stage',
          message: `${stageDef(from).code} → ${stageDef(input.stage).code}: led or assisted by ${[stageDef(from), stageDef(input.stage)].map((s) => [s.lead, ...s.assist].join('/')).join(', ')}`,
        },
      ]);
    }
    // R-INST-8: project acceptance needs an acceptance report signed by both sides, or a manager's written override.
    if (input.stage === 'project_acceptance')
      await enforceGuard(
        trx,
        actor,
        {
          code: 'CONTRACT_ACCEPTANCE_REPORT_REQUIRED',
          broken: !(await hasSignedAcceptanceReport(trx, id)),
          subject: { entity: 'contract', id },
        },
        input.override,
      );
    const at = nowIso();
    if (!(await repo.updateContractStage(trx, id, from, input.stage, at))) throw new AppError('VERSION_CONFLICT');
    await repo.insertStageChanges(trx, [
      { contract_id: id, from_stage: from, to_stage: input.stage, by_id: actor.id, by_name: actor.name, at, note: input.note ?? null },
    ]);
    await recordAudit(trx, actor, {
      entity: 'contract',
      entityId: id,
      action: 'stage',
      before: { stage: from },
      after: { stage: input.stage, note: input.note ?? null },
    });
    return getContract(trx, actor, id);
  });
}

// ── Rules ──

function pricesHidden(path: string): AppError {
  return new AppError('CONTRACT_PRICES_HIDDEN', [issue(path, RULE_ISSUES.priceSensitive)]);
}

function assertDateOrder(start: string | null, end: string | null, path: string): void {
  if (start && end && end < start) throw fieldError(path, { zh: '不能早于开始日期', en: 'must not be before startDate' });
}

/** Each kind once, in the order of R-SCOPE-1. */
function dedupeKinds(kinds: readonly TServiceKind[]): TServiceKind[] {
  return SERVICE_KINDS.filter((k) => kinds.includes(k));
}

type ItemColumns = Omit<Insertable<ContractItemTable>, 'contract_id'> & { line_no: number; model: string | null; amount_fen: number };

/** Items numbered in order; an amount left out is quantity × unit price. */
function pricedItems(items: readonly TContractItemInput[], pathOf: (field: string) => string): ItemColumns[] {
  return items.map((item, i) => {
    const amount = item.amount ?? item.quantity * item.unitPrice;
    if (!Number.isSafeInteger(amount)) throw fieldError(pathOf(`${i}.amount`), { zh: '数值过大', en: 'too large' });
    return {
      line_no: i + 1,
      description: item.description,
      model: item.model ?? null,
      quantity: item.quantity,
      unit_price_fen: item.unitPrice,
      amount_fen: amount,
    };
  });
}

function sumAmounts(items: readonly { amount_fen: number }[]): number {
  const total = items.reduce((sum, item) => sum + item.amount_fen, 0);
  if (!Number.isSafeInteger(total)) throw fieldError('totalAmount', { zh: '数值过大', en: 'too large' });
  return total;
}

/** The users a contract names (sales owner, commerce contact) exist; their names, by id. */
async function requireUsers(
  db: Db,
  inputs: readonly { salesOwnerId?: number | null; commerceContactId?: number | null }[],
  pathOf: IssuePath,
): Promise<Map<number, TUserRef>> {
  const users = new Map<number, TUserRef>();
  for (const [i, c] of inputs.entries()) {
    for (const field of ['salesOwnerId', 'commerceContactId'] as const) {
      const id = c[field];
      if (typeof id !== 'number' || users.has(id)) continue;
      try {
        const u = await getUser(db, id);
        users.set(id, { id: u.id, name: u.name });
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND')
          throw new AppError('REFERENCE_INVALID', [issue(pathOf(i, field), RULE_ISSUES.noSuchUser)]);
        throw err;
      }
    }
  }
  return users;
}

/** Numbers as given (unique among themselves and the stored ones), or allocated `HT-<year>-<n>`. */
async function assignNumbers(trx: Db, inputs: readonly TCreateContract[], pathOf: IssuePath): Promise<string[]> {
  const given = inputs.map((c) => c.number).filter((n): n is string => n !== undefined);
  const taken = await repo.findTakenNumbers(trx, given);
  const seen = new Set<string>();
  const numbers: string[] = [];
  for (const [i, c] of inputs.entries()) {
    let n = c.number;
    if (n === undefined) {
      const year = Number((c.signedAt ?? nowIso()).slice(0, 4));
      do n = await nextFormattedNumber(trx, NUMBER_PREFIX, year);
      while ((await repo.findTakenNumbers(trx, [n])).size > 0 || seen.has(n));
    } else if (taken.has(n) || seen.has(n)) {
      throw new AppError('CONTRACT_NUMBER_TAKEN', [issue(pathOf(i, 'number'), RULE_ISSUES.alreadyExists)]);
    }
    seen.add(n);
    numbers.push(n);
  }
  return numbers;
}

/** A customer's contracts (the archive's customer → contract level); the customer must exist. */
export async function listCustomerContracts(
  db: Db,
  actor: Actor,
  customerId: number,
  q: Omit<TContractQuery, 'customerId'>,
): Promise<TContractPage> {
  await getCustomer(db, customerId);
  return listContracts(db, actor, { ...q, customerId });
}

/** A contract's service commitments with who owns it: what entitlement is decided from (R-EMER-3). */
export interface TContractCommitments {
  id: number;
  number: string;
  customerId: number;
  status: TContractStatus;
  startDate: string | null;
  endDate: string | null;
  salesOwner: { id: number; name: string } | null;
  commerceContact: { id: number; name: string } | null;
  commitments: TServiceCommitments;
}

function commitmentsRowOf(r: repo.ContractRow): TContractCommitments {
  return {
    id: Number(r.id),
    number: r.number,
    customerId: Number(r.customer_id),
    status: r.status as TContractStatus,
    startDate: r.start_date,
    endDate: r.end_date,
    salesOwner: r.sales_owner_id === null ? null : { id: Number(r.sales_owner_id), name: r.sales_owner_name ?? '' },
    commerceContact: r.commerce_contact_id === null ? null : { id: Number(r.commerce_contact_id), name: r.commerce_contact_name ?? '' },
    commitments: toCommitments(r),
  };
}

/** The commitments of a customer's contracts (every status: the caller decides what still covers). Never prices. */
export async function getCustomerCommitments(db: Db, customerId: number): Promise<TContractCommitments[]> {
  return (await repo.findContractsOfCustomer(db, customerId)).map(commitmentsRowOf);
}

/** The commitments of one contract; NOT_FOUND when there is none. */
export async function getContractCommitments(db: Db, id: number): Promise<TContractCommitments> {
  const row = await repo.findContractById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return commitmentsRowOf(row);
}

/** After a customer's rename: its contracts' search entries (customers.service), inside the rename's transaction. */
export { reindexContractsOfCustomer } from './contracts.search';
