import { CompiledQuery, type Insertable, type Selectable, sql } from 'kysely';
import { type Db, isPostgres } from '../../db/database';
import { chunkRows, insertInChunks } from '../../db/batch-insert';
import type { WorkCustomerDayTable, WorkHoursDayTable, WorkHoursEntryTable } from './work-hours.table';

export type EntryRow = Selectable<WorkHoursEntryTable>;

export function findEntriesOfSource(db: Db, entity: string, id: number): Promise<EntryRow[]> {
  return db
    .selectFrom('work_hours_entry')
    .selectAll()
    .where('source_entity', '=', entity)
    .where('source_id', '=', id)
    .orderBy('id')
    .execute();
}

export function findEntry(db: Db, id: number): Promise<EntryRow | undefined> {
  return db.selectFrom('work_hours_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The customer and contract of service requests (read by join: the service-requests module owns them). */
export async function findRequestParties(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { customerId: number; contractId: number | null }>();
  const rows = await db
    .selectFrom('service_request')
    .select(['id', 'customer_id', 'contract_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { customerId: Number(r.customer_id), contractId: r.contract_id === null ? null : Number(r.contract_id) },
    ]),
  );
}

/** Minutes already on these engineer-days (from the roll-up). */
export async function minutesOnDays(db: Db, keys: readonly { engineerId: number; date: string }[]) {
  const out = new Map<string, number>();
  if (keys.length === 0) return out;
  const rows = await runRaw<{ engineer_id: number; work_date: string; m: number }>(
    db,
    'minutes-on-days',
    (p) => `select engineer_id, work_date, sum(minutes) as m from work_hours_day
      where ${keys.map(() => `(engineer_id = ${p()} and work_date = ${p()})`).join(' or ')} group by engineer_id, work_date`,
    keys.flatMap((k) => [k.engineerId, k.date]),
  );
  for (const r of rows) out.set(`${Number(r.engineer_id)}|${r.work_date}`, Number(r.m));
  return out;
}

export async function deleteEntriesOfSource(db: Db, entity: string, id: number): Promise<void> {
  await db.deleteFrom('work_hours_entry').where('source_entity', '=', entity).where('source_id', '=', id).execute();
}

/** Delete a source's entries and answer them as they were (one statement where reading then deleting took two). */
export function takeEntriesOfSource(db: Db, entity: string, id: number): Promise<EntryRow[]> {
  return runRaw<EntryRow>(
    db,
    'take-entries',
    (p) => `delete from work_hours_entry where source_entity = ${p()} and source_id = ${p()} returning *`,
    [entity, id],
  );
}

export async function insertEntries(db: Db, rows: readonly Insertable<WorkHoursEntryTable>[]): Promise<void> {
  await insertInChunks(rows, (chunk) => db.insertInto('work_hours_entry').values(chunk).execute());
}

/*
 * The roll-ups' upkeep costs statements, not work: recording a visit writes two or three entries,
 * and each statement costs more to build, compile and bind than the database takes for its B-tree
 * writes (SQLite: ≈ 30 µs of Kysely for ≈ 5 µs of SQLite; PostgreSQL: a round trip each). Upserting a
 * row at a time (plus a clean-up DELETE each) made recording a visit take twice as long as
 * recording it without the roll-ups. So:
 * - each roll-up gets ONE multi-row upsert for all its keys (the deltas added through `excluded`);
 * - the DELETE of rows left at zero runs only when a delta takes entries away (a new visit never does);
 * - these statements, the day-limit read and the old entries' DELETE … RETURNING are plain SQL
 *   kept by shape (runRaw), not Kysely queries built anew on every recording.
 */

/** SQL text by engine and shape, made once; the values bound anew each time. */
const rawSql = new Map<string, string>();
function runRaw<R>(db: Db, shape: string, text: (p: () => string) => string, values: readonly unknown[]): Promise<R[]> {
  const pg = isPostgres(db);
  const key = `${pg ? 'pg' : 'sqlite'}|${shape}|${values.length}`;
  let q = rawSql.get(key);
  if (q === undefined) {
    let n = 0;
    q = text(() => {
      n++;
      return pg ? `$${n}` : '?';
    });
    if (n !== values.length) throw new Error('runRaw: one placeholder per value');
    if (rawSql.size > 500) rawSql.clear();
    rawSql.set(key, q);
  }
  return db.executeQuery<R>(CompiledQuery.raw(q, [...values])).then((r) => r.rows);
}

const tuples = (p: () => string, rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array.from({ length: columns }, p).join(', ')})`).join(', ');

/** Add deltas to the engineer-day roll-up; rows left at zero are removed (a rebuild would not have them). */
export async function addEngineerDayDeltas(db: Db, rows: readonly WorkHoursDayTable[]): Promise<void> {
  if (rows.length === 0) return;
  for (const chunk of chunkRows(rows))
    await runRaw(
      db,
      'engineer-day',
      (p) => `insert into work_hours_day (engineer_id, work_date, kind, minutes, entries) values ${tuples(p, chunk.length, 5)}
        on conflict (engineer_id, work_date, kind) do update set
          minutes = work_hours_day.minutes + excluded.minutes, entries = work_hours_day.entries + excluded.entries`,
      chunk.flatMap((r) => [r.engineer_id, r.work_date, r.kind, r.minutes, r.entries]),
    );
  const shrunk = rows.filter((r) => r.entries < 0);
  if (shrunk.length > 0)
    await db
      .deleteFrom('work_hours_day')
      .where('entries', '=', 0)
      .where((eb) =>
        eb.or(
          shrunk.map((r) => eb.and([eb('engineer_id', '=', r.engineer_id), eb('work_date', '=', r.work_date), eb('kind', '=', r.kind)])),
        ),
      )
      .execute();
}

/** Add deltas to the customer-day roll-up; rows left without entries are removed (a visit counts only on a day with its entries). */
export async function addCustomerDayDeltas(db: Db, rows: readonly WorkCustomerDayTable[]): Promise<void> {
  if (rows.length === 0) return;
  for (const chunk of chunkRows(rows))
    await runRaw(
      db,
      'customer-day',
      (
        p,
      ) => `insert into work_customer_day (customer_id, contract_key, work_date, minutes, entries, visits) values ${tuples(p, chunk.length, 6)}
        on conflict (customer_id, contract_key, work_date) do update set minutes = work_customer_day.minutes + excluded.minutes,
          entries = work_customer_day.entries + excluded.entries, visits = work_customer_day.visits + excluded.visits`,
      chunk.flatMap((r) => [r.customer_id, r.contract_key, r.work_date, r.minutes, r.entries, r.visits]),
    );
  const shrunk = rows.filter((r) => r.entries < 0);
  if (shrunk.length > 0)
    await db
      .deleteFrom('work_customer_day')
      .where('entries', '=', 0)
      .where((eb) =>
        eb.or(
          shrunk.map((r) =>
            eb.and([eb('customer_id', '=', r.customer_id), eb('contract_key', '=', r.contract_key), eb('work_date', '=', r.work_date)]),
          ),
        ),
      )
      .execute();
}

/** Rebuild both roll-ups from the entries, from scratch (idempotent: the same entries give the same rows). */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.deleteFrom('work_hours_day').execute();
  await db.deleteFrom('work_customer_day').execute();
  await sql`insert into work_hours_day (engineer_id, work_date, kind, minutes, entries)
    select engineer_id, work_date, kind, sum(minutes), count(*) from work_hours_entry group by engineer_id, work_date, kind`.execute(db);
  // One pass: each entry's minutes, and each visit once per customer and contract on its first day with hours there.
  await sql`insert into work_customer_day (customer_id, contract_key, work_date, minutes, entries, visits)
    select customer_id, ck, d, sum(m), sum(n), sum(v) from (
      select customer_id, coalesce(contract_id, 0) as ck, work_date as d, minutes as m, 1 as n, 0 as v
        from work_hours_entry where customer_id is not null
      union all
      select customer_id, coalesce(contract_id, 0), min(work_date), 0, 0, 1
        from work_hours_entry where source_entity = 'visit' and customer_id is not null
        group by source_id, customer_id, coalesce(contract_id, 0)
    ) x group by customer_id, ck, d`.execute(db);
}

export function allEngineerDays(db: Db) {
  return db.selectFrom('work_hours_day').selectAll().orderBy('engineer_id').orderBy('work_date').orderBy('kind').execute();
}
export function allCustomerDays(db: Db) {
  return db.selectFrom('work_customer_day').selectAll().orderBy('customer_id').orderBy('contract_key').orderBy('work_date').execute();
}

/** Entries of a date range, with names, for lists and the weekly report. */
export function listEntries(db: Db, q: { from: string; to: string; engineerId?: number }) {
  let b = db
    .selectFrom('work_hours_entry as e')
    .innerJoin('app_user as u', 'u.id', 'e.engineer_id')
    .leftJoin('service_request as sr', 'sr.id', 'e.service_request_id')
    .leftJoin('customer as c', 'c.id', 'e.customer_id')
    .selectAll('e')
    .select(['u.name as engineer_name', 'sr.number as request_number', 'c.name as customer_name'])
    .where('e.work_date', '>=', q.from)
    .where('e.work_date', '<=', q.to);
  if (q.engineerId !== undefined) b = b.where('e.engineer_id', '=', q.engineerId);
  return b.orderBy('e.work_date').orderBy('e.id').execute();
}
export type ListedEntry = Awaited<ReturnType<typeof listEntries>>[number];
