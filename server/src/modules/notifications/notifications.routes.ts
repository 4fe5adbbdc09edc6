import { ZIdParams, ZPage } from '@contract/common';
import { ZNotification, ZNotificationQuery, ZReadAll, ZUnreadCount } from '@contract/notifications';
import type { AppInstance } from '../../http/types';
import { countMyUnread, listMyNotifications, markAllMyNotificationsRead, markMyNotificationRead } from './notifications.service';

/** In-app notifications: always the signed-in user's own. */
export async function notificationsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['notifications'];
  const permission = 'notifications.read' as const;

  app.get(
    '/api/notifications',
    {
      config: { permission },
      schema: { tags, summary: 'My notifications, newest first', querystring: ZNotificationQuery, response: { 200: ZPage(ZNotification) } },
    },
    async (req) => listMyNotifications(db, req.actor, req.query),
  );
  app.get(
    '/api/notifications/unread-count',
    { config: { permission }, schema: { tags, summary: 'How many of mine are unread', response: { 200: ZUnreadCount } } },
    async (req) => ({ count: await countMyUnread(db, req.actor) }),
  );
  app.post(
    '/api/notifications/:id/read',
    { config: { permission }, schema: { tags, summary: 'Mark one of mine read', params: ZIdParams, response: { 200: ZNotification } } },
    async (req) => markMyNotificationRead(db, req.actor, req.params.id),
  );
  app.post(
    '/api/notifications/read-all',
    { config: { permission }, schema: { tags, summary: 'Mark all of mine read', response: { 200: ZReadAll } } },
    async (req) => ({ updated: await markAllMyNotificationsRead(db, req.actor) }),
  );
}
