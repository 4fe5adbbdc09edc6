import { notificationPath, type TNotification } from '@contract/notifications';

/** Where a notification leads: the record it is about, when the UI has a page for it. */
export function notificationHref(n: TNotification): string | null {
  return notificationPath(n.entity, n.entityId);
}
