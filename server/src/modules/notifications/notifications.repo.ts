import type { Insertable, Selectable } from 'kysely';
import type { TNotificationQuery } from '@contract/notifications';
import type { Db } from '../../db/database';
import { chunkRows } from '../../db/batch-insert';
import { limitOffset } from '../../db/list-query';
import { fanOutNotifications } from './delivery.repo';
import type { NotificationTable } from './notifications.table';

export type NotificationRow = Selectable<NotificationTable>;

/**
 * Insert, skipping any (user, dedupe key) already there, and write the new ones' delivery outbox
 * rows in the same transaction (`email`: whether e-mail goes out at all); answers how many were new.
 */
export async function insertNotifications(
  trx: Db,
  rows: readonly Insertable<NotificationTable>[],
  email: boolean,
  at: string,
): Promise<number> {
  let inserted = 0;
  for (const chunk of chunkRows(rows)) {
    const r = await trx
      .insertInto('notification')
      .values(chunk)
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    await fanOutNotifications(
      trx,
      r.map((x) => Number(x.id)),
      email,
      at,
    );
    inserted += r.length;
  }
  return inserted;
}

export async function listNotifications(
  db: Db,
  userId: number,
  q: TNotificationQuery,
): Promise<{ rows: NotificationRow[]; total: number }> {
  let base = db.selectFrom('notification').where('user_id', '=', userId);
  if (q.unread === 'true') base = base.where('read_at', 'is', null);
  if (q.unread === 'false') base = base.where('read_at', 'is not', null);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Mark read (only the owner's); undefined when there is no such notification of this user. */
export function markRead(db: Db, userId: number, id: number, at: string): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notification')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function markAllRead(db: Db, userId: number, at: string): Promise<number> {
  const r = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Active users holding a role: who is told about escalations and breaches. */
export async function findActiveUserIdsWithRole(db: Db, role: string): Promise<number[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .where('user_role.role', '=', role)
    .where('app_user.active', '=', 1)
    .select('app_user.id')
    .orderBy('app_user.id')
    .execute();
  return rows.map((r) => Number(r.id));
}
