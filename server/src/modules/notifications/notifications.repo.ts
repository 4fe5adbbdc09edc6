import { type Insertable, type Selectable, sql } from 'kysely';
import type { TNotificationKind, TNotificationQuery } from '@contract/notifications';
import type { Db } from '../../db/database';
import { chunkRows } from '../../db/batch-insert';
import { type DependentWrite, insertWithRefs } from '../../db/dependent-write';
import { preparedInTransaction } from '../../db/prepared-query';
import { limitOffset } from '../../db/list-query';
import { fanOutNotifications, fanOutSql } from './delivery.repo';
import type { NotificationTable } from './notifications.table';

export type NotificationRow = Selectable<NotificationTable>;

const insertNotificationQuery = preparedInTransaction(
  (
    db: Db,
    userId: number,
    kind: TNotificationKind,
    titleZh: string,
    titleEn: string,
    body: string | null,
    entity: string | null,
    entityId: number | null,
    dedupeKey: string,
    readAt: string | null,
    createdAt: string,
  ) =>
    db
      .insertInto('notification')
      .values({
        user_id: userId,
        kind,
        title_zh: titleZh,
        title_en: titleEn,
        body,
        entity,
        entity_id: entityId,
        dedupe_key: dedupeKey,
        read_at: readAt,
        created_at: createdAt,
      })
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id'),
);

/** How the new notifications go out beside the inbox (delivery.repo's fan-out). */
export interface TDeliveryOptions {
  /** Whether e-mail goes out at all (SMTP_URL set). */
  email: boolean;
  at: string;
}

/**
 * Insert, skipping any (user, dedupe key) already there, and write the new ones' delivery outbox
 * rows in the same transaction; answers how many were new. The one place notification rows are
 * written (`notificationsWrite` is this insert, or its part of a new record's statement). With
 * `root` (the database `db` is a transaction of), each row is a statement compiled once: for the
 * hot paths that write one or two.
 */
export async function insertNotifications(
  db: Db,
  rows: readonly Insertable<NotificationTable>[],
  delivery: TDeliveryOptions,
  root?: Db,
): Promise<number> {
  const ids: number[] = [];
  if (root) {
    for (const n of rows) {
      const r = await insertNotificationQuery(
        root,
        db,
        n.user_id,
        n.kind,
        n.title_zh,
        n.title_en,
        n.body ?? null,
        n.entity ?? null,
        n.entity_id ?? null,
        n.dedupe_key,
        n.read_at ?? null,
        n.created_at,
      );
      for (const x of r.rows) ids.push(Number(x.id));
    }
  } else {
    for (const chunk of chunkRows(rows)) {
      const r = await db
        .insertInto('notification')
        .values(chunk)
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .returning('id')
        .execute();
      for (const x of r) ids.push(Number(x.id));
    }
  }
  await fanOutNotifications(db, ids, delivery.email, delivery.at);
  return ids.length;
}

/**
 * The notifications of a new record, written with it (db/dependent-write.ts): `insertNotifications`,
 * or two CTEs of the record's statement — the insert, then its outbox rows read from it.
 */
export function notificationsWrite(rows: readonly Insertable<NotificationTable>[], delivery: TDeliveryOptions): DependentWrite {
  return {
    run: (root, trx) => insertNotifications(trx, rows, delivery, root),
    cte: (refs, name) =>
      sql`${sql.id(name)} as (${insertWithRefs('notification', rows, refs)} on conflict (user_id, dedupe_key) do nothing returning id, user_id, kind, dedupe_key),
        ${sql.id(`${name}_outbox`)} as (${fanOutSql(sql.id(name), delivery.email, delivery.at)})`,
  };
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
  return { rows, total: count.n };
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
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
  return rows.map((r) => r.id);
}
