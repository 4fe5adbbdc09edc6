import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import type { GuardOverrideTable } from './guards.table';

export function insertOverride(trx: Db, row: Insertable<GuardOverrideTable>): Promise<number> {
  return insertReturningId(trx, 'guard_override', row);
}
