import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../app-error';
import type { AppInstance } from '../../http/types';

const ZHealth = z.object({ status: z.literal('ok') });

export async function systemRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  app.get(
    '/healthz',
    { config: { permission: 'public' }, logLevel: 'warn', schema: { hide: true, response: { 200: ZHealth } } },
    async () => ({
      status: 'ok' as const,
    }),
  );
  app.get(
    '/readyz',
    { config: { permission: 'public' }, logLevel: 'warn', schema: { hide: true, response: { 200: ZHealth } } },
    async (req) => {
      try {
        await sql`select 1`.execute(db);
      } catch (err) {
        req.log.error({ err }, 'database unreachable');
        throw new AppError('UNAVAILABLE');
      }
      return { status: 'ok' as const };
    },
  );
}
