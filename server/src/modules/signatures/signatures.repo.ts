import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import type { SignatureTable } from './signatures.table';

export type SignatureRow = Selectable<SignatureTable>;

export function insertSignature(trx: Db, row: Insertable<SignatureTable>): Promise<number> {
  return insertReturningId(trx, 'signature', row);
}

export function findSignaturesOf(db: Db, entity: string, entityId: string): Promise<SignatureRow[]> {
  return db.selectFrom('signature').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute();
}
