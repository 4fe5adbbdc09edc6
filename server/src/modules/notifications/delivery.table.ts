import type { Generated } from 'kysely';

export interface DeliveryRobotTable {
  id: Generated<number>;
  name: string;
  /** wecom | dingtalk | feishu: the message format and signature. */
  kind: string;
  webhook_url: string;
  /** Never sent back by the API. */
  secret: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DeliveryRobotKindTable {
  robot_id: number;
  kind: string;
}

/** A user's e-mail opt-out for one notification kind. */
export interface NotificationEmailOffTable {
  user_id: number;
  kind: string;
}

export interface DeliveryOutboxTable {
  id: Generated<number>;
  /** Null for an e-mail to a customer (no user): its address, subject and body are on the row. */
  notification_id: number | null;
  /** email (a user's notification) | robot | customer_email */
  channel: string;
  robot_id: number | null;
  dedupe_key: string;
  /** pending → sending → sent; back to pending after a failure; dead after the last attempt. */
  state: string;
  attempts: number;
  /** pending: when it is due; sending: when the claim's lease runs out. */
  due_at: string;
  claim_token: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  mail_to: string | null;
  mail_subject: string | null;
  mail_body: string | null;
}

/** A file sent with a customer e-mail (a PM timetable's PDF and .ics), kept with its outbox row. */
export interface DeliveryOutboxAttachmentTable {
  id: Generated<number>;
  outbox_id: number;
  position: number;
  file_name: string;
  content_type: string;
  content_base64: string;
}
