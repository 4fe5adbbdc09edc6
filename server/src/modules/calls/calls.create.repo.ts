/**
 * Saving a call (calls.service's createCall): its number, its row and what is written with it, all
 * or nothing. `insertCreatedCall` is the one entry: the engines' two ways stay behind it, as they
 * do behind service-requests.create.repo's `insertCreatedRequest`.
 */
import type { Insertable } from 'kysely';
import { type Db, isPostgres } from '../../db/database';
import { type DependentWrite, STAND_IN } from '../../db/dependent-write';
import { nextFormattedNumber } from '../../db/number-sequence';
import { insertNumberedRecord } from '../../db/numbered-insert';
import { transactGrouped } from '../../db/transaction';
import { insertCall } from './calls.repo';
import type { PhoneCallTable } from './calls.table';

/** What a save writes, as its service decided it. */
export interface NewCallWrite {
  /** The number: `CALL-2026-00042` from the series of `prefix` and `year`. */
  numbering: { prefix: string; year: number };
  /** Every column but the number. */
  row: Omit<Insertable<PhoneCallTable>, 'id' | 'number'>;
  /**
   * The rows written with the call — its log entries, notifications, search entry and audit entry —
   * made from its id and number; on PostgreSQL from STAND_IN's (db/dependent-write.ts).
   */
  dependents: (created: { id: number; number: string }) => readonly DependentWrite[];
}

/**
 * Check and write a new call: `check` reads what the call is checked against and answers what to
 * write (or throws, and nothing is written); then its number, its row and `dependents` are
 * written all or nothing. Answers what `check` answered, with the id and number drawn.
 *
 * SQLite: all of it in one grouped transaction (calls saved together share a commit,
 * db/transaction.ts), the checks inside it: `check` must await nothing but the database, and may
 * run twice (once in a group another member made fail).
 *
 * PostgreSQL: the checks, then ONE statement (db/numbered-insert.ts): the number series' row is
 * locked for that one round trip, not over the five statements and the COMMIT that came after the
 * upsert, which every save of the year queued behind (issue 7). Gap-free as before: the upsert and
 * the rows that use its number commit or roll back together.
 */
export async function insertCreatedCall<W extends NewCallWrite>(
  db: Db,
  check: (trx: Db) => Promise<W>,
): Promise<{ write: W; id: number; number: string }> {
  if (isPostgres(db)) {
    const write = await check(db);
    const created = await insertNumberedRecord(db, {
      table: 'phone_call',
      numbering: write.numbering,
      row: write.row,
      dependents: write.dependents(STAND_IN),
    });
    return { write, ...created };
  }
  return transactGrouped(db, async (trx) => {
    const write = await check(trx);
    const number = await nextFormattedNumber(trx, write.numbering.prefix, write.numbering.year, db);
    const id = await insertCall(trx, { number, ...write.row });
    for (const w of write.dependents({ id, number })) await w.run(db, trx);
    return { write, id, number };
  });
}
