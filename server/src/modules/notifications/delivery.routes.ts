import { z } from 'zod';
import { ZIdParams, ZPage } from '@contract/common';
import {
  ZCreateRobot,
  ZDelivery,
  ZDeliveryCounts,
  ZDeliveryQuery,
  ZNotificationPreferences,
  ZRobot,
  ZUpdateNotificationPreferences,
  ZUpdateRobot,
} from '@contract/notification-delivery';
import type { AppInstance } from '../../http/types';
import {
  countDeliveries,
  createRobot,
  listDeliveries,
  listRobots,
  myPreferences,
  retryDelivery,
  updateMyPreferences,
  updateRobot,
} from './delivery.service';

/** Delivery channels: group robots and the outbox (administrators), and each user's own e-mail preferences. */
export async function deliveryRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['notification delivery'];
  const manage = 'notification_channels.manage' as const;

  app.get(
    '/api/notification-robots',
    {
      config: { permission: manage },
      schema: { tags, summary: 'Group robots (secrets are never returned)', response: { 200: z.object({ items: z.array(ZRobot) }) } },
    },
    async () => ({ items: await listRobots(db) }),
  );
  app.post(
    '/api/notification-robots',
    {
      config: { permission: manage },
      schema: { tags, summary: 'Add a WeCom, DingTalk or Feishu robot', body: ZCreateRobot, response: { 201: ZRobot } },
    },
    async (req, reply) => reply.status(201).send(await createRobot(db, req.actor, req.body)),
  );
  app.patch(
    '/api/notification-robots/:id',
    {
      config: { permission: manage },
      schema: {
        tags,
        summary: 'Edit a robot; an absent secret is kept, null removes it',
        params: ZIdParams,
        body: ZUpdateRobot,
        response: { 200: ZRobot },
      },
    },
    async (req) => updateRobot(db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/notification-deliveries',
    {
      config: { permission: manage },
      schema: {
        tags,
        summary: 'Outbox messages by state (dead letters by default)',
        querystring: ZDeliveryQuery,
        response: { 200: ZPage(ZDelivery) },
      },
    },
    async (req) => listDeliveries(db, req.query),
  );
  app.get(
    '/api/notification-deliveries/counts',
    {
      config: { permission: manage },
      schema: { tags, summary: 'How many outbox messages are in each state', response: { 200: ZDeliveryCounts } },
    },
    async () => countDeliveries(db),
  );
  app.post(
    '/api/notification-deliveries/:id/retry',
    {
      config: { permission: manage },
      schema: { tags, summary: 'Send a dead message again', params: ZIdParams, response: { 200: ZDelivery } },
    },
    async (req) => retryDelivery(db, req.actor, req.params.id),
  );

  app.get(
    '/api/notification-preferences',
    {
      config: { permission: 'notifications.preferences' },
      schema: { tags, summary: 'My delivery channels', response: { 200: ZNotificationPreferences } },
    },
    async (req) => myPreferences(db, req.actor),
  );
  app.put(
    '/api/notification-preferences',
    {
      config: { permission: 'notifications.preferences' },
      schema: {
        tags,
        summary: 'Set my e-mail channel per notification kind',
        body: ZUpdateNotificationPreferences,
        response: { 200: ZNotificationPreferences },
      },
    },
    async (req) => updateMyPreferences(db, req.actor, req.body),
  );
}
