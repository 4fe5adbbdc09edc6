import type { Kysely, Selectable, Updateable } from 'kysely';
import { AppError } from '../app-error';
import type { Db } from './database';
import type { Database } from './schema';

/** The tables whose rows carry a `version` (optimistic locking). */
export type VersionedTable = { [T in keyof Database]: Database[T] extends { version: number } ? T : never }[keyof Database];

/** The row's key: its id, or (holiday years) another numeric key column. */
export interface VersionedKey {
  column?: 'id' | 'year';
  value: number;
}

function versionedUpdate<T extends VersionedTable>(
  db: Db,
  table: T,
  key: number | VersionedKey,
  version: number,
  patch: Updateable<Database[T]>,
) {
  const { column = 'id', value } = typeof key === 'number' ? { value: key } : key;
  // Kysely cannot follow a table chosen by a type parameter; the signature keeps the patch typed.
  return (db as unknown as Kysely<Record<string, { id: number; year: number; version: number }>>)
    .updateTable(table as string)
    .set({ ...patch, version: version + 1 })
    .where(column, '=', value)
    .where('version', '=', version);
}

/**
 * The optimistic-lock update: `patch` and version + 1, on the row of `key` if its version is still
 * `version` (what the client read). VERSION_CONFLICT (409) when it is not, or the row is gone.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  key: number | VersionedKey,
  version: number,
  patch: Updateable<Database[T]>,
): Promise<void> {
  const r = await versionedUpdate(db, table, key, version, patch).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT');
}

/** `updateVersioned`, answering the row as updated. */
export async function updateVersionedReturning<T extends VersionedTable>(
  db: Db,
  table: T,
  key: number | VersionedKey,
  version: number,
  patch: Updateable<Database[T]>,
): Promise<Selectable<Database[T]>> {
  const row = await versionedUpdate(db, table, key, version, patch).returningAll().executeTakeFirst();
  if (!row) throw new AppError('VERSION_CONFLICT');
  return row as Selectable<Database[T]>;
}
