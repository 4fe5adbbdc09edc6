/**
 * The holiday table (R-EMER-8 / R-EMER-2): public holidays and make-up workdays per year,
 * edited by administrators, and the company calendar built from it for SLA arithmetic.
 */
import { RULE_ISSUES } from '@contract/validation-messages';
import { type THolidayYear, type THolidayYearRecord, type TPutHolidayYear, ZHolidayYear } from '@contract/working-calendar';
import type { Actor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { calendarSpecOf, datesOfPeriod, problemsOfHolidayYear } from './holidays';
import type { TCalendarSpec } from './working-calendar';
import * as repo from './calendar.repo';
import { slaChecksDueForAllOpen } from '../service-requests/sla-checks';

/** How long another instance may compute with a calendar read before an edit elsewhere. */
export const CALENDAR_RELOAD_MS = 60_000;

function toRecord(r: repo.HolidayYearRow): THolidayYearRecord {
  const data = JSON.parse(r.data) as Pick<THolidayYear, 'holidays' | 'makeUpWorkdays'>;
  const y = ZHolidayYear.parse({ year: r.year, provisional: r.provisional === 1, ...data });
  return { ...y, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

async function readYears(db: Db): Promise<THolidayYearRecord[]> {
  return (await repo.listHolidayYearRows(db)).map(toRecord);
}

// ── The compiled calendar, cached per database ──

interface CacheEntry {
  years: Promise<THolidayYear[]>;
  /** The years' versions the entry was read with (`loadCurrentCalendarSpec`). */
  stamp: Promise<string>;
  loadedAt: number;
  /** One spec per time zone, so the coverage tables compiled for it stay cached too. */
  specs: Map<string, TCalendarSpec>;
}

/**
 * Keyed by the database's adapter: one object per Kysely instance, shared by its transactions,
 * so a read inside `transact` hits the same cache as one outside it.
 */
const cache = new WeakMap<object, CacheEntry>();
const keyOf = (db: Db): object => db.getExecutor().adapter;

/** Forget the calendar of this database: the next load reads the table. */
export function invalidateCalendar(db: Db): void {
  cache.delete(keyOf(db));
}

/**
 * The company calendar in a time zone, from the holiday table. Cached in memory; an edit in
 * this process invalidates it at once, an edit in another instance is seen within 60 s.
 */
export async function loadCalendarSpec(db: Db, timeZone: string, now = Date.now()): Promise<TCalendarSpec> {
  const key = keyOf(db);
  let entry = cache.get(key);
  if (!entry || now - entry.loadedAt >= CALENDAR_RELOAD_MS) {
    const records = readYears(db);
    const fresh: CacheEntry = { years: records, stamp: records.then(stampOf), loadedAt: now, specs: new Map() };
    fresh.stamp.catch(() => {});
    cache.set(key, fresh);
    fresh.years.catch(() => {
      if (cache.get(key) === fresh) cache.delete(key);
    });
    entry = fresh;
  }
  const years = await entry.years;
  let spec = entry.specs.get(timeZone);
  if (!spec) {
    spec = calendarSpecOf(years, timeZone);
    entry.specs.set(timeZone, spec);
  }
  return spec;
}

/**
 * `loadCalendarSpec`, first checking the table's year versions against those the cached calendar
 * was read with (one small read): an edit in another instance is seen at once, not within 60 s.
 * For the SLA sweep, whose next-check times must be computed with the calendar as it is now.
 */
export async function loadCurrentCalendarSpec(db: Db, timeZone: string): Promise<TCalendarSpec> {
  const stamp = stampOf(await repo.listHolidayYearVersions(db));
  const entry = cache.get(keyOf(db));
  if (entry && (await entry.stamp.catch(() => null)) !== stamp) invalidateCalendar(db);
  // Unchanged: the cached calendar (and its compiled coverage tables) is current, whatever its age.
  else if (entry) entry.loadedAt = Date.now();
  return loadCalendarSpec(db, timeZone);
}

const stampOf = (rows: readonly { year: number; version: number }[]) => rows.map((r) => `${r.year}:${r.version}`).join(',');

// ── Reading and editing years ──

export async function listHolidayYears(db: Db): Promise<{ items: THolidayYearRecord[] }> {
  return { items: await readYears(db) };
}

export async function getHolidayYear(db: Db, year: number): Promise<THolidayYearRecord> {
  const row = await repo.findHolidayYear(db, year);
  if (!row) throw new AppError('NOT_FOUND');
  return toRecord(row);
}

/**
 * The problems of a year's data, each naming its field (`holidays.2.to`,
 * `makeUpWorkdays.0.date`): periods outside the year or reversed, overlapping periods,
 * a make-up day outside the year or within a holiday.
 */
export function holidayYearIssues(y: THolidayYear): { path: string; message: string; code: string }[] {
  const issues: { path: string; message: string; code: string }[] = [];
  const inYear = (date: string) => date.startsWith(`${y.year}-`);
  const taken = new Map<string, string>();
  y.holidays.forEach((h, i) => {
    if (!inYear(h.from)) issues.push({ path: `holidays.${i}.from`, message: `${h.from} is not within ${y.year}`, code: 'custom' });
    if (!inYear(h.to)) issues.push({ path: `holidays.${i}.to`, message: `${h.to} is not within ${y.year}`, code: 'custom' });
    if (h.to < h.from) {
      issues.push({ path: `holidays.${i}.to`, message: `${h.nameZh}: ends before it starts (${h.from})`, code: 'custom' });
      return;
    }
    let overlap: string | null = null;
    for (const date of datesOfPeriod(h.from, h.to)) {
      const other = taken.get(date);
      if (other && !overlap) overlap = `${date} is in both ${other} and ${h.nameZh}`;
      taken.set(date, h.nameZh);
    }
    if (overlap) issues.push({ path: `holidays.${i}.from`, message: `overlaps: ${overlap}`, code: 'custom' });
  });
  y.makeUpWorkdays.forEach((m, i) => {
    if (!inYear(m.date)) issues.push({ path: `makeUpWorkdays.${i}.date`, message: `${m.date} is not within ${y.year}`, code: 'custom' });
    const h = taken.get(m.date);
    if (h) issues.push({ path: `makeUpWorkdays.${i}.date`, message: `${m.date} is also a holiday (${h})`, code: 'custom' });
  });
  return issues;
}

/** Create a year, or replace it (with its current `version`). */
export async function putHolidayYear(db: Db, actor: Actor, year: number, input: TPutHolidayYear): Promise<THolidayYearRecord> {
  const y: THolidayYear = {
    year,
    provisional: input.provisional,
    holidays: [...input.holidays].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    makeUpWorkdays: [...input.makeUpWorkdays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
  // Issues name the fields of the body as sent, so validate before sorting.
  const issues = holidayYearIssues({ ...y, holidays: input.holidays, makeUpWorkdays: input.makeUpWorkdays });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues, `${issues[0].path}: ${issues[0].message}`);
  // The rules the calendar itself holds to (holidays.ts); holidayYearIssues names their fields.
  const problems = problemsOfHolidayYear(y);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((message) => ({ path: 'holidays', message, code: 'custom' })),
    );
  const data = JSON.stringify({ holidays: y.holidays, makeUpWorkdays: y.makeUpWorkdays });
  const at = nowIso();
  const saved = await transact(db, async (trx) => {
    const current = await repo.findHolidayYear(trx, year);
    if (!current) {
      if (input.version !== undefined) throw new AppError('NOT_FOUND');
      const row = await repo.insertHolidayYear(trx, {
        year,
        data,
        provisional: y.provisional ? 1 : 0,
        version: 1,
        updated_at: at,
        updated_by: actor.name,
      });
      const after = toRecord(row);
      await recordAudit(trx, actor, { entity: 'holiday_year', entityId: year, action: 'create', after });
      // Every open request's SLA due times may move: the next sweep reads them all.
      await slaChecksDueForAllOpen(trx);
      return after;
    }
    if (input.version === undefined) throw new AppError('VALIDATION_FAILED', [issue('version', RULE_ISSUES.versionRequired, 'custom')]);
    const before = toRecord(current);
    const row = await repo.updateHolidayYear(trx, year, input.version, {
      data,
      provisional: y.provisional ? 1 : 0,
      updated_at: at,
      updated_by: actor.name,
    });
    const after = toRecord(row);
    await recordAudit(trx, actor, { entity: 'holiday_year', entityId: year, action: 'update', before, after });
    await slaChecksDueForAllOpen(trx);
    return after;
  });
  invalidateCalendar(db);
  return saved;
}
