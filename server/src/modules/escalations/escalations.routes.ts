import { ZIdParams, ZPage } from '@contract/common';
import { ZCloseEscalation, ZEscalation, ZEscalationQuery, ZRaiseEscalation } from '@contract/escalations';
import type { AppInstance } from '../../http/types';
import { acknowledgeEscalation, closeEscalation, getEscalation, listEscalations, raiseEscalation } from './escalations.service';

export async function escalationsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['escalations'];

  app.post(
    '/api/service-requests/:id/escalations',
    {
      config: { permission: 'escalations.raise' },
      schema: {
        tags,
        summary: 'Call the technical manager (R-EMER-9)',
        params: ZIdParams,
        body: ZRaiseEscalation,
        response: { 201: ZEscalation },
      },
    },
    async (req, reply) => reply.status(201).send(await raiseEscalation(db, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/escalations',
    {
      config: { permission: 'escalations.read' },
      schema: { tags, summary: 'List escalations', querystring: ZEscalationQuery, response: { 200: ZPage(ZEscalation) } },
    },
    async (req) => listEscalations(db, req.actor, req.query),
  );
  app.get(
    '/api/escalations/:id',
    {
      config: { permission: 'escalations.read' },
      schema: { tags, summary: 'One escalation', params: ZIdParams, response: { 200: ZEscalation } },
    },
    async (req) => getEscalation(db, req.actor, req.params.id),
  );
  app.post(
    '/api/escalations/:id/acknowledge',
    {
      config: { permission: 'escalations.manage' },
      schema: { tags, summary: 'The technical manager takes it on', params: ZIdParams, response: { 200: ZEscalation } },
    },
    async (req) => acknowledgeEscalation(db, req.actor, req.params.id),
  );
  app.post(
    '/api/escalations/:id/close',
    {
      config: { permission: 'escalations.manage' },
      schema: {
        tags,
        summary: 'Close; a complaint needs an improvement measure (R-ORG-3)',
        params: ZIdParams,
        body: ZCloseEscalation,
        response: { 200: ZEscalation },
      },
    },
    async (req) => closeEscalation(db, req.actor, req.params.id, req.body),
  );
}
