import type { TNotification } from '@contract/notifications';

/** Where a notification leads: the record it is about, when the UI has a page for it. */
export function notificationHref(n: TNotification): string | null {
  if (n.entityId === null) return null;
  switch (n.entity) {
    case 'service_request':
      return `/service-requests/${n.entityId}`;
    case 'call':
      return `/calls/${n.entityId}`;
    default:
      return null;
  }
}
