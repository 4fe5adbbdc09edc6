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

/**
 * Delete the rows of these stored files that no record refers to any more (no document version,
 * no import report, not the company logo, no photo); returns their hashes, whose content the caller then removes from the store.
 */
export async function deleteUnreferencedStoredFiles(db: Db, hashes: readonly string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .deleteFrom('stored_file')
    .where('stored_file.hash', 'in', hashes)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('document_version as v').select('v.file_hash').whereRef('v.file_hash', '=', 'stored_file.hash'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('import_report as r').select('r.file_hash').whereRef('r.file_hash', '=', 'stored_file.hash'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('company_profile as c').select('c.logo_hash').whereRef('c.logo_hash', '=', 'stored_file.hash'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('goods_deviation_photo as p').select('p.file_hash').whereRef('p.file_hash', '=', 'stored_file.hash'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('checklist_photo as cp').select('cp.file_hash').whereRef('cp.file_hash', '=', 'stored_file.hash'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('visit_photo as vp').select('vp.file_hash').whereRef('vp.file_hash', '=', 'stored_file.hash'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('signature as s').select('s.file_hash').whereRef('s.file_hash', '=', 'stored_file.hash'))),
    )
    .returning('stored_file.hash')
    .execute();
  return rows.map((r) => r.hash);
}

export function findStoredFile(db: Db, hash: string): Promise<StoredFileRow | undefined> {
  return db.selectFrom('stored_file').selectAll().where('hash', '=', hash).executeTakeFirst();
}
