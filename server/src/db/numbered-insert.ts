/**
 * PostgreSQL: a new record with a gap-free number, and every row written with it, as ONE
 * statement — the shape of a create that must not hold the number series' row lock for longer
 * than its own round trip (service-requests.create.repo, calls.create.repo).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';
import { translateDbError } from './db-errors';
import type { DependentWrite, NewRecordRefs } from './dependent-write';
import { nextNumberSql } from './number-sequence';
import { executeNamed } from './prepared-query';

export interface NumberedRecord {
  table: string;
  /** The number: `SR-2026-00042` from the series of `prefix` and `year`, in the `number` column. */
  numbering: { prefix: string; year: number };
  /** Every other column of the row. */
  row: Readonly<Record<string, unknown>>;
  /**
   * The record's own further rows, as data-modifying CTEs (`name as (…)`), from the statement's
   * expressions of its id and number and of the digits drawn.
   */
  parts?: (refs: NewRecordRefs, digits: RawBuilder<string>) => readonly RawBuilder<unknown>[];
  /** Other modules' rows (db/dependent-write.ts), made from STAND_IN's id and number. */
  dependents: readonly DependentWrite[];
}

/**
 * Write `r` in one statement of data-modifying CTEs: `seq` = `nextNumberSql` (the series' row is
 * locked from there to the statement's commit: one round trip), `rec` the row, then `parts` and
 * each dependent's `cte`. All or nothing, as a statement is; driver errors translated
 * (db-errors.ts) as `transact` does. Answers the id and number written.
 */
export async function insertNumberedRecord(db: Db, r: NumberedRecord): Promise<{ id: number; number: string }> {
  const cols = Object.keys(r.row);
  const refs: NewRecordRefs = {
    id: sql<number>`(select id from rec)`,
    idText: sql<string>`(select id::text from rec)`,
    number: sql<string>`(select number from rec)`,
  };
  const digits = sql<string>`(select digits from seq)`;
  const ctes = [...(r.parts?.(refs, digits) ?? []), ...r.dependents.map((d, i) => d.cte(refs, `dep${i}`))];
  const statement = sql<{ id: number; number: string }>`
    with seq as (${nextNumberSql(r.numbering.prefix, r.numbering.year)}),
    rec as (
      insert into ${sql.table(r.table)} (number, ${sql.join(cols.map((c) => sql.id(c)))})
      values ((select number from seq), ${sql.join(cols.map((c) => sql`${r.row[c] ?? null}`))})
      returning id, number)
    ${ctes.length ? sql`, ${sql.join(ctes, sql`, `)}` : sql``}
    select id, number from rec`;
  // Named: the statement's text follows the shape of what is written (which dependents, how many
  // rows), not the values, so each connection parses and plans it once per shape.
  const rows = await executeNamed(db, { compile: () => statement.compile(db) }).catch((err: unknown) => {
    throw translateDbError(err);
  });
  return rows[0];
}
