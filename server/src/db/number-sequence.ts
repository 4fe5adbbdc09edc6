import { sql } from 'kysely';
import type { Db } from './database';

/**
 * Hand out the next number of a series inside the caller's transaction. Gap-free:
 * the increment commits or rolls back with the record that uses it. Safe under
 * concurrency on both engines: the upsert takes the row lock (PostgreSQL) or runs
 * under the database write lock (SQLite, BEGIN IMMEDIATE).
 */
export async function nextNumber(trx: Db, series: string): Promise<number> {
  const row = await sql<{ last_value: number }>`
    insert into number_sequence (series, last_value) values (${series}, 1)
    on conflict (series) do update set last_value = number_sequence.last_value + 1
    returning last_value`.execute(trx);
  return Number(row.rows[0].last_value);
}

/** Digits a number has at least (zero-padded). */
export const NUMBER_WIDTH = 5;

/** `SR-2026-00042`: prefix, year and a zero-padded number. */
export function formatNumber(prefix: string, year: number, n: number, width = NUMBER_WIDTH): string {
  return `${prefix}-${year}-${String(n).padStart(width, '0')}`;
}
