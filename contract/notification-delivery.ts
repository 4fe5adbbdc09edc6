import { z } from 'zod';
import { singleLineText } from './text';
import { ZPageQuery, ZTimestamp } from './common';
import { ZNotificationKind } from './notifications';
import { bilingual } from './validation-messages';

// ── Delivery channels: group robots, e-mail preferences, the outbox (DESIGN.md "Delivery outbox") ──

export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export const ZRobotKind = z.enum(ROBOT_KINDS);
export type TRobotKind = z.infer<typeof ZRobotKind>;

/** Only http(s): a robot's webhook is called by the server, and no other scheme is a webhook. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(isHttpUrl, bilingual({ zh: '须为 http:// 或 https:// 开头的网址', en: 'must be an http:// or https:// URL' }));

const robotFields = {
  name: singleLineText().min(1).max(100),
  kind: ZRobotKind,
  webhookUrl: ZWebhookUrl,
  /** DingTalk's signed mode and Feishu's signature; write-only (never sent back). */
  secret: z.string().trim().min(1).max(500).nullable(),
  /** Which notification kinds this robot posts. */
  notificationKinds: z.array(ZNotificationKind).max(50),
  active: z.boolean(),
};

/** A robot as the API answers it: whether it has a secret, never the secret. */
export const ZRobot = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ZRobotKind,
  webhookUrl: z.string(),
  hasSecret: z.boolean(),
  notificationKinds: z.array(ZNotificationKind),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TRobot = z.infer<typeof ZRobot>;

export const ZCreateRobot = z.strictObject({
  ...robotFields,
  secret: robotFields.secret.default(null),
  active: robotFields.active.default(true),
});
export type TCreateRobot = z.infer<typeof ZCreateRobot>;

/** `secret`: absent keeps the saved one, a text replaces it, null removes it. */
export const ZUpdateRobot = z.strictObject({
  version: z.number().int(),
  name: robotFields.name.optional(),
  kind: robotFields.kind.optional(),
  webhookUrl: robotFields.webhookUrl.optional(),
  secret: robotFields.secret.optional(),
  notificationKinds: robotFields.notificationKinds.optional(),
  active: robotFields.active.optional(),
});
export type TUpdateRobot = z.infer<typeof ZUpdateRobot>;

export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'dead'] as const;
export const ZDeliveryState = z.enum(DELIVERY_STATES);
export type TDeliveryState = z.infer<typeof ZDeliveryState>;
/** email: a user's notification; customer_email: an e-mail to a customer (a call's diagnostic steps, status e-mails). */
export const ZDeliveryChannel = z.enum(['email', 'robot', 'customer_email']);
export type TDeliveryChannel = z.infer<typeof ZDeliveryChannel>;

/** One message of the outbox: a notification on its way to one channel, or an e-mail to a customer (no notification). */
export const ZDelivery = z.object({
  id: z.number().int(),
  notificationId: z.number().int().nullable(),
  kind: ZNotificationKind.nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  channel: ZDeliveryChannel,
  /** The robot's name, the addressee's for e-mail, the address for a customer e-mail. */
  target: z.string(),
  state: ZDeliveryState,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  dueAt: ZTimestamp,
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZDeliveryQuery = ZPageQuery.extend({ state: ZDeliveryState.default('dead') }).strict();
export type TDeliveryQuery = z.infer<typeof ZDeliveryQuery>;

export const ZDeliveryCounts = z.object({
  pending: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  dead: z.number().int(),
});
export type TDeliveryCounts = z.infer<typeof ZDeliveryCounts>;

/** A user's channels: in-app always; e-mail per kind, on unless switched off. */
export const ZNotificationPreferences = z.object({
  /** False when the server has no SMTP_URL: nothing is e-mailed. */
  emailAvailable: z.boolean(),
  emailOff: z.array(ZNotificationKind),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

export const ZUpdateNotificationPreferences = z.strictObject({ emailOff: z.array(ZNotificationKind).max(50) });
export type TUpdateNotificationPreferences = z.infer<typeof ZUpdateNotificationPreferences>;
