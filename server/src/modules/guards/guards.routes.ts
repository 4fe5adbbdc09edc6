import { ZPage } from '@contract/common';
import { ZGuardOverrideCount, ZGuardOverrideCountQuery, ZGuardOverrideQuery, ZGuardOverrideRecord } from '@contract/guards';
import { z } from 'zod';
import type { AppInstance } from '../../http/types';
import { countGuardOverrides, listGuardOverrides } from './guards.service';

export async function guardsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: tz } = app.deps.config;
  const tags = ['guards'];

  app.get(
    '/api/guard-overrides',
    {
      config: { permission: 'guards.read' },
      schema: {
        tags,
        summary: 'Rulebook guards overridden by a technical manager, newest first (rule, company-zone dates)',
        querystring: ZGuardOverrideQuery,
        response: { 200: ZPage(ZGuardOverrideRecord) },
      },
    },
    async (req) => listGuardOverrides(db, req.query, tz),
  );
  app.get(
    '/api/guard-overrides/counts',
    {
      config: { permission: 'guards.read' },
      schema: {
        tags,
        summary: 'Overrides counted per rule, most bent first',
        querystring: ZGuardOverrideCountQuery,
        response: { 200: z.array(ZGuardOverrideCount) },
      },
    },
    async (req) => countGuardOverrides(db, req.query, tz),
  );
}
