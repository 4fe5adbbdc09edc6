/**
 * Rows of other tables written with a new record and made from its id and number — its audit
 * entry, its notifications — by the modules that own those tables, for the record's module to run
 * either way its engine writes it: statement by statement in its transaction, or (PostgreSQL) as
 * parts of the one statement that draws the number and inserts the record.
 */
import { randomInt } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';

/** SQL expressions of the new record's id (as a number and as text) and number, inside the statement that writes it. */
export interface NewRecordRefs {
  id: RawBuilder<number>;
  idText: RawBuilder<string>;
  number: RawBuilder<string>;
}

/**
 * The rows of one table that depend on a new record. `run` writes them in the record's
 * transaction (`root`: the database it runs on, which keys statements compiled once). `cte` is
 * the same rows as data-modifying CTEs of the record's statement, `name as (…)` (several, named
 * from `name`, when a write reads what the one before it wrote): the rows were made from
 * STAND_IN's id and number, and each stand-in becomes the expression `refs` gives.
 */
export interface DependentWrite {
  run(root: Db, trx: Db): Promise<unknown>;
  cte(refs: NewRecordRefs, name: string): RawBuilder<unknown>;
}

/**
 * What a record's id and number are while only the statement knows them: an id below any
 * (negative, with a per-process random part) and a number in Unicode's private use area with a
 * per-process nonce, so no user text holds either.
 */
export const STAND_IN: { readonly id: number; readonly number: string } = {
  id: -(2 ** 52) - randomInt(2 ** 40),
  number: `\uE000${randomInt(2 ** 40).toString(36)}\uE000`,
};

/**
 * A value of a row made with the stand-ins, as SQL: the stand-in id is `refs.id`; in a text, the
 * first occurrence of each stand-in (the id or number a title, key or JSON document starts
 * with) is its expression and the rest is bound; anything else is bound as it is.
 */
export function valueWithRefs(value: unknown, refs: NewRecordRefs): RawBuilder<unknown> {
  if (value === STAND_IN.id) return refs.id;
  if (typeof value !== 'string') return sql`${value}`;
  const marks = [
    { at: value.indexOf(String(STAND_IN.id)), text: String(STAND_IN.id), ref: refs.idText },
    { at: value.indexOf(STAND_IN.number), text: STAND_IN.number, ref: refs.number },
  ]
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (marks.length === 0) return sql`${value}`;
  const parts: RawBuilder<unknown>[] = [];
  let from = 0;
  for (const m of marks) {
    parts.push(sql`${value.slice(from, m.at)}`, m.ref);
    from = m.at + m.text.length;
  }
  parts.push(sql`${value.slice(from)}`);
  return sql`(${sql.join(parts, sql` || `)})`;
}

/** `insert into <table> (<columns of the first row>) values …` of rows made with the stand-ins. */
export function insertWithRefs<R extends object>(table: string, rows: readonly R[], refs: NewRecordRefs): RawBuilder<unknown> {
  const columns = Object.keys(rows[0]) as (keyof R & string)[];
  const values = rows.map((r) => sql`(${sql.join(columns.map((c) => valueWithRefs(r[c], refs)))})`);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(values)}`;
}
