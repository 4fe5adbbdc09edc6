import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { StoredFileTable } from './files.table';

export type StoredFileRow = Selectable<StoredFileTable>;

/** Insert the row of a stored content unless it is already there (deduplicated by hash). */
export async function insertStoredFileIfAbsent(db: Db, row: Insertable<StoredFileTable>): Promise<void> {
  await db
    .insertInto('stored_file')
    .values(row)
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

export function findStoredFile(db: Db, hash: string): Promise<StoredFileRow | undefined> {
  return db.selectFrom('stored_file').selectAll().where('hash', '=', hash).executeTakeFirst();
}
