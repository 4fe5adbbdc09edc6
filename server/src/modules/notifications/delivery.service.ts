import { randomUUID } from 'node:crypto';
import type {
  TCreateRobot,
  TDelivery,
  TDeliveryChannel,
  TDeliveryCounts,
  TDeliveryQuery,
  TDeliveryState,
  TNotificationPreferences,
  TRobot,
  TRobotKind,
  TUpdateNotificationPreferences,
  TUpdateRobot,
} from '@contract/notification-delivery';
import type { TNotificationKind } from '@contract/notifications';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import * as repo from './delivery.repo';
import { emailDeliveryOn } from './notifications.service';

// ── Robots (administrators) ──

/** The secret stays in the database: the API (and the audit trail) only says whether there is one. */
function toRobot(r: repo.RobotRow): TRobot {
  return {
    id: Number(r.id),
    name: r.name,
    kind: r.kind as TRobotKind,
    webhookUrl: r.webhook_url,
    hasSecret: r.secret !== null,
    notificationKinds: r.kinds as TNotificationKind[],
    active: Number(r.active) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listRobots(db: Db): Promise<TRobot[]> {
  return (await repo.listRobots(db)).map(toRobot);
}

async function getRobot(db: Db, id: number): Promise<TRobot> {
  const row = await repo.findRobot(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toRobot(row);
}

export function createRobot(db: Db, actor: Actor, input: TCreateRobot): Promise<TRobot> {
  return transact(db, async (trx) => {
    const at = nowIso();
    const id = await repo.insertRobot(trx, {
      name: input.name,
      kind: input.kind,
      webhook_url: input.webhookUrl,
      secret: input.secret,
      active: input.active ? 1 : 0,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await repo.replaceRobotKinds(trx, id, [...new Set(input.notificationKinds)]);
    const robot = await getRobot(trx, id);
    await recordAudit(trx, actor, { entity: 'delivery_robot', entityId: id, action: 'create', after: robot });
    return robot;
  });
}

export function updateRobot(db: Db, actor: Actor, id: number, input: TUpdateRobot): Promise<TRobot> {
  return transact(db, async (trx) => {
    const before = await getRobot(trx, id);
    await repo.updateRobot(trx, id, input.version, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.webhookUrl !== undefined && { webhook_url: input.webhookUrl }),
      ...(input.secret !== undefined && { secret: input.secret }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      updated_at: nowIso(),
    });
    if (input.notificationKinds) await repo.replaceRobotKinds(trx, id, [...new Set(input.notificationKinds)]);
    const after = await getRobot(trx, id);
    // A new secret shows in the trail only as "changed", never as its value.
    const secretChanged = input.secret !== undefined ? { secretChanged: true } : {};
    await recordAudit(trx, actor, {
      entity: 'delivery_robot',
      entityId: id,
      action: 'update',
      before,
      after: { ...after, ...secretChanged },
    });
    return after;
  });
}

// ── E-mail preferences (each user their own) ──

export async function myPreferences(db: Db, actor: Actor): Promise<TNotificationPreferences> {
  return { emailAvailable: emailDeliveryOn(), emailOff: (await repo.findEmailOff(db, actor.id as number)) as TNotificationKind[] };
}

export async function updateMyPreferences(db: Db, actor: Actor, input: TUpdateNotificationPreferences): Promise<TNotificationPreferences> {
  const userId = actor.id as number;
  const emailOff = [...new Set(input.emailOff)].sort();
  await transact(db, async (trx) => {
    const before = await repo.findEmailOff(trx, userId);
    await repo.replaceEmailOff(trx, userId, emailOff);
    await recordAudit(trx, actor, {
      entity: 'notification_preferences',
      entityId: userId,
      action: 'update',
      before: { emailOff: before },
      after: { emailOff },
    });
  });
  return { emailAvailable: emailDeliveryOn(), emailOff };
}

// ── The outbox (administrators) ──

function toDelivery(r: repo.DeliveryListRow): TDelivery {
  const customer = r.notification_id === null;
  return {
    id: Number(r.id),
    notificationId: customer ? null : Number(r.notification_id),
    kind: r.kind as TNotificationKind | null,
    // A customer e-mail has no notification: its subject stands for the title in both languages.
    titleZh: r.title_zh ?? r.mail_subject ?? '',
    titleEn: r.title_en ?? r.mail_subject ?? '',
    channel: r.channel as TDeliveryChannel,
    target: r.channel === 'robot' ? (r.robot_name ?? '') : customer ? (r.mail_to ?? '') : (r.user_name ?? ''),
    state: r.state as TDeliveryState,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    dueAt: r.due_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** Every delivery of the notifications about a record (a call lists its critical-call messages, R-CALL-5). */
export async function listDeliveriesAbout(db: Db, entity: string, entityId: number): Promise<TDelivery[]> {
  return (await repo.listDeliveriesAbout(db, entity, entityId)).map(toDelivery);
}

/** Outbox rows by id (a call's customer e-mails), keyed by id. */
export async function findDeliveries(db: Db, ids: readonly number[]): Promise<Map<number, TDelivery>> {
  return new Map((await repo.findDeliveries(db, ids)).map((r) => [Number(r.id), toDelivery(r)]));
}

export interface CustomerEmail {
  to: string;
  subject: string;
  body: string;
  /** Files sent with it (a PM timetable's PDF and .ics), kept with the outbox row. */
  attachments?: readonly repo.MailAttachment[];
}

/**
 * Queue e-mails to customers in the cause's transaction (R-CALL-4): sent by the delivery worker
 * with the same retries and dead-letter as notifications. Answers the outbox ids, in order.
 */
export function queueCustomerEmails(trx: Db, mails: readonly CustomerEmail[], at: string): Promise<number[]> {
  return repo.insertCustomerEmails(
    trx,
    mails.map((m) => ({ ...m, key: `customer-email:${randomUUID()}` })),
    at,
  );
}

export async function listDeliveries(db: Db, q: TDeliveryQuery): Promise<Page<TDelivery>> {
  const { rows, total } = await repo.listDeliveries(db, q);
  return { items: rows.map(toDelivery), total, page: q.page, pageSize: q.pageSize };
}

export function countDeliveries(db: Db): Promise<TDeliveryCounts> {
  return repo.countByState(db);
}

/** A dead message is given all its attempts again, from now. */
export function retryDelivery(db: Db, actor: Actor, id: number): Promise<TDelivery> {
  return transact(db, async (trx) => {
    const before = await repo.findDelivery(trx, id);
    if (!before) throw new AppError('NOT_FOUND');
    if ((await repo.retryDead(trx, id, nowIso())) === undefined) throw new AppError('DELIVERY_NOT_DEAD');
    const after = toDelivery((await repo.findDelivery(trx, id)) as repo.DeliveryListRow);
    await recordAudit(trx, actor, { entity: 'delivery_outbox', entityId: id, action: 'retry', before: toDelivery(before), after });
    return after;
  });
}
