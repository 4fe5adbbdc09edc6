import { createHmac } from 'node:crypto';
import { isHttpUrl, type TRobotKind } from '@contract/notification-delivery';
import { notificationPath } from '@contract/notifications';

/** What one message says, in both languages (Fuwu has no per-user language for pushed messages). */
export interface MessageText {
  titleZh: string;
  titleEn: string;
  body: string | null;
  /** Whom the notification is for (a group robot posts it for everyone to see). */
  recipient: string;
  /** Absolute link to the record, or to the inbox. */
  link: string;
}

export function messageLink(publicUrl: string, entity: string | null, entityId: number | null): string {
  return new URL(notificationPath(entity, entityId) ?? '/notifications', publicUrl).toString();
}

function markdown(m: MessageText): string {
  return [`**${m.titleZh}**`, m.titleEn, m.body ?? '', `接收人 To: ${m.recipient}`, `[打开 Open](${m.link})`]
    .filter((l) => l !== '')
    .join('\n\n');
}

function plain(m: MessageText): string {
  return [m.titleZh, m.titleEn, m.body ?? '', `接收人 To: ${m.recipient}`, m.link].filter((l) => l !== '').join('\n');
}

const hmacBase64 = (key: string, message: string) => createHmac('sha256', key).update(message).digest('base64');

/** DingTalk's signed mode: `timestamp` (ms) and `sign` = base64(HmacSHA256(secret, timestamp + "\n" + secret)). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return hmacBase64(secret, `${timestampMs}\n${secret}`);
}

/** Feishu's signature: base64(HmacSHA256 keyed with timestamp (s) + "\n" + secret, of nothing). */
export function feishuSign(secret: string, timestampS: number): string {
  return hmacBase64(`${timestampS}\n${secret}`, '');
}

export interface RobotRequest {
  url: string;
  body: unknown;
}

/** The request a robot of this kind expects for the message, signed when it has a secret. */
export function robotRequest(kind: TRobotKind, webhookUrl: string, secret: string | null, m: MessageText, now = Date.now()): RobotRequest {
  switch (kind) {
    case 'wecom':
      return { url: webhookUrl, body: { msgtype: 'markdown', markdown: { content: markdown(m) } } };
    case 'dingtalk': {
      const url = new URL(webhookUrl);
      if (secret) {
        url.searchParams.set('timestamp', String(now));
        url.searchParams.set('sign', dingtalkSign(secret, now));
      }
      return { url: url.toString(), body: { msgtype: 'markdown', markdown: { title: m.titleZh, text: markdown(m) } } };
    }
    case 'feishu': {
      const timestamp = Math.floor(now / 1000);
      const signed = secret ? { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) } : {};
      return { url: webhookUrl, body: { msg_type: 'text', content: { text: plain(m) }, ...signed } };
    }
  }
}

/** How long a robot may take to answer before the attempt counts as failed. */
const ROBOT_TIMEOUT_MS = 10_000;

/**
 * Post to a robot; throws with the robot's own words when it refuses. All three answer HTTP 200
 * with an error code in the body (WeCom and DingTalk `errcode`, Feishu `code`) for a bad
 * signature, a blocked keyword or a rate limit: anything but 0 there is a failure.
 */
export async function postToRobot(req: RobotRequest): Promise<void> {
  // Checked again here: a URL saved before the rule, or edited in the database, is not called.
  if (!isHttpUrl(req.url)) throw new Error('webhook URL is not http(s)');
  const res = await fetch(req.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(req.body),
    signal: AbortSignal.timeout(ROBOT_TIMEOUT_MS),
    redirect: 'error',
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`);
  let answer: { errcode?: unknown; code?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // A 2xx without JSON (a plain receiver): nothing to say it failed.
  }
  const code = answer?.errcode ?? answer?.code;
  if (code !== undefined && code !== 0 && code !== '0') throw new Error(`robot answered ${text.slice(0, 500)}`);
}
