import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';
import { preparedInTransaction } from './prepared-query';

const nextNumberQuery = preparedInTransaction((db: Db, series: string) =>
  db
    .insertInto('number_sequence')
    .values({ series, last_value: sql.lit(1) })
    .onConflict((oc) => oc.column('series').doUpdateSet({ last_value: sql`number_sequence.last_value + 1` }))
    .returning('last_value'),
);

/**
 * Hand out the next number of a series inside the caller's transaction. Gap-free:
 * the increment commits or rolls back with the record that uses it. Safe under
 * concurrency on both engines: the upsert takes the row lock (PostgreSQL) or runs
 * under the database write lock (SQLite, BEGIN IMMEDIATE). `root`, the database the
 * transaction runs on, keys the statement compiled once (hot paths pass it).
 */
export async function nextNumber(trx: Db, series: string, root: Db = trx): Promise<number> {
  return (await nextNumberQuery(root, trx, series)).rows[0].last_value;
}

/** Digits a number has at least (zero-padded). */
export const NUMBER_WIDTH = 5;

/** The series numbers of a prefix and year are drawn from (`SR-2026`). */
export function numberSeries(prefix: string, year: number): string {
  return `${prefix}-${year}`;
}

/** `SR-2026-00042`: prefix, year and a zero-padded number. */
export function formatNumber(prefix: string, year: number, n: number, width = NUMBER_WIDTH): string {
  return `${numberSeries(prefix, year)}-${String(n).padStart(width, '0')}`;
}

/** `nextNumber` and `formatNumber` in one go. */
export async function nextFormattedNumber(trx: Db, prefix: string, year: number, root: Db = trx): Promise<string> {
  return formatNumber(prefix, year, await nextNumber(trx, numberSeries(prefix, year), root));
}

/**
 * PostgreSQL, for a statement that writes a record with its number (a data-modifying CTE's body):
 * `nextNumber`'s upsert, returning the formatted number (`number`, as formatNumber) and its digits
 * (`digits`). The series' row stays locked until the statement commits.
 */
export function nextNumberSql(prefix: string, year: number): RawBuilder<{ number: string; digits: string }> {
  const digits = sql`lpad(last_value::text, greatest(${NUMBER_WIDTH}, length(last_value::text)), '0')`;
  return sql`insert into number_sequence (series, last_value) values (${numberSeries(prefix, year)}, 1)
    on conflict (series) do update set last_value = number_sequence.last_value + 1
    returning ${`${numberSeries(prefix, year)}-`} || ${digits} as number, ${digits} as digits`;
}
