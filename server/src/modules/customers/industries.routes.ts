import { ZIdParams, ZPage } from '@contract/common';
import { ZCreateIndustry, ZIndustry, ZIndustryQuery, ZUpdateIndustry } from '@contract/customers';
import type { AppInstance } from '../../http/types';
import { createIndustry, listIndustries, updateIndustry } from './industries.service';

export async function industriesRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['industries'];

  app.get(
    '/api/industries',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'The industries customers are filed under (R-ORG-6)',
        querystring: ZIndustryQuery,
        response: { 200: ZPage(ZIndustry) },
      },
    },
    async (req) => listIndustries(db, req.query),
  );

  app.post(
    '/api/industries',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, summary: 'Add an industry', body: ZCreateIndustry, response: { 201: ZIndustry } },
    },
    async (req, reply) => reply.status(201).send(await createIndustry(db, req.actor, req.body)),
  );

  app.patch(
    '/api/industries/:id',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Rename, reorder or (de)activate an industry',
        params: ZIdParams,
        body: ZUpdateIndustry,
        response: { 200: ZIndustry },
      },
    },
    async (req) => updateIndustry(db, req.actor, req.params.id, req.body),
  );
}
