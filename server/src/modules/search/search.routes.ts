import { ZSearchQuery, ZSearchResult } from '@contract/search';
import type { AppInstance } from '../../http/types';
import { searchEntries } from './search.service';

export async function searchRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  app.get(
    '/api/search',
    {
      config: { permission: 'search.use' },
      schema: {
        tags: ['search'],
        summary: 'Find customers, contacts, contracts, equipment and documents (Chinese, codes, SN fragments), grouped by kind',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResult },
      },
    },
    async (req) => searchEntries(db, req.actor.roles, req.query),
  );
}
