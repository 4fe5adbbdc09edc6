import {
  MAX_HOURS_PER_DAY,
  type TAddOtherWork,
  type TWorkHoursEntry,
  type TWorkHoursKind,
  type TWorkHoursQuery,
  WORK_HOURS_KINDS,
} from '@contract/work-hours';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import type { Db } from '../../db/database';
import { nextNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import * as repo from './work-hours.repo';
import type { WorkCustomerDayTable, WorkHoursDayTable } from './work-hours.table';

/** What recorded a set of hour entries: a visit, a call's remote handling, a manual entry. */
export interface WorkHoursSource {
  entity: 'visit' | 'phone_call' | 'manual' | (string & {});
  id: number;
}

export interface WorkHoursInput {
  engineerId: number;
  /** `YYYY-MM-DD` in the company's zone. */
  workDate: string;
  kind: TWorkHoursKind;
  hours: number;
  serviceRequestId?: number | null;
  /** Without a request: the customer and contract worked for, if any. */
  customerId?: number | null;
  contractId?: number | null;
  note?: string | null;
}

const toMinutes = (hours: number) => Math.round(hours * 60);
const dayKey = (engineerId: number, date: string) => `${engineerId}|${date}`;

/**
 * REPLACES the hour entries of `source` with `entries` (none: removes them), and keeps the daily
 * roll-ups (per engineer/day/kind, per customer/contract/day) in step — all in the caller's
 * transaction. Visits and remote handling call it each time they are saved, so calling it again
 * with the same entries changes nothing. Refused (R-FLOW-1) when an hour figure is below 0 or
 * above 24, or when an engineer's day would pass 24 hours.
 */
export async function recordWorkHours(
  trx: Db,
  actor: Actor,
  input: { source: WorkHoursSource; entries: readonly WorkHoursInput[] },
): Promise<void> {
  const { source } = input;
  input.entries.forEach((e, i) => {
    if (!(e.hours >= 0 && e.hours <= MAX_HOURS_PER_DAY))
      throw fieldError(`entries.${i}.hours`, { zh: '工时须在 0 到 24 小时之间', en: 'hours must be between 0 and 24' }, 'hours_range');
    if (!(WORK_HOURS_KINDS as readonly string[]).includes(e.kind))
      throw fieldError(`entries.${i}.kind`, { zh: '工时类别无效', en: 'unknown kind of hours' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.workDate)) throw fieldError(`entries.${i}.workDate`, { zh: '日期无效', en: 'invalid date' });
  });
  // The source's old entries, deleted as they are read: what they gave the roll-ups is taken off
  // below (a refusal further down rolls the caller's transaction back with it).
  const old = await repo.takeEntriesOfSource(trx, source.entity, source.id);
  const parties = await repo.findRequestParties(trx, [
    ...new Set(input.entries.map((e) => e.serviceRequestId).filter((x): x is number => typeof x === 'number')),
  ]);
  const at = new Date().toISOString();
  const rows = input.entries.map((e) => {
    const party = e.serviceRequestId ? parties.get(e.serviceRequestId) : undefined;
    if (e.serviceRequestId && !party) throw new AppError('REFERENCE_INVALID');
    return {
      engineer_id: e.engineerId,
      work_date: e.workDate,
      kind: e.kind,
      minutes: toMinutes(e.hours),
      note: e.note ?? null,
      service_request_id: e.serviceRequestId ?? null,
      customer_id: party ? party.customerId : (e.customerId ?? null),
      contract_id: party ? party.contractId : (e.contractId ?? null),
      source_entity: source.entity,
      source_id: source.id,
      created_by_id: actor.id,
      created_at: at,
    };
  });

  // The day limit: what the engineer already has on each day, less this source's old entries, plus the new.
  const newByDay = new Map<string, number>();
  for (const r of rows)
    newByDay.set(dayKey(r.engineer_id, r.work_date), (newByDay.get(dayKey(r.engineer_id, r.work_date)) ?? 0) + r.minutes);
  const oldByDay = new Map<string, number>();
  for (const r of old)
    oldByDay.set(
      dayKey(Number(r.engineer_id), r.work_date),
      (oldByDay.get(dayKey(Number(r.engineer_id), r.work_date)) ?? 0) + Number(r.minutes),
    );
  const existing = await repo.minutesOnDays(
    trx,
    [...newByDay.keys()].map((k) => {
      const [e, d] = k.split('|');
      return { engineerId: Number(e), date: d };
    }),
  );
  for (const [k, m] of newByDay) {
    if ((existing.get(k) ?? 0) - (oldByDay.get(k) ?? 0) + m > MAX_HOURS_PER_DAY * 60) throw new AppError('WORK_HOURS_DAY_LIMIT');
  }

  await repo.insertEntries(trx, rows);
  await repo.addEngineerDayDeltas(trx, engineerDayDeltas(old, rows));
  await repo.addCustomerDayDeltas(trx, customerDayDeltas(source.entity, old, rows));
}

type EntryLike = {
  engineer_id: number;
  work_date: string;
  kind: string;
  minutes: number;
  customer_id: number | null;
  contract_id: number | null;
};

function engineerDayDeltas(old: readonly EntryLike[], now: readonly EntryLike[]): WorkHoursDayTable[] {
  const m = new Map<string, WorkHoursDayTable>();
  const add = (r: EntryLike, sign: number) => {
    const k = `${Number(r.engineer_id)}|${r.work_date}|${r.kind}`;
    const d = m.get(k) ?? { engineer_id: Number(r.engineer_id), work_date: r.work_date, kind: r.kind, minutes: 0, entries: 0 };
    d.minutes += sign * Number(r.minutes);
    d.entries += sign;
    m.set(k, d);
  };
  for (const r of old) add(r, -1);
  for (const r of now) add(r, 1);
  return [...m.values()].filter((d) => d.minutes !== 0 || d.entries !== 0);
}

/** A visit counts once per customer and contract, on its first day with hours there (as the rebuild counts it). */
function visitDays(entity: string, rows: readonly EntryLike[]): Map<string, string> {
  const first = new Map<string, string>();
  if (entity !== 'visit') return first;
  for (const r of rows) {
    if (r.customer_id === null) continue;
    const k = `${Number(r.customer_id)}|${Number(r.contract_id ?? 0)}`;
    const d = first.get(k);
    if (d === undefined || r.work_date < d) first.set(k, r.work_date);
  }
  return first;
}

function customerDayDeltas(entity: string, old: readonly EntryLike[], now: readonly EntryLike[]): WorkCustomerDayTable[] {
  const m = new Map<string, WorkCustomerDayTable>();
  const cell = (customer: number, contract: number, date: string) => {
    const k = `${customer}|${contract}|${date}`;
    let d = m.get(k);
    if (!d) {
      d = { customer_id: customer, contract_key: contract, work_date: date, minutes: 0, entries: 0, visits: 0 };
      m.set(k, d);
    }
    return d;
  };
  const add = (rows: readonly EntryLike[], sign: number) => {
    for (const r of rows) {
      if (r.customer_id === null) continue;
      const d = cell(Number(r.customer_id), Number(r.contract_id ?? 0), r.work_date);
      d.minutes += sign * Number(r.minutes);
      d.entries += sign;
    }
    for (const [k, date] of visitDays(entity, rows)) {
      const [c, k2] = k.split('|').map(Number);
      cell(c, k2, date).visits += sign;
    }
  };
  add(old, -1);
  add(now, 1);
  return [...m.values()].filter((d) => d.minutes !== 0 || d.entries !== 0 || d.visits !== 0);
}

/** The idempotent job: both roll-ups from scratch, from the entries. */
export function rebuildWorkHoursRollups(db: Db): Promise<void> {
  return transact(db, (trx) => repo.rebuildRollups(trx));
}

/** Both roll-ups as stored, in a stable order (what the rebuild test compares). */
export async function readWorkHoursRollups(db: Db) {
  const norm = <T extends object>(rows: T[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])));
  return { engineerDays: norm(await repo.allEngineerDays(db)), customerDays: norm(await repo.allCustomerDays(db)) };
}

const isManager = (actor: Actor) => actor.roles.includes('tech_manager') || actor.roles.includes('admin');

function toEntry(r: repo.ListedEntry): TWorkHoursEntry {
  return {
    id: Number(r.id),
    engineer: { id: Number(r.engineer_id), name: r.engineer_name },
    workDate: r.work_date,
    kind: r.kind as TWorkHoursKind,
    hours: Number(r.minutes) / 60,
    note: r.note,
    serviceRequest: r.service_request_id === null ? null : { id: Number(r.service_request_id), number: r.request_number ?? '' },
    customer: r.customer_id === null ? null : { id: Number(r.customer_id), name: r.customer_name ?? '' },
    source: { entity: r.source_entity, id: Number(r.source_id) },
  };
}

/** An engineer's own hours; managers (technical, project) anyone's. */
export async function listWorkHours(db: Db, actor: Actor, q: TWorkHoursQuery): Promise<{ items: TWorkHoursEntry[] }> {
  const mayAll = isManager(actor) || actor.roles.includes('project_manager');
  const engineerId = mayAll ? q.engineerId : (actor.id ?? 0);
  return { items: (await repo.listEntries(db, { from: q.from, to: q.to, engineerId })).map(toEntry) };
}

/** Other work on a day (training preparation, internal tasks): its own source, so it can be removed alone. */
export async function addOtherWork(db: Db, actor: Actor, input: TAddOtherWork): Promise<{ items: TWorkHoursEntry[] }> {
  const engineerId = input.engineerId !== undefined && isManager(actor) ? input.engineerId : (actor.id ?? 0);
  return transact(db, async (trx) => {
    const sourceId = await nextNumber(trx, 'work-hours-manual');
    await recordWorkHours(trx, actor, {
      source: { entity: 'manual', id: sourceId },
      entries: [{ engineerId, workDate: input.workDate, kind: input.kind, hours: input.hours, note: input.note }],
    });
    await recordAudit(trx, actor, { entity: 'work_hours', entityId: sourceId, action: 'add_other_work', after: { engineerId, ...input } });
    return { items: (await repo.listEntries(trx, { from: input.workDate, to: input.workDate, engineerId })).map(toEntry) };
  });
}

/** Remove an entry of other work (its engineer, or the technical manager). */
export async function removeOtherWork(db: Db, actor: Actor, id: number): Promise<void> {
  await transact(db, async (trx) => {
    const e = await repo.findEntry(trx, id);
    if (!e || (Number(e.engineer_id) !== actor.id && !isManager(actor))) throw new AppError('NOT_FOUND');
    if (e.source_entity !== 'manual') throw new AppError('WORK_HOURS_NOT_MANUAL');
    await recordWorkHours(trx, actor, { source: { entity: 'manual', id: Number(e.source_id) }, entries: [] });
    await recordAudit(trx, actor, { entity: 'work_hours', entityId: Number(e.source_id), action: 'remove_other_work', before: { id } });
  });
}
