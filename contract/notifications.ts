import { z } from 'zod';
import { ZTimestamp } from './common';

/** What caused an in-app notification. */
export const NOTIFICATION_KINDS = [
  'assignment',
  'escalation',
  'sla_warning',
  'sla_breach',
  'incomplete_reminder',
  'task_assignment',
  'call_forwarded',
  'call_critical',
  'call_reminder',
  'goods_deviation',
  'follow_up_overdue',
  'part_loan_request',
  'part_loan_emergency',
  'part_loan_paperwork',
  'part_loan_overdue',
  'licence_expiring',
  'pm_agree',
  'pm_unagreed',
  'weekly_report_reminder',
  'weekly_report_overdue',
  'report_action',
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const ZNotification = z.object({
  id: z.number().int(),
  kind: ZNotificationKind,
  titleZh: z.string(),
  titleEn: z.string(),
  body: z.string().nullable(),
  /** The record it is about, for the link: `service_request` 42. */
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  readAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type TNotificationQuery = z.infer<typeof ZNotificationQuery>;

export const ZUnreadCount = z.object({ count: z.number().int() });
export const ZReadAll = z.object({ updated: z.number().int() });

/** The web page of the record a notification is about, when there is one: `/service-requests/42`. */
export function notificationPath(entity: string | null, entityId: number | null): string | null {
  if (entityId === null) return null;
  switch (entity) {
    case 'service_request':
      return `/service-requests/${entityId}`;
    case 'call':
      return `/calls/${entityId}`;
    case 'part_loan':
      return `/parts/loans/${entityId}`;
    case 'pm_visit':
      return `/maintenance/visits/${entityId}`;
    case 'training_session':
      return `/trainings/sessions/${entityId}`;
    default:
      return null;
  }
}
