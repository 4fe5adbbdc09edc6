import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import type { SignatureTable } from './signatures.table';

export type SignatureRow = Selectable<SignatureTable>;

export function insertSignature(db: Db, row: Insertable<SignatureTable>): Promise<number> {
  return insertReturningId(db, 'signature', row);
}

export function findSignature(db: Db, id: number): Promise<SignatureRow | undefined> {
  return db.selectFrom('signature').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSignaturesOf(db: Db, entity: string, entityIds: readonly string[]): Promise<SignatureRow[]> {
  if (entityIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('signature').selectAll().where('entity', '=', entity).where('entity_id', 'in', entityIds).orderBy('id').execute();
}
