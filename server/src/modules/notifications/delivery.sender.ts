import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { TRobotKind } from '@contract/notification-delivery';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { type MessageText, messageLink, postToRobot, robotRequest } from './delivery.formats';
import * as repo from './delivery.repo';

/**
 * Attempts before a message is dead (left for an administrator to retry). With the backoff below
 * the last attempt comes about two hours after the first: long enough to ride out a robot's or a
 * mail server's outage or a rate limit, short enough that a notice still matters when it arrives.
 */
export const MAX_ATTEMPTS = 8;
/** First retry after a minute, then 2, 4, 8… minutes: a failing receiver is not hammered. */
export const BACKOFF_BASE_MS = 60_000;
/** No wait longer than an hour between attempts. */
export const BACKOFF_CAP_MS = 60 * 60_000;
/**
 * How long a claim holds its rows. A sender that dies mid-batch leaves them `sending`; they are
 * due again when the lease runs out. Longer than the slowest batch can take (robots time out
 * after 10 s, SMTP after 30 s, a batch sends 10 at a time), so a live sender never loses its
 * rows to another.
 */
export const LEASE_MS = 5 * 60_000;
/** Rows claimed at once, and sent at once: a pooled SMTP transport and robots take this in parallel. */
export const BATCH = 50;
const CONCURRENCY = 10;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export interface Mailer {
  send(m: { to: string; subject: string; text: string; messageId: string; attachments?: readonly repo.MailAttachment[] }): Promise<void>;
  close(): void;
}

const SMTP_TIMEOUT_MS = 30_000;

/** A pooled SMTP transport for SMTP_URL (connections reused across messages). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
        ...(m.attachments?.length && {
          attachments: m.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.content) })),
        }),
      });
    },
    close: () => transport.close(),
  };
}

/** The sender's address: SMTP_FROM, else noreply at the public address's host. */
export function mailFrom(config: Pick<Config, 'SMTP_FROM' | 'FUWU_PUBLIC_URL'>): string {
  return config.SMTP_FROM ?? `Fuwu <noreply@${new URL(config.FUWU_PUBLIC_URL).hostname}>`;
}

export interface DeliveryDeps {
  /** Null when SMTP_URL is unset: an e-mail row (written before SMTP was switched off) fails. */
  mailer: Mailer | null;
  publicUrl: string;
  /** The domain of Message-IDs (`<outbox-42@host>`): a receiver may drop a repeat by it. */
  host?: string;
}

async function sendOne(db: Db, row: repo.ClaimedRow, deps: DeliveryDeps): Promise<void> {
  // The same for every attempt of the row: a repeat after a crash is recognisable.
  const messageId = `<outbox-${row.id}@${deps.host ?? 'fuwu'}>`;
  if (row.channel === 'customer_email') {
    if (!deps.mailer) throw new Error('SMTP_URL is not set');
    const attachments = await repo.findAttachments(db, row.id);
    await deps.mailer.send({ to: row.mail_to ?? '', subject: row.mail_subject ?? '', text: row.mail_body ?? '', messageId, attachments });
    return;
  }
  if (row.title_zh === null || row.title_en === null) throw new Error('notification removed');
  const text: MessageText = {
    titleZh: row.title_zh,
    titleEn: row.title_en,
    body: row.body,
    recipient: row.user_name ?? '',
    link: messageLink(deps.publicUrl, row.entity, row.entity_id),
  };
  if (row.channel === 'email') {
    if (!deps.mailer) throw new Error('SMTP_URL is not set');
    await deps.mailer.send({
      to: row.user_email ?? '',
      subject: `${row.title_zh} / ${row.title_en}`,
      text: [row.title_zh, row.title_en, row.body ?? '', text.link].filter((l) => l !== '').join('\n\n'),
      messageId,
    });
    return;
  }
  if (!row.robot_kind || !row.robot_url) throw new Error('robot removed');
  await postToRobot(robotRequest(row.robot_kind as TRobotKind, row.robot_url, row.robot_secret, text));
}

/**
 * One round: claim due rows, send them (CONCURRENCY at a time), mark each as soon as it is
 * answered. At least once: a crash between a message leaving and its mark (one UPDATE) sends it
 * again after the lease; that window is a single round trip per message. Answers how many were
 * claimed (a full batch: call again).
 */
export async function deliverDue(db: Db, deps: DeliveryDeps, now = new Date()): Promise<{ claimed: number; sent: number; failed: number }> {
  const token = randomUUID();
  const rows = await repo.claimDue(db, {
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
    token,
    limit: BATCH,
    maxAttempts: MAX_ATTEMPTS,
  });
  let sent = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      try {
        await sendOne(db, row, deps);
        await repo.markSent(db, row.id, token, new Date().toISOString());
        sent++;
      } catch (err) {
        failed++;
        const dead = row.attempts >= MAX_ATTEMPTS;
        await repo.markFailed(db, {
          id: row.id,
          token,
          state: dead ? 'dead' : 'pending',
          dueAt: new Date(Date.now() + backoffMs(row.attempts)).toISOString(),
          error: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, worker));
  return { claimed: rows.length, sent, failed };
}
