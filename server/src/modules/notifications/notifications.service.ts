import type { TNotification, TNotificationKind, TNotificationQuery } from '@contract/notifications';
import type { TRole } from '@contract/roles';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { DependentWrite } from '../../db/dependent-write';
import type { Page } from '../../db/list-query';
import * as repo from './notifications.repo';

export interface NotifyInput {
  userId: number;
  kind: TNotificationKind;
  titleZh: string;
  titleEn: string;
  body?: string | null;
  entity?: string | null;
  entityId?: number | null;
  /**
   * The cause's identity (`sla-warn:42:resolution`): a person is notified once per key, so a
   * sweep that runs twice, or in two instances at once, never repeats itself.
   */
  dedupeKey: string;
}

let emailDelivery = false;

/**
 * Whether notifications are also e-mailed: set once at start from SMTP_URL (one process serves
 * one configuration). Off, no e-mail outbox rows are written at all.
 */
export function setEmailDelivery(on: boolean): void {
  emailDelivery = on;
}

export function emailDeliveryOn(): boolean {
  return emailDelivery;
}

/**
 * Write notifications with the transaction of their cause (they commit or roll back with
 * it), each with its delivery outbox rows (e-mail, group robots); duplicates by (user, dedupe
 * key) are skipped. Answers how many were new.
 */
export async function notify(trx: Db, inputs: readonly NotifyInput[], at = nowIso()): Promise<number> {
  if (inputs.length === 0) return 0;
  return repo.insertNotifications(
    trx,
    inputs.map((n) => toRow(n, at)),
    { email: emailDelivery, at },
  );
}

/**
 * The notifications of a record being created, with their delivery outbox rows, for the module
 * that creates it to write with it (db/dependent-write.ts); none: no write. Where the record's
 * id and number are not known yet, `inputs` are made from their stand-ins.
 */
export function notificationsOfNewRecord(inputs: readonly NotifyInput[], at: string): DependentWrite[] {
  return inputs.length === 0
    ? []
    : [
        repo.notificationsWrite(
          inputs.map((n) => toRow(n, at)),
          { email: emailDelivery, at },
        ),
      ];
}

function toRow(n: NotifyInput, at: string) {
  return {
    user_id: n.userId,
    kind: n.kind,
    title_zh: n.titleZh,
    title_en: n.titleEn,
    body: n.body ?? null,
    entity: n.entity ?? null,
    entity_id: n.entityId ?? null,
    dedupe_key: n.dedupeKey,
    read_at: null,
    created_at: at,
  };
}

/** Active users holding the role (e.g. every technical manager, R-EMER-8/9). */
export function activeUserIdsWithRole(db: Db, role: TRole): Promise<number[]> {
  return repo.findActiveUserIdsWithRole(db, role);
}

function toNotification(r: repo.NotificationRow): TNotification {
  return {
    id: r.id,
    kind: r.kind,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    body: r.body,
    entity: r.entity,
    entityId: r.entity_id === null ? null : r.entity_id,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

export async function listMyNotifications(db: Db, actor: Actor, q: TNotificationQuery): Promise<Page<TNotification>> {
  const { rows, total } = await repo.listNotifications(db, actor.id as number, q);
  return { items: rows.map(toNotification), total, page: q.page, pageSize: q.pageSize };
}

export function countMyUnread(db: Db, actor: Actor): Promise<number> {
  return repo.countUnread(db, actor.id as number);
}

/** Only one's own: another user's notification is answered as not found. */
export async function markMyNotificationRead(db: Db, actor: Actor, id: number): Promise<TNotification> {
  const row = await repo.markRead(db, actor.id as number, id, nowIso());
  if (!row) throw new AppError('NOT_FOUND');
  return toNotification(row);
}

export function markAllMyNotificationsRead(db: Db, actor: Actor): Promise<number> {
  return repo.markAllRead(db, actor.id as number, nowIso());
}
