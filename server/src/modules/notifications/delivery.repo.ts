import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { TDeliveryQuery, TDeliveryState } from '@contract/notification-delivery';
import { type Db, isPostgres } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import { limitOffset } from '../../db/list-query';
import type { DeliveryRobotTable } from './delivery.table';
import type { NotificationTable } from './notifications.table';

type NullableFields<T> = { [K in keyof T]: T[K] | null };

export type RobotRow = Selectable<DeliveryRobotTable> & { kinds: string[] };

// ── Fan-out: outbox rows written with their notifications ──

/**
 * The outbox rows of some notifications, as ONE statement, given `source`: a query or CTE name
 * answering `id, user_id, kind, dedupe_key` of notifications. A robot gets one message per cause
 * (the notification's dedupe key: the SLA breach told to five managers is posted once), e-mail one
 * per notification whose user is active and has not switched e-mail off for its kind. A row that
 * is already there (same key) is skipped, so writing twice is harmless.
 */
export function fanOutSql(source: RawBuilder<unknown>, email: boolean, at: string): RawBuilder<unknown> {
  const robots = sql`select n.id, 'robot', k.robot_id, 'robot:' || k.robot_id || ':' || n.dedupe_key, 'pending', 0, ${at}, ${at}
      from ${source} n
      join delivery_robot_kind k on k.kind = n.kind
      join delivery_robot r on r.id = k.robot_id
      where r.active = 1`;
  const mails = sql`select n.id, 'email', null, 'email:' || n.id, 'pending', 0, ${at}, ${at}
      from ${source} n
      join app_user u on u.id = n.user_id
      where u.active = 1 and not exists (select 1 from notification_email_off o where o.user_id = n.user_id and o.kind = n.kind)`;
  return sql`insert into delivery_outbox (notification_id, channel, robot_id, dedupe_key, state, attempts, due_at, created_at)
    ${email ? sql`${robots} union all ${mails}` : robots}
    on conflict (dedupe_key) do nothing`;
}

/** Outbox rows of the notifications with these ids (in the caller's transaction). */
export async function fanOutNotifications(trx: Db, ids: readonly number[], email: boolean, at: string): Promise<void> {
  if (ids.length === 0) return;
  const source = sql`(select id, user_id, kind, dedupe_key from notification where id in (${sql.join(ids.map((id) => sql`${id}`))}))`;
  await fanOutSql(source, email, at).execute(trx);
}

// ── Robots ──

async function kindsOf(db: Db, robotIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(robotIds.map((id) => [id, []]));
  if (robotIds.length === 0) return out;
  const rows = await db
    .selectFrom('delivery_robot_kind')
    .where('robot_id', 'in', [...robotIds])
    .select(['robot_id', 'kind'])
    .orderBy('kind')
    .execute();
  for (const r of rows) out.get(Number(r.robot_id))?.push(r.kind);
  return out;
}

export async function listRobots(db: Db): Promise<RobotRow[]> {
  const rows = await db.selectFrom('delivery_robot').selectAll().orderBy('id').execute();
  const kinds = await kindsOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({ ...r, kinds: kinds.get(Number(r.id)) ?? [] }));
}

export async function findRobot(db: Db, id: number): Promise<RobotRow | undefined> {
  const row = await db.selectFrom('delivery_robot').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, kinds: (await kindsOf(db, [id])).get(id) ?? [] };
}

export function insertRobot(trx: Db, row: Insertable<DeliveryRobotTable>): Promise<number> {
  return insertReturningId(trx, 'delivery_robot', row);
}

/** Undefined when the version is stale. */
/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateRobot(trx: Db, id: number, version: number, set: Partial<Insertable<DeliveryRobotTable>>): Promise<void> {
  return updateVersioned(trx, 'delivery_robot', id, version, set);
}

export async function replaceRobotKinds(trx: Db, robotId: number, kinds: readonly string[]): Promise<void> {
  await trx.deleteFrom('delivery_robot_kind').where('robot_id', '=', robotId).execute();
  if (kinds.length)
    await trx
      .insertInto('delivery_robot_kind')
      .values(kinds.map((kind) => ({ robot_id: robotId, kind })))
      .execute();
}

// ── E-mail preferences ──

export async function findEmailOff(db: Db, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('notification_email_off').where('user_id', '=', userId).select('kind').orderBy('kind').execute();
  return rows.map((r) => r.kind);
}

export async function replaceEmailOff(trx: Db, userId: number, kinds: readonly string[]): Promise<void> {
  await trx.deleteFrom('notification_email_off').where('user_id', '=', userId).execute();
  if (kinds.length)
    await trx
      .insertInto('notification_email_off')
      .values(kinds.map((kind) => ({ user_id: userId, kind })))
      .execute();
}

// ── The outbox: claim, send, mark ──

/**
 * A claimed row with what sending it needs: the notification's text, the addressee, the robot; a
 * customer e-mail (no notification) its own address, subject and body.
 */
export type ClaimedRow = NullableFields<
  Pick<Selectable<NotificationTable>, 'kind' | 'title_zh' | 'title_en' | 'body' | 'entity' | 'entity_id'>
> & {
  id: number;
  attempts: number;
  channel: string;
  user_name: string | null;
  user_email: string | null;
  mail_to: string | null;
  mail_subject: string | null;
  mail_body: string | null;
  robot_kind: string | null;
  robot_url: string | null;
  robot_secret: string | null;
};

/**
 * Claim up to `limit` due rows for this sender (`token`): each becomes `sending` with a lease
 * until `leaseUntil`, one attempt more. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two instances
 * claiming at once take different rows; SQLite: one statement under its single writer. A row
 * whose sender died (lease over) is due again; one that had its last attempt is dead instead.
 */
export async function claimDue(
  db: Db,
  o: { now: string; leaseUntil: string; token: string; limit: number; maxAttempts: number },
): Promise<ClaimedRow[]> {
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const ids = await db.transaction().execute(async (trx) => {
    await sql`update delivery_outbox set state = 'dead', claim_token = null,
        last_error = coalesce(last_error, 'lease expired') || ' (after the last attempt)'
      where id in (select id from delivery_outbox where state = 'sending' and due_at <= ${o.now} and attempts >= ${o.maxAttempts} ${lock})`.execute(
      trx,
    );
    const r = await sql<{
      id: number;
    }>`update delivery_outbox set state = 'sending', attempts = attempts + 1, due_at = ${o.leaseUntil}, claim_token = ${o.token}
      where id in (select id from delivery_outbox where state in ('pending', 'sending') and due_at <= ${o.now} and attempts < ${o.maxAttempts}
        order by due_at, id limit ${o.limit} ${lock})
      returning id`.execute(trx);
    return r.rows.map((x) => Number(x.id));
  });
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('delivery_outbox as o')
    .leftJoin('notification as n', 'n.id', 'o.notification_id')
    .leftJoin('app_user as u', 'u.id', 'n.user_id')
    .leftJoin('delivery_robot as r', 'r.id', 'o.robot_id')
    .where('o.id', 'in', ids)
    .where('o.claim_token', '=', o.token)
    .select([
      'o.id',
      'o.attempts',
      'o.channel',
      'n.kind',
      'n.title_zh',
      'n.title_en',
      'n.body',
      'n.entity',
      'n.entity_id',
      'u.name as user_name',
      'u.email as user_email',
      'r.kind as robot_kind',
      'r.webhook_url as robot_url',
      'r.secret as robot_secret',
      'o.mail_to',
      'o.mail_subject',
      'o.mail_body',
    ])
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    attempts: Number(r.attempts),
    entity_id: r.entity_id === null ? null : Number(r.entity_id),
  }));
}

/** Sent; only by the claim that holds the row (false: the lease ran out and another claim took it). */
export async function markSent(db: Db, id: number, token: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('delivery_outbox')
    .set({ state: 'sent', sent_at: at, claim_token: null, last_error: null })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Failed: due again at `dueAt`, or dead; the error kept for the administrator. */
export async function markFailed(
  db: Db,
  o: { id: number; token: string; state: 'pending' | 'dead'; dueAt: string; error: string },
): Promise<void> {
  await db
    .updateTable('delivery_outbox')
    .set({ state: o.state, due_at: o.dueAt, claim_token: null, last_error: o.error })
    .where('id', '=', o.id)
    .where('claim_token', '=', o.token)
    .execute();
}

/** A dead row due again now, with its attempts reset; undefined when it is not dead. */
export async function retryDead(trx: Db, id: number, at: string): Promise<number | undefined> {
  const r = await trx
    .updateTable('delivery_outbox')
    .set({ state: 'pending', attempts: 0, due_at: at })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .returning('id')
    .executeTakeFirst();
  return r && Number(r.id);
}

/** The outbox as the administrator sees it: each row with its notification and addressee. */
function deliveries(db: Db) {
  return db
    .selectFrom('delivery_outbox as o')
    .leftJoin('notification as n', 'n.id', 'o.notification_id')
    .leftJoin('app_user as u', 'u.id', 'n.user_id')
    .leftJoin('delivery_robot as r', 'r.id', 'o.robot_id')
    .select([
      'o.id',
      'o.notification_id',
      'n.kind',
      'n.title_zh',
      'n.title_en',
      'o.channel',
      'r.name as robot_name',
      'u.name as user_name',
      'o.state',
      'o.attempts',
      'o.last_error',
      'o.due_at',
      'o.created_at',
      'o.sent_at',
      'o.mail_to',
      'o.mail_subject',
    ]);
}

export type DeliveryListRow = Awaited<ReturnType<ReturnType<typeof deliveries>['executeTakeFirstOrThrow']>>;

export async function listDeliveries(db: Db, q: TDeliveryQuery): Promise<{ rows: DeliveryListRow[]; total: number }> {
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    deliveries(db).where('o.state', '=', q.state).orderBy('o.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom('delivery_outbox')
      .where('state', '=', q.state)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The outbox rows of the notifications about one record (a call's critical-call notices), oldest first. */
export function listDeliveriesAbout(db: Db, entity: string, entityId: number): Promise<DeliveryListRow[]> {
  return deliveries(db).where('n.entity', '=', entity).where('n.entity_id', '=', entityId).orderBy('o.id').execute();
}

/** Rows by id (a call's customer e-mails). */
export function findDeliveries(db: Db, ids: readonly number[]): Promise<DeliveryListRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return deliveries(db)
    .where('o.id', 'in', [...ids])
    .execute();
}

/**
 * E-mails to customers (no user, no notification), due now, in the caller's transaction: the
 * cause and its message commit together. Answers their ids, in the order given.
 */
export async function insertCustomerEmails(
  trx: Db,
  mails: readonly { to: string; subject: string; body: string; key: string; attachments?: readonly MailAttachment[] }[],
  at: string,
): Promise<number[]> {
  if (mails.length === 0) return [];
  const rows = await trx
    .insertInto('delivery_outbox')
    .values(
      mails.map((m) => ({
        notification_id: null,
        channel: 'customer_email',
        robot_id: null,
        dedupe_key: m.key,
        state: 'pending',
        attempts: 0,
        due_at: at,
        created_at: at,
        mail_to: m.to,
        mail_subject: m.subject,
        mail_body: m.body,
      })),
    )
    .returning('id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const files = mails.flatMap((m, i) =>
    (m.attachments ?? []).map((a, position) => ({
      outbox_id: ids[i],
      position,
      file_name: a.fileName,
      content_type: a.contentType,
      content_base64: Buffer.from(a.content).toString('base64'),
    })),
  );
  if (files.length > 0) await trx.insertInto('delivery_outbox_attachment').values(files).execute();
  return ids;
}

/** A file sent with a customer e-mail. */
export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

/** The files of a customer e-mail, in order. */
export async function findAttachments(db: Db, outboxId: number): Promise<MailAttachment[]> {
  const rows = await db
    .selectFrom('delivery_outbox_attachment')
    .select(['file_name', 'content_type', 'content_base64'])
    .where('outbox_id', '=', outboxId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ fileName: r.file_name, contentType: r.content_type, content: Buffer.from(r.content_base64, 'base64') }));
}

export function findDelivery(db: Db, id: number): Promise<DeliveryListRow | undefined> {
  return deliveries(db).where('o.id', '=', id).executeTakeFirst();
}

export async function countByState(db: Db): Promise<Record<TDeliveryState, number>> {
  const rows = await db
    .selectFrom('delivery_outbox')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const out: Record<TDeliveryState, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const r of rows) if (r.state in out) out[r.state as TDeliveryState] = Number(r.n);
  return out;
}
