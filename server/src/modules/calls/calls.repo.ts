import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import { CALL_OUTCOME_STATES, type TCallExportQuery, type TCallQuery } from '@contract/calls';
import { type Db, isPostgres } from '../../db/database';
import { type DependentWrite, insertWithRefs } from '../../db/dependent-write';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import { containsPattern, limitOffset, parseSort } from '../../db/list-query';
import type { PhoneCallLogTable, PhoneCallTable } from './calls.table';

function selectCalls(db: Db) {
  return db
    .selectFrom('phone_call as c')
    .leftJoin('customer', 'customer.id', 'c.customer_id')
    .leftJoin('contact', 'contact.id', 'c.contact_id')
    .leftJoin('contract', 'contract.id', 'c.contract_id')
    .leftJoin('equipment', 'equipment.id', 'c.equipment_id')
    .leftJoin('app_user as receiver', 'receiver.id', 'c.received_by_id')
    .leftJoin('app_user as holder', 'holder.id', 'c.holder_id')
    .leftJoin('service_request as sr', 'sr.id', 'c.service_request_id')
    .leftJoin('phone_call as dup', 'dup.id', 'c.duplicate_of_id')
    .selectAll('c')
    .select([
      'customer.name as customer_name',
      'contact.name as contact_name',
      'contract.number as contract_number',
      'equipment.sn as unit_sn',
      'equipment.model as unit_model',
      'receiver.name as received_by_name',
      'holder.name as holder_name',
      'sr.number as request_number',
      'dup.number as duplicate_number',
    ]);
}
export type CallRow = Awaited<ReturnType<ReturnType<typeof selectCalls>['executeTakeFirstOrThrow']>>;

export function findCallById(db: Db, id: number): Promise<CallRow | undefined> {
  return selectCalls(db).where('c.id', '=', id).executeTakeFirst();
}

export function insertCall(db: Db, row: Insertable<PhoneCallTable>): Promise<number> {
  return insertReturningId(db, 'phone_call', row);
}

/** The names a new call is shown with, as selectCalls joins them, read before it is written (null: none, or no such row). */
export interface NewCallNames {
  customer_name: string | null;
  contact_name: string | null;
  contract_number: string | null;
  unit_sn: string | null;
  unit_model: string | null;
  received_by_name: string | null;
  holder_name: string | null;
}

export async function findNewCallNames(
  db: Db,
  r: Pick<Insertable<PhoneCallTable>, 'customer_id' | 'contact_id' | 'contract_id' | 'equipment_id' | 'received_by_id' | 'holder_id'>,
): Promise<NewCallNames> {
  const q = await sql<NewCallNames>`select
    (select name from customer where id = ${r.customer_id ?? null}) as customer_name,
    (select name from contact where id = ${r.contact_id ?? null}) as contact_name,
    (select number from contract where id = ${r.contract_id ?? null}) as contract_number,
    (select sn from equipment where id = ${r.equipment_id ?? null}) as unit_sn,
    (select model from equipment where id = ${r.equipment_id ?? null}) as unit_model,
    (select name from app_user where id = ${r.received_by_id ?? null}) as received_by_name,
    (select name from app_user where id = ${r.holder_id ?? null}) as holder_name`.execute(db);
  return q.rows[0];
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateCall(db: Db, id: number, version: number, patch: Updateable<PhoneCallTable>): Promise<void> {
  return updateVersioned(db, 'phone_call', id, version, patch);
}

/**
 * R-CALL-2: stamp the reminder only if none was sent since `since` — one statement, so two
 * reminders racing (two tabs, two instances) cannot both pass.
 */
export async function stampReminder(db: Db, id: number, at: string, since: string): Promise<boolean> {
  const r = await db
    .updateTable('phone_call')
    .set({ last_reminded_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_reminded_at', 'is', null), eb('last_reminded_at', '<=', since)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertLog(db: Db, rows: Insertable<PhoneCallLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('phone_call_log').values(rows).execute();
}

/**
 * Log entries of a call being created (db/dependent-write.ts): `insertLog` in its transaction, or
 * their part of its statement; made from STAND_IN's id there. Rows of one shape (logRow's).
 */
export function newCallLogWrite(rows: Insertable<PhoneCallLogTable>[]): DependentWrite {
  return {
    run: (_root, trx) => insertLog(trx, rows),
    cte: (refs, name) => sql`${sql.id(name)} as (${insertWithRefs('phone_call_log', rows, refs)})`,
  };
}

export function findLog(db: Db, callId: number) {
  return db
    .selectFrom('phone_call_log as l')
    .leftJoin('app_user as u', 'u.id', 'l.by_id')
    .selectAll('l')
    .select('u.name as by_name')
    .where('l.call_id', '=', callId)
    .orderBy('l.at')
    .orderBy('l.id')
    .execute();
}
export type CallLogRow = Awaited<ReturnType<typeof findLog>>[number];

/** The customer's (or the number's) last calls, newest first. */
export function findRecentCalls(db: Db, by: { customerId?: number; phoneNumber?: string }, limit: number) {
  let q = selectCalls(db);
  if (by.customerId) q = q.where('c.customer_id', '=', by.customerId);
  else if (by.phoneNumber) q = q.where('c.phone_number', '=', by.phoneNumber);
  else return Promise.resolve([]);
  return q.orderBy('c.called_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}

/** Who may be read: every call, or those received by / held by the user (calls.service readScopeOf). */
export interface CallReadScope {
  receivedBy?: number;
  heldBy?: number;
}

export type CallFilters = Omit<TCallExportQuery, 'sort'> & { sort?: TCallQuery['sort'] };

const SORT_COLUMNS = { calledAt: 'c.called_at', number: 'c.number' } as const;

/** `c.id` among the text index's candidates: a JSON array on SQLite, an array parameter on PostgreSQL. */
function idIn(db: Db, ids: readonly number[]) {
  return isPostgres(db)
    ? sql<SqlBool>`c.id = any(${[...ids]}::bigint[])`
    : sql<SqlBool>`c.id in (select value from json_each(${JSON.stringify(ids)}))`;
}

function filtered(db: Db, f: CallFilters, scope: CallReadScope | undefined, candidates: readonly number[] | undefined) {
  let q = selectCalls(db);
  if (scope) {
    const { receivedBy, heldBy } = scope;
    q = q.where((eb) =>
      eb.or([
        ...(receivedBy !== undefined ? [eb('c.received_by_id', '=', receivedBy)] : []),
        ...(heldBy !== undefined ? [eb('c.holder_id', '=', heldBy)] : []),
        ...(receivedBy === undefined && heldBy === undefined ? [sql<SqlBool>`1 = 0`] : []),
      ]),
    );
  }
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.open === 'true') q = q.where('c.state', 'not in', [...CALL_OUTCOME_STATES]);
  if (f.open === 'false') q = q.where('c.state', 'in', [...CALL_OUTCOME_STATES]);
  if (f.severity) q = q.where('c.severity', '=', f.severity);
  if (f.customerId) q = q.where('c.customer_id', '=', f.customerId);
  if (f.productType) q = q.where('c.product_type', 'like', containsPattern(f.productType));
  if (f.receivedById) q = q.where('c.received_by_id', '=', f.receivedById);
  if (f.holderId) q = q.where('c.holder_id', '=', f.holderId);
  if (f.from) q = q.where('c.called_at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('c.called_at', '<', new Date(f.to).toISOString());
  if (candidates) q = q.where(idIn(db, candidates));
  if (f.q) {
    const p = containsPattern(f.q);
    const digits = f.q.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        eb('c.number', 'like', p),
        eb('c.caller_name', 'like', p),
        eb('c.company', 'like', p),
        eb('c.phone_raw', 'like', p),
        ...(digits.length >= 3 ? [eb('c.phone_number', 'like', containsPattern(digits))] : []),
        eb('c.product_type', 'like', p),
        eb('c.symptom', 'like', p),
        eb('customer.name', 'like', p),
      ]),
    );
  }
  return q;
}

export async function listCalls(db: Db, q: TCallQuery, scope: CallReadScope | undefined, candidates: readonly number[] | undefined) {
  const { key, direction } = parseSort(q.sort);
  const { limit, offset } = limitOffset(q);
  const base = filtered(db, q, scope, candidates);
  const [rows, count] = await Promise.all([
    base.orderBy(SORT_COLUMNS[key], direction).orderBy('c.id', direction).limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** For exports: the next `limit` calls after id `afterId`, in id order. */
export function listCallsAfter(
  db: Db,
  f: CallFilters,
  scope: CallReadScope | undefined,
  candidates: readonly number[] | undefined,
  afterId: number,
  limit: number,
) {
  return filtered(db, f, scope, candidates).where('c.id', '>', afterId).orderBy('c.id').limit(limit).execute();
}
