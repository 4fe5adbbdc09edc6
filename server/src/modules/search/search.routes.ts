import { ZSearchQuery, ZSearchResult } from '@contract/search';
import type { AppInstance } from '../../http/types';
import { searchAll } from './search.service';

export async function searchRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  app.get(
    '/api/search',
    {
      config: { permission: 'search.use' },
      schema: {
        tags: ['search'],
        summary:
          'Find customers, contacts, contracts, equipment, documents, calls and service requests (Chinese, codes, SN fragments, phone numbers), grouped by kind',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResult },
      },
    },
    async (req) => searchAll(db, req.actor, req.query),
  );
}
