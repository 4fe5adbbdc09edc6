import type { TBilingual } from '@contract/bilingual';
import { checkMove, type TMoveRefusal } from '@contract/parts-ledger';
import type {
  TCreateFaultyPartTag,
  TCreatePart,
  TCreatePartLoan,
  TCreateStockLocation,
  TCreateStockMovement,
  TFaultyPartTag,
  TFaultyPartTagQuery,
  TInspectTag,
  TPart,
  TPartDetail,
  TPartLoan,
  TPartLoanQuery,
  TPartQuery,
  TReturnPartLoan,
  TStockLine,
  TStockLocation,
  TStockMovement,
  TStockMovementKind,
  TStockQuery,
  TTagDispositionInput,
} from '@contract/parts';
import { LOAN_PURPOSE_LABELS, type TLoanPurpose, ZCreatePartLoan, ZCreateStockMovement, ZInspectTag } from '@contract/parts';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { nextFormattedNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { loadCalendarSpec } from '../calendar/calendar.service';
import { addWorkingDays } from '../calendar/working-calendar';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import * as repo from './parts.repo';

/** Allocated numbers: `PL-2026-00001` (备件借用单), `FT-2026-00001` (故障件标签). */
const LOAN_PREFIX = 'PL';
const TAG_PREFIX = 'FT';
/** R-EMER-4: emergency paperwork pending longer than this many working days is escalated. */
export const PAPERWORK_WORKING_DAYS = 2;

const ref = (id: number | null, name: string | null | undefined) => (id === null ? null : { id: Number(id), name: name ?? '' });
const numRef = (id: number | null, number: string | null | undefined) => (id === null ? null : { id: Number(id), number: number ?? '' });
const yearOf = (timeZone: string) => Number(todayIn(timeZone).slice(0, 4));
/** Stock movements are durable commits on SQLite (synchronous=FULL): a power cut must not lose one. */
const stockTransact = <T>(db: Db, fn: (trx: Db) => Promise<T>) => transact(db, fn, { durable: true });

// ── Catalogue and places ──

function toPart(r: repo.PartRow): TPart {
  return {
    id: Number(r.id),
    pn: r.pn,
    description: r.description,
    vendor: r.vendor,
    tracking: r.tracking as TPart['tracking'],
    onHand: Number(r.on_hand ?? 0),
    inStore: Number(r.in_store ?? 0),
    version: Number(r.version),
  };
}

async function loadPart(db: Db, id: number, field?: string): Promise<repo.PartRow> {
  const r = await repo.findPart(db, id);
  if (!r) throw field ? fieldError(field, { zh: '备件不存在', en: 'No such part' }, 'reference') : new AppError('NOT_FOUND');
  return r;
}

export async function createPart(db: Db, actor: Actor, input: TCreatePart): Promise<TPart> {
  return transact(db, async (trx) => {
    if (await repo.partIdByPn(trx, input.pn))
      throw new AppError('PART_PN_TAKEN', [issue('pn', { zh: '该备件号已存在', en: 'This PN already exists' }, 'duplicate')]);
    const id = await repo.insertPart(trx, {
      pn: input.pn,
      description: input.description,
      vendor: input.vendor || null,
      tracking: input.tracking,
      created_by_id: actor.id,
      created_at: new Date().toISOString(),
      version: 1,
    });
    const after = toPart(await loadPart(trx, id));
    await recordAudit(trx, actor, { entity: 'part', entityId: id, action: 'create', after });
    return after;
  });
}

export async function listParts(db: Db, q: TPartQuery): Promise<Page<TPart>> {
  const { rows, total } = await repo.listParts(db, q);
  return { items: rows.map(toPart), total, page: q.page, pageSize: q.pageSize };
}

export async function getPart(db: Db, id: number): Promise<TPartDetail> {
  const part = toPart(await loadPart(db, id));
  const stock = await listStock(db, { partId: id, page: 1, pageSize: 200 });
  const movements = (await repo.listMovementsOfPart(db, id, 100)).map(toMovement);
  return { ...part, stock: stock.items, movements };
}

function toLocation(r: repo.LocationRow): TStockLocation {
  return {
    id: Number(r.id),
    kind: r.kind as TStockLocation['kind'],
    name: r.name,
    user: ref(r.user_id, r.user_name),
    customer: ref(r.customer_id, r.customer_name),
  };
}

export async function listLocations(db: Db): Promise<{ items: TStockLocation[] }> {
  return { items: (await repo.listLocations(db)).map(toLocation) };
}

export async function createLocation(db: Db, actor: Actor, input: TCreateStockLocation): Promise<TStockLocation> {
  return transact(db, async (trx) => {
    const id = await repo.insertLocation(trx, { kind: input.kind, name: input.name, created_at: new Date().toISOString() });
    const after = toLocation((await repo.findLocation(trx, id)) as repo.LocationRow);
    await recordAudit(trx, actor, { entity: 'stock_location', entityId: id, action: 'create', after });
    return after;
  });
}

/** The actor's own bag (made when first used), for an engineer taking parts out. */
export async function myBag(db: Db, actor: Actor): Promise<TStockLocation> {
  if (actor.id === null) throw new AppError('NOT_FOUND');
  const id = await transact(db, (trx) => repo.ensureLocation(trx, 'bag', actor.id as number, new Date().toISOString()));
  return toLocation((await repo.findLocation(db, id)) as repo.LocationRow);
}

// ── The ledger ──

const REFUSALS: Record<TMoveRefusal['reason'], TBilingual> = {
  below_zero: { zh: '库存不足：数量不能使库存低于零', en: 'Not enough in stock: this would take the stock below zero' },
  not_positive: { zh: '数量须为正整数', en: 'The quantity must be a positive whole number' },
  serial_is_one: { zh: '按序列号管理的备件每次移动一件', en: 'An SN-tracked part moves one unit at a time' },
  not_there: { zh: '该序列号的备件不在此位置', en: 'The unit with this SN is not at this place' },
  already_in_stock: { zh: '该序列号的备件已在库中', en: 'The unit with this SN is already in stock' },
  required: { zh: '按序列号管理的备件须填写序列号', en: 'An SN-tracked part needs its SN' },
  not_tracked: { zh: '按数量管理的备件没有序列号', en: 'A counted part has no SN' },
  same_place: { zh: '起止位置相同', en: 'From and to are the same place' },
  nowhere: { zh: '须指定起始或目标位置', en: 'A movement needs a place to take from or to put in' },
};

/** The field a refusal is shown on, under the name the request used. */
function refusalError(r: TMoveRefusal, fields: { quantity: string; sn: string; to: string }): AppError {
  const path = r.field === 'quantity' ? fields.quantity : r.field === 'sn' ? fields.sn : fields.to;
  return fieldError(path, REFUSALS[r.reason], `stock_${r.reason}`);
}

interface Move {
  part: repo.PartRow;
  sn: string | null;
  quantity: number;
  from: number | null;
  to: number | null;
  kind: TStockMovementKind;
  reason: string;
  serviceRequestId?: number | null;
  loanId?: number | null;
  tagId?: number | null;
  inspectionId?: number | null;
}

/**
 * One entry of the ledger and its effect on the running balance, in the caller's transaction:
 * the pure rules (contract/parts-ledger.ts) decide what is malformed; the balance changes by
 * conditional updates, so a unit taken by a concurrent movement is refused here, not counted twice.
 */
async function recordMovement(
  trx: Db,
  actor: Actor,
  m: Move,
  fields = { quantity: 'quantity', sn: 'sn', to: 'toLocationId' },
): Promise<number> {
  const tracking = m.part.tracking as 'serial' | 'count';
  const partId = Number(m.part.id);
  // The shape is checked on an empty stock (where the unit is, and how many, is the database's to say).
  const shape = checkMove(
    { counts: new Map(), serials: new Map() },
    { partId, tracking, sn: m.sn, quantity: m.quantity, from: null, to: m.to ?? m.from },
  );
  if (shape) throw refusalError(shape, fields);
  if (m.from !== null && m.from === m.to) throw refusalError({ field: 'toLocationId', reason: 'same_place' }, fields);
  if (m.from === null && m.to === null) throw refusalError({ field: 'toLocationId', reason: 'nowhere' }, fields);
  if (m.from !== null && !(await repo.takeFromBalance(trx, partId, m.from, m.quantity)))
    throw refusalError(tracking === 'serial' ? { field: 'sn', reason: 'not_there' } : { field: 'quantity', reason: 'below_zero' }, fields);
  if (tracking === 'serial' && m.sn !== null && !(await repo.moveSerial(trx, partId, m.sn, m.from, m.to)))
    throw refusalError({ field: 'sn', reason: m.from === null ? 'already_in_stock' : 'not_there' }, fields);
  if (m.to !== null) await repo.addToBalance(trx, partId, m.to, m.quantity);
  return repo.insertMovement(trx, {
    part_id: partId,
    sn: m.sn,
    quantity: m.quantity,
    from_location_id: m.from,
    to_location_id: m.to,
    kind: m.kind,
    reason: m.reason,
    actor_id: actor.id,
    at: new Date().toISOString(),
    service_request_id: m.serviceRequestId ?? null,
    loan_id: m.loanId ?? null,
    tag_id: m.tagId ?? null,
    inspection_id: m.inspectionId ?? null,
  });
}

async function loadLocation(db: Db, id: number, field: string): Promise<repo.LocationRow> {
  const r = await repo.findLocation(db, id);
  if (!r) throw fieldError(field, { zh: '库位不存在', en: 'No such place' }, 'reference');
  return r;
}

const stocksIn = (kind: string | undefined) => kind === 'store' || kind === 'bag';

async function inspectionRecord(trx: Db, actor: Actor, partId: number | null, sn: string | null, input: { result: string; note?: string }) {
  return repo.insertInspection(trx, {
    part_id: partId,
    sn,
    result: input.result,
    note: input.note || null,
    inspected_by_id: actor.id,
    inspected_at: new Date().toISOString(),
  });
}

/**
 * A movement by hand: a receipt (from outside), a transfer, taking out of stock (to outside).
 * R-INST-9: stocking into the store or a bag from outside or from the vendor needs an inspection
 * that passed (who tested it: the actor; the result).
 */
export async function moveStock(db: Db, actor: Actor, raw: TCreateStockMovement): Promise<TStockMovement> {
  const input = ZCreateStockMovement.parse(raw);
  return stockTransact(db, async (trx) => {
    const part = await loadPart(trx, input.partId, 'partId');
    const from = input.fromLocationId === null ? null : await loadLocation(trx, input.fromLocationId, 'fromLocationId');
    const to = input.toLocationId === null ? null : await loadLocation(trx, input.toLocationId, 'toLocationId');
    if (input.serviceRequestId && !(await repo.serviceRequestExists(trx, input.serviceRequestId)))
      throw fieldError('serviceRequestId', { zh: '服务要求单不存在', en: 'No such service request' }, 'reference');
    const intake = (from === null || from.kind === 'vendor') && stocksIn(to?.kind);
    let inspectionId: number | null = null;
    if (intake) {
      if (input.inspection?.result !== 'pass')
        throw new AppError('STOCK_NEEDS_INSPECTION', [
          issue('inspection', { zh: '须填写检验结果（合格）', en: 'An inspection that passed is required' }, 'inspection_required'),
        ]);
      inspectionId = await inspectionRecord(trx, actor, Number(part.id), input.sn ?? null, input.inspection);
    }
    const kind: TStockMovementKind =
      to === null ? 'write_off' : from === null ? 'receipt' : from.kind === 'vendor' && intake ? 'inspection_intake' : 'transfer';
    const id = await recordMovement(trx, actor, {
      part,
      sn: input.sn ?? null,
      quantity: input.quantity,
      from: from ? Number(from.id) : null,
      to: to ? Number(to.id) : null,
      kind,
      reason: input.reason,
      serviceRequestId: input.serviceRequestId ?? null,
      inspectionId,
    });
    const [row] = (await repo.listMovementsOfPart(trx, Number(part.id), 1)).filter((r) => Number(r.id) === id);
    const after = toMovement(row);
    await recordAudit(trx, actor, { entity: 'part', entityId: Number(part.id), action: 'move', after });
    return after;
  });
}

function toMovement(r: repo.MovementRow): TStockMovement {
  return {
    id: Number(r.id),
    part: { id: Number(r.part_id), pn: r.pn },
    sn: r.sn,
    quantity: Number(r.quantity),
    from: ref(r.from_location_id, r.from_name),
    to: ref(r.to_location_id, r.to_name),
    kind: r.kind as TStockMovementKind,
    reason: r.reason,
    by: ref(r.actor_id, r.actor_name),
    at: r.at,
    serviceRequest: numRef(r.service_request_id, r.request_number),
    loanId: r.loan_id === null ? null : Number(r.loan_id),
    tagId: r.tag_id === null ? null : Number(r.tag_id),
  };
}

async function withSerials(db: Db, rows: readonly repo.StockRow[]): Promise<TStockLine[]> {
  const serial = rows.filter((r) => r.tracking === 'serial').map((r) => Number(r.part_id));
  const sns = await repo.serialsAt(db, [...new Set(serial)]);
  return rows.map((r) => ({
    part: { id: Number(r.part_id), pn: r.pn, description: r.description, tracking: r.tracking as 'serial' | 'count' },
    location: { id: Number(r.location_id), name: r.location_name, kind: r.location_kind as TStockLocation['kind'] },
    quantity: Number(r.quantity),
    serials: sns.filter((s) => Number(s.part_id) === Number(r.part_id) && Number(s.location_id) === Number(r.location_id)).map((s) => s.sn),
  }));
}

/** Stock by part and place, from the running balance. */
export async function listStock(db: Db, q: TStockQuery): Promise<Page<TStockLine>> {
  const { rows, total } = await repo.listStock(db, q);
  return { items: await withSerials(db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function* stockBatches(db: Db, q: Omit<TStockQuery, 'page' | 'pageSize'>, size: number): AsyncGenerator<TStockLine[]> {
  let after: [number, number] | null = null;
  for (;;) {
    const rows = await repo.listStockAfter(db, q, after, size);
    if (rows.length === 0) return;
    yield await withSerials(db, rows);
    const last = rows[rows.length - 1];
    after = [Number(last.part_id), Number(last.location_id)];
    if (rows.length < size) return;
  }
}

/** Stock on hand of one part per place (the running balance: one index range, whatever the ledger's length). */
export async function stockOnHand(db: Db, partId: number): Promise<{ locationId: number; quantity: number }[]> {
  return (await repo.stockOfPart(db, partId)).map((r) => ({ locationId: Number(r.location_id), quantity: Number(r.quantity) }));
}

// ── Loans (R-EMER-4) ──

function toLoan(r: repo.LoanRow): TPartLoan {
  return {
    id: Number(r.id),
    number: r.number,
    part: { id: Number(r.part_id), pn: r.pn, description: r.part_description },
    sn: r.sn,
    quantity: Number(r.quantity),
    purpose: r.purpose as TPartLoan['purpose'],
    state: r.state as TPartLoan['state'],
    emergency: Number(r.emergency) === 1,
    paperworkPending: Number(r.paperwork_pending) === 1,
    paperworkEscalatedAt: r.paperwork_escalated_at,
    borrower: { id: Number(r.borrower_id), name: r.borrower_name },
    from: { id: Number(r.from_location_id), name: r.from_name },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    serviceRequest: numRef(r.service_request_id, r.request_number),
    approvedBy: ref(r.approved_by_id, r.approved_by_name),
    approvedAt: r.approved_at,
    borrowedAt: r.borrowed_at,
    dueDate: r.due_date,
    overdue: Number(r.is_overdue) === 1,
    testedBeforeUse:
      r.test_inspection_id === null || r.test_at === null
        ? null
        : { by: ref(r.test_by_id, r.test_by_name), at: r.test_at, note: r.test_note },
    returnedAt: r.returned_at,
    returnCondition: r.return_condition as TPartLoan['returnCondition'],
    returnNote: r.return_note,
    note: r.note,
    createdAt: r.created_at,
    version: Number(r.version),
  };
}

async function loadLoan(db: Db, id: number, timeZone: string): Promise<repo.LoanRow> {
  const r = await repo.findLoan(db, id, todayIn(timeZone));
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function getLoan(db: Db, id: number, timeZone: string): Promise<TPartLoan> {
  return toLoan(await loadLoan(db, id, timeZone));
}

export async function listLoans(db: Db, q: TPartLoanQuery, timeZone: string): Promise<Page<TPartLoan>> {
  const { rows, total } = await repo.listLoans(db, q, todayIn(timeZone));
  return { items: rows.map(toLoan), total, page: q.page, pageSize: q.pageSize };
}

export async function* loanBatches(db: Db, q: Omit<TPartLoanQuery, 'page' | 'pageSize'>, timeZone: string, size: number) {
  const today = todayIn(timeZone);
  let after = 0;
  for (;;) {
    const rows = await repo.listLoansAfter(db, q, today, after, size);
    if (rows.length === 0) return;
    yield rows.map(toLoan);
    after = Number(rows[rows.length - 1].id);
    if (rows.length < size) return;
  }
}

/**
 * The part leaves `from` for the customer's place, in the loan's transaction. A unit the ledger
 * has never seen ("not yet recorded") enters stock first, on the strength of its test.
 */
async function takeOut(trx: Db, actor: Actor, loan: repo.LoanRow | (Omit<repo.LoanRow, 'is_overdue'> & { is_overdue?: number })) {
  const part = await loadPart(trx, Number(loan.part_id));
  const from = Number(loan.from_location_id);
  const to = await repo.ensureLocation(trx, 'customer', Number(loan.customer_id), new Date().toISOString());
  if (loan.sn !== null && loan.test_inspection_id !== null && !(await repo.findSerial(trx, Number(part.id), loan.sn)))
    await recordMovement(trx, actor, {
      part,
      sn: loan.sn,
      quantity: 1,
      from: null,
      to: from,
      kind: 'receipt',
      reason: `${loan.number}：未登记备件，测试合格后登记`,
      loanId: Number(loan.id),
      inspectionId: Number(loan.test_inspection_id),
    });
  await recordMovement(trx, actor, {
    part,
    sn: loan.sn,
    quantity: Number(loan.quantity),
    from,
    to,
    kind: 'loan',
    reason: `${loan.number}：${LOAN_PURPOSE_LABELS[loan.purpose as TLoanPurpose].zh}借出`,
    serviceRequestId: loan.service_request_id,
    loanId: Number(loan.id),
  });
}

async function notifyManagers(
  trx: Db,
  kind: 'part_loan_request' | 'part_loan_emergency' | 'part_loan_paperwork' | 'part_loan_overdue',
  loan: { id: number; number: string },
  title: TBilingual,
  body: string | null,
  also: number[] = [],
  at?: string,
) {
  const managers = await activeUserIdsWithRole(trx, 'tech_manager');
  const to = [...new Set([...managers.map(Number), ...also])];
  await notify(
    trx,
    to.map((userId) => ({
      userId,
      kind,
      titleZh: title.zh,
      titleEn: title.en,
      body,
      entity: 'part_loan',
      entityId: loan.id,
      dedupeKey: `${kind}:${loan.id}:${userId}`,
    })),
    at,
  );
}

/**
 * R-EMER-4: borrowing a spare. Normally a request the technical manager approves (the part moves
 * then). In an emergency the engineer takes it at once: the loan is open with its paperwork
 * pending and every technical manager is notified. A unit the ledger does not know must have
 * passed a test first.
 */
export async function createLoan(db: Db, actor: Actor, raw: TCreatePartLoan, timeZone: string): Promise<TPartLoan> {
  const input = ZCreatePartLoan.parse(raw);
  if (actor.id === null) throw new AppError('PERMISSION_DENIED');
  const borrowerId = actor.id;
  return stockTransact(db, async (trx) => {
    const part = await loadPart(trx, input.partId, 'partId');
    if (!(await repo.customerExists(trx, input.customerId)))
      throw fieldError('customerId', { zh: '客户不存在', en: 'No such customer' }, 'reference');
    if (input.serviceRequestId && !(await repo.serviceRequestExists(trx, input.serviceRequestId)))
      throw fieldError('serviceRequestId', { zh: '服务要求单不存在', en: 'No such service request' }, 'reference');
    const fromId = input.fromLocationId ?? (await repo.mainStoreId(trx));
    const from = await loadLocation(trx, fromId, 'fromLocationId');
    if (!stocksIn(from.kind))
      throw fieldError(
        'fromLocationId',
        { zh: '只能从总库或工程师随身库借出', en: 'A loan is taken from the store or a bag' },
        'location_kind',
      );
    if (input.dueDate < todayIn(timeZone))
      throw fieldError('dueDate', { zh: '归还日期不能早于今天', en: 'The due date cannot be in the past' }, 'date_past');
    const sn = input.sn ?? null;
    if (part.tracking === 'serial' && sn === null)
      throw refusalError({ field: 'sn', reason: 'required' }, { quantity: 'quantity', sn: 'sn', to: 'sn' });
    if (part.tracking === 'count' && sn !== null)
      throw refusalError({ field: 'sn', reason: 'not_tracked' }, { quantity: 'quantity', sn: 'sn', to: 'sn' });
    const unrecorded = sn !== null && !(await repo.findSerial(trx, Number(part.id), sn));
    if (unrecorded && input.test?.result !== 'pass')
      throw new AppError('PART_LOAN_UNTESTED', [
        issue('test', { zh: '未登记的备件须先测试合格', en: 'A part not yet recorded must pass a test first' }, 'test_required'),
      ]);
    const testId = input.test ? await inspectionRecord(trx, actor, Number(part.id), sn, input.test) : null;
    const at = new Date().toISOString();
    const number = await nextFormattedNumber(trx, LOAN_PREFIX, yearOf(timeZone));
    const id = await repo.insertLoan(trx, {
      number,
      part_id: Number(part.id),
      sn,
      quantity: part.tracking === 'serial' ? 1 : input.quantity,
      purpose: input.purpose,
      state: input.emergency ? 'open' : 'requested',
      emergency: input.emergency ? 1 : 0,
      paperwork_pending: input.emergency ? 1 : 0,
      paperwork_escalated_at: null,
      borrower_id: borrowerId,
      from_location_id: fromId,
      customer_id: input.customerId,
      service_request_id: input.serviceRequestId ?? null,
      approved_by_id: null,
      approved_at: null,
      borrowed_at: input.emergency ? at : null,
      due_date: input.dueDate,
      overdue_notified_at: null,
      test_inspection_id: testId,
      returned_at: null,
      return_condition: null,
      return_note: null,
      note: input.note || null,
      created_at: at,
      version: 1,
    });
    const row = await loadLoan(trx, id, timeZone);
    if (input.emergency) await takeOut(trx, actor, row);
    const what = `${part.pn}${sn ? ` SN ${sn}` : ` × ${row.quantity}`}`;
    if (input.emergency)
      await notifyManagers(
        trx,
        'part_loan_emergency',
        { id, number },
        {
          zh: `紧急借用备件 ${number}：${actor.name ?? ''} 已取走 ${what}，待补手续`,
          en: `Emergency loan ${number}: ${actor.name ?? ''} took ${what}; paperwork pending`,
        },
        `${row.customer_name}${row.request_number ? ` · ${row.request_number}` : ''}`,
      );
    else
      await notifyManagers(
        trx,
        'part_loan_request',
        { id, number },
        { zh: `备件借用待审批 ${number}：${what}`, en: `Spare part loan ${number} awaits approval: ${what}` },
        `${actor.name ?? ''} · ${row.customer_name}`,
      );
    const after = toLoan(await loadLoan(trx, id, timeZone));
    await recordAudit(trx, actor, { entity: 'part_loan', entityId: id, action: input.emergency ? 'take_emergency' : 'request', after });
    return after;
  });
}

/**
 * The technical manager approves: a requested loan moves the part now; an emergency loan's
 * paperwork is completed (no second movement). A second approval is a conflict (409).
 */
export async function approveLoan(db: Db, actor: Actor, id: number, note: string | undefined, timeZone: string): Promise<TPartLoan> {
  return stockTransact(db, async (trx) => {
    const before = await loadLoan(trx, id, timeZone);
    const at = new Date().toISOString();
    const approval = { approved_by_id: actor.id, approved_at: at };
    if (before.state === 'requested') {
      if (!(await repo.updateLoanIf(trx, id, { state: 'requested' }, { ...approval, state: 'open', borrowed_at: at })))
        throw new AppError('PART_LOAN_ALREADY_APPROVED');
      await takeOut(trx, actor, before);
    } else if (before.state === 'open' && Number(before.paperwork_pending) === 1) {
      if (!(await repo.updateLoanIf(trx, id, { state: 'open', paperworkPending: 1 }, { ...approval, paperwork_pending: 0 })))
        throw new AppError('PART_LOAN_ALREADY_APPROVED');
    } else if (before.approved_by_id !== null) throw new AppError('PART_LOAN_ALREADY_APPROVED');
    else throw new AppError('PART_LOAN_ILLEGAL_STATE');
    const after = toLoan(await loadLoan(trx, id, timeZone));
    await recordAudit(trx, actor, {
      entity: 'part_loan',
      entityId: id,
      action: before.state === 'requested' ? 'approve' : 'complete_paperwork',
      before: { state: before.state, paperworkPending: Number(before.paperwork_pending) === 1 },
      after: { state: after.state, paperworkPending: after.paperworkPending, note: note ?? null },
    });
    return after;
  });
}

export async function rejectLoan(db: Db, actor: Actor, id: number, note: string | undefined, timeZone: string): Promise<TPartLoan> {
  return transact(db, async (trx) => {
    await loadLoan(trx, id, timeZone);
    if (
      !(await repo.updateLoanIf(
        trx,
        id,
        { state: 'requested' },
        { state: 'rejected', approved_by_id: actor.id, approved_at: new Date().toISOString(), note: note ?? null },
      ))
    )
      throw new AppError('PART_LOAN_ILLEGAL_STATE');
    const after = toLoan(await loadLoan(trx, id, timeZone));
    await recordAudit(trx, actor, {
      entity: 'part_loan',
      entityId: id,
      action: 'reject',
      after: { state: 'rejected', note: note ?? null },
    });
    return after;
  });
}

/**
 * The part comes back: good — into the store or a bag, with the returner's inspection record
 * (R-INST-9); faulty — out of stock, with a faulty part tag; kept by the customer — out of stock.
 */
export async function returnLoan(db: Db, actor: Actor, id: number, input: TReturnPartLoan, timeZone: string): Promise<TPartLoan> {
  return stockTransact(db, async (trx) => {
    const before = await loadLoan(trx, id, timeZone);
    const at = new Date().toISOString();
    if (
      !(await repo.updateLoanIf(
        trx,
        id,
        { state: 'open' },
        { state: 'returned', returned_at: at, return_condition: input.condition, return_note: input.note || null },
      ))
    )
      throw new AppError('PART_LOAN_ILLEGAL_STATE');
    const part = await loadPart(trx, Number(before.part_id));
    const customerPlace = await repo.ensureLocation(trx, 'customer', Number(before.customer_id), at);
    const base = {
      part,
      sn: before.sn,
      quantity: Number(before.quantity),
      from: customerPlace,
      serviceRequestId: before.service_request_id,
      loanId: id,
    };
    if (input.condition === 'good') {
      const toId = input.toLocationId ?? (await repo.mainStoreId(trx));
      const to = await loadLocation(trx, toId, 'toLocationId');
      if (!stocksIn(to.kind))
        throw fieldError(
          'toLocationId',
          { zh: '只能归还到总库或工程师随身库', en: 'A part is returned to the store or a bag' },
          'location_kind',
        );
      const inspectionId = await inspectionRecord(trx, actor, Number(part.id), before.sn, {
        result: 'pass',
        note: input.note ?? '归还时完好',
      });
      await recordMovement(trx, actor, { ...base, to: toId, kind: 'return', reason: `${before.number}：归还`, inspectionId });
    } else {
      let tagId: number | null = null;
      if (input.condition === 'faulty')
        tagId = await insertTagRow(trx, actor, timeZone, {
          partId: Number(part.id),
          pn: part.pn,
          sn: before.sn ?? undefined,
          customerId: Number(before.customer_id),
          serviceRequestId: before.service_request_id ?? undefined,
          fault: input.note || `${before.number}`,
          removedDate: todayIn(timeZone),
          condition: 'faulty',
        });
      await recordMovement(trx, actor, {
        ...base,
        to: null,
        kind: 'write_off',
        reason: `${before.number}：${input.condition === 'faulty' ? '归还时故障' : '客户留用'}`,
        tagId,
      });
    }
    const after = toLoan(await loadLoan(trx, id, timeZone));
    await recordAudit(trx, actor, {
      entity: 'part_loan',
      entityId: id,
      action: 'return',
      after: { condition: input.condition, note: input.note ?? null },
    });
    return after;
  });
}

// ── Faulty part tags (R-INST-9, R-EMER-10) ──

function toTag(r: repo.TagRow): TFaultyPartTag {
  return {
    id: Number(r.id),
    number: r.number,
    part: r.part_id === null ? null : { id: Number(r.part_id), pn: r.part_pn ?? r.pn },
    pn: r.pn,
    sn: r.sn,
    customer: ref(r.customer_id, r.customer_name),
    unitSn: r.unit_sn,
    serviceRequest: numRef(r.service_request_id, r.request_number),
    fault: r.fault,
    removedDate: r.removed_date,
    engineer: ref(r.engineer_id, r.engineer_name),
    condition: r.condition as TFaultyPartTag['condition'],
    disposition: r.disposition as TFaultyPartTag['disposition'],
    rmaCaseNumber: r.rma_case_number,
    receivedAt: r.received_at,
    receivedBy: ref(r.received_by_id, r.received_by_name),
    inspection:
      r.inspection_id === null || r.inspected_at === null
        ? null
        : {
            id: Number(r.inspection_id),
            result: r.inspection_result as 'pass' | 'fail',
            note: r.inspection_note,
            inspectedBy: ref(r.inspected_by_id, r.inspected_by_name),
            inspectedAt: r.inspected_at,
          },
    restockedAt: r.restocked_at,
    createdAt: r.created_at,
    version: Number(r.version),
  };
}

async function loadTag(db: Db, id: number): Promise<repo.TagRow> {
  const r = await repo.findTag(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function getTag(db: Db, id: number): Promise<TFaultyPartTag> {
  return toTag(await loadTag(db, id));
}

export async function listTags(db: Db, q: TFaultyPartTagQuery): Promise<Page<TFaultyPartTag>> {
  const { rows, total } = await repo.listTags(db, q);
  return { items: rows.map(toTag), total, page: q.page, pageSize: q.pageSize };
}

export async function* tagBatches(db: Db, q: Omit<TFaultyPartTagQuery, 'page' | 'pageSize'>, size: number) {
  let after = 0;
  for (;;) {
    const rows = await repo.listTagsAfter(db, q, after, size);
    if (rows.length === 0) return;
    yield rows.map(toTag);
    after = Number(rows[rows.length - 1].id);
    if (rows.length < size) return;
  }
}

async function insertTagRow(trx: Db, actor: Actor, timeZone: string, input: TCreateFaultyPartTag): Promise<number> {
  if (input.partId) await loadPart(trx, input.partId, 'partId');
  if (input.customerId && !(await repo.customerExists(trx, input.customerId)))
    throw fieldError('customerId', { zh: '客户不存在', en: 'No such customer' }, 'reference');
  if (input.serviceRequestId && !(await repo.serviceRequestExists(trx, input.serviceRequestId)))
    throw fieldError('serviceRequestId', { zh: '服务要求单不存在', en: 'No such service request' }, 'reference');
  return repo.insertTag(trx, {
    number: await nextFormattedNumber(trx, TAG_PREFIX, yearOf(timeZone)),
    part_id: input.partId ?? null,
    pn: input.pn,
    sn: input.sn || null,
    customer_id: input.customerId ?? null,
    unit_sn: input.unitSn || null,
    service_request_id: input.serviceRequestId ?? null,
    fault: input.fault,
    removed_date: input.removedDate,
    engineer_id: actor.id,
    condition: input.condition,
    disposition: input.disposition ?? null,
    rma_case_number: null,
    received_at: null,
    received_by_id: null,
    inspection_id: null,
    restocked_at: null,
    created_at: new Date().toISOString(),
    version: 1,
  });
}

/** R-INST-9 / R-EMER-10: a part removed on site is labelled (good or faulty) with a numbered tag. */
export async function createTag(db: Db, actor: Actor, input: TCreateFaultyPartTag, timeZone: string): Promise<TFaultyPartTag> {
  return transact(db, async (trx) => {
    const id = await insertTagRow(trx, actor, timeZone, input);
    const after = toTag(await loadTag(trx, id));
    await recordAudit(trx, actor, { entity: 'faulty_part_tag', entityId: id, action: 'create', after });
    return after;
  });
}

/** Back at the office: the tagged part is received. */
export async function receiveTag(db: Db, actor: Actor, id: number): Promise<TFaultyPartTag> {
  return transact(db, async (trx) => {
    const before = await loadTag(trx, id);
    if (before.received_at !== null) throw new AppError('PART_TAG_ALREADY_RECEIVED');
    await repo.updateTag(trx, id, Number(before.version), { received_at: new Date().toISOString(), received_by_id: actor.id });
    const after = toTag(await loadTag(trx, id));
    await recordAudit(trx, actor, { entity: 'faulty_part_tag', entityId: id, action: 'receive', after: { receivedAt: after.receivedAt } });
    return after;
  });
}

/**
 * The received part is tested (who, result). Only a pass may stock it back in (R-INST-9), into
 * the store or a bag, as a ledger entry carrying the inspection.
 */
export async function inspectTag(db: Db, actor: Actor, id: number, raw: TInspectTag): Promise<TFaultyPartTag> {
  const input = ZInspectTag.parse(raw);
  return stockTransact(db, async (trx) => {
    const before = await loadTag(trx, id);
    if (before.received_at === null) throw new AppError('PART_TAG_NOT_RECEIVED');
    if (before.inspection_id !== null) throw new AppError('PART_TAG_ALREADY_INSPECTED');
    if (input.restock && input.result !== 'pass')
      throw fieldError(
        'restock',
        { zh: '检验不合格的备件不能入库', en: 'A part that failed its test is not stocked in' },
        'inspection_failed',
      );
    if (input.restock && before.part_id === null)
      throw fieldError(
        'restock',
        { zh: '该备件号不在备件目录中，不能入库', en: 'This PN is not in the parts catalogue and cannot be stocked' },
        'not_catalogued',
      );
    const inspectionId = await inspectionRecord(trx, actor, before.part_id === null ? null : Number(before.part_id), before.sn, input);
    let restockedAt: string | null = null;
    if (input.restock) {
      const toId = input.toLocationId ?? (await repo.mainStoreId(trx));
      const to = await loadLocation(trx, toId, 'toLocationId');
      if (!stocksIn(to.kind))
        throw fieldError('toLocationId', { zh: '只能入总库或工程师随身库', en: 'Stock in to the store or a bag' }, 'location_kind');
      const part = await loadPart(trx, Number(before.part_id));
      await recordMovement(
        trx,
        actor,
        {
          part,
          sn: before.sn,
          quantity: 1,
          from: null,
          to: toId,
          kind: 'inspection_intake',
          reason: `${before.number}：检验合格入库`,
          serviceRequestId: before.service_request_id,
          tagId: id,
          inspectionId,
        },
        { quantity: 'restock', sn: 'restock', to: 'toLocationId' },
      );
      restockedAt = new Date().toISOString();
    }
    await repo.updateTag(trx, id, input.version, { inspection_id: inspectionId, restocked_at: restockedAt });
    const after = toTag(await loadTag(trx, id));
    await recordAudit(trx, actor, {
      entity: 'faulty_part_tag',
      entityId: id,
      action: 'inspect',
      after: { inspection: after.inspection, restocked: restockedAt !== null },
    });
    return after;
  });
}

/** To repair, returned to commerce (RMA, with the vendor's case number) or scrapped. */
export async function setTagDisposition(db: Db, actor: Actor, id: number, input: TTagDispositionInput): Promise<TFaultyPartTag> {
  return transact(db, async (trx) => {
    const before = await loadTag(trx, id);
    await repo.updateTag(trx, id, input.version, {
      disposition: input.disposition,
      rma_case_number: input.disposition === 'rma' ? input.rmaCaseNumber || null : null,
    });
    const after = toTag(await loadTag(trx, id));
    await recordAudit(trx, actor, {
      entity: 'faulty_part_tag',
      entityId: id,
      action: 'dispose',
      before: { disposition: before.disposition, rmaCaseNumber: before.rma_case_number },
      after: { disposition: after.disposition, rmaCaseNumber: after.rmaCaseNumber },
    });
    return after;
  });
}

/** R-PM-7/8 (parts side): the request's loans still out and its tagged parts not yet received at the office. */
export async function partsBroughtBack(db: Db, serviceRequestId: number, timeZone: string) {
  const [loans, tags] = await Promise.all([
    repo.listLoans(db, { serviceRequestId, state: 'open', page: 1, pageSize: 200 }, todayIn(timeZone)),
    repo.listTags(db, { serviceRequestId, received: 'false', page: 1, pageSize: 200 }),
  ]);
  const openLoans = loans.rows.map((r) => ({ id: Number(r.id), number: r.number }));
  const tagsNotReceived = tags.rows.map((r) => ({ id: Number(r.id), number: r.number }));
  return { complete: openLoans.length === 0 && tagsNotReceived.length === 0, openLoans, tagsNotReceived };
}

// ── Sweep (jobs/part-loan-sweep.ts) ──

/**
 * Emergency paperwork pending for more than 2 working days is escalated to the technical
 * managers; open loans past their due date are notified to the borrower and the managers. Each
 * effect is stamped by a conditional update and notified under a dedupe key: idempotent.
 */
export async function sweepPartLoans(db: Db, opts: { now: Date; timeZone: string }) {
  const calendar = await loadCalendarSpec(db, opts.timeZone);
  const at = opts.now.toISOString();
  const limit = addWorkingDays(opts.now, -PAPERWORK_WORKING_DAYS, calendar).toISOString();
  let escalated = 0;
  for (const loan of await repo.loansPendingSince(db, limit)) {
    await transact(db, async (trx) => {
      if (!(await repo.markPaperworkEscalated(trx, Number(loan.id), at))) return;
      escalated++;
      await notifyManagers(
        trx,
        'part_loan_paperwork',
        { id: Number(loan.id), number: loan.number },
        {
          zh: `紧急借用 ${loan.number} 的手续超过 ${PAPERWORK_WORKING_DAYS} 个工作日未补办`,
          en: `Emergency loan ${loan.number}: paperwork pending for more than ${PAPERWORK_WORKING_DAYS} working days`,
        },
        null,
        [Number(loan.borrower_id)],
        at,
      );
    });
  }
  let overdue = 0;
  for (const loan of await repo.overdueLoansNotNotified(db, todayIn(opts.timeZone, opts.now))) {
    await transact(db, async (trx) => {
      if (!(await repo.markOverdueNotified(trx, Number(loan.id), at))) return;
      overdue++;
      await notifyManagers(
        trx,
        'part_loan_overdue',
        { id: Number(loan.id), number: loan.number },
        { zh: `备件借用 ${loan.number} 已逾期（应于 ${loan.due_date} 归还）`, en: `Loan ${loan.number} is overdue (due ${loan.due_date})` },
        null,
        [Number(loan.borrower_id)],
        at,
      );
    });
  }
  return { escalated, overdue };
}

// ── Parts used (the reports' monthly summary) ──

/**
 * Parts used on these contracts' requests in [fromAt, toAt): each part replaced on a visit and not
 * put back (R-EMER-7), plus each spare from company stock the customer kept (a loan returned
 * "kept") that no such replacement already counts — a kept loan whose SN is the new SN of a counted
 * replacement on the same request is that same part. Loans returned good or faulty were not used;
 * faulty-part tags are the parts taken out, the other side of a replacement, so not counted again.
 */
export async function partsUsedOnContracts(
  db: Db,
  contractIds: readonly number[],
  fromAt: string,
  toAt: string,
): Promise<{ replaced: number; keptLoans: number; total: number }> {
  const { swaps, kept } = await repo.partsFittedOnContracts(db, contractIds, fromAt, toAt);
  const fitted = new Set(swaps.filter((s) => s.new_sn).map((s) => `${Number(s.service_request_id)}|${s.new_sn}`));
  const keptLoans = kept
    .filter((l) => l.sn === null || !fitted.has(`${Number(l.service_request_id)}|${l.sn}`))
    .reduce((n, l) => n + Number(l.quantity), 0);
  return { replaced: swaps.length, keptLoans, total: swaps.length + keptLoans };
}
