import type { Insertable, Kysely } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';

/** The tables whose rows get a generated numeric `id`. */
export type IdTable = { [T in keyof Database]: Database[T] extends { id: unknown } ? T : never }[keyof Database];

/** Insert one row and answer its generated id (as a number on both engines). */
export async function insertReturningId<T extends IdTable>(db: Db, table: T, row: Insertable<Database[T]>): Promise<number> {
  // Kysely cannot follow a table chosen by a type parameter; the signature keeps the row typed.
  const r = await (db as unknown as Kysely<Record<string, { id: number }>>)
    .insertInto(table as string)
    .values(row as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
