import { ZWorkbench } from '@contract/workbench';
import { requestLocale } from '../../http/request-locale';
import type { AppInstance } from '../../http/types';
import { getWorkbench } from './workbench.service';

export async function workbenchRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE: timeZone } = app.deps.config;
  app.get(
    '/api/workbench',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['workbench'],
        summary: "The home page's cards for the reader's roles: each number with the list filters it opens and its nearest items",
        response: { 200: ZWorkbench },
      },
    },
    async (req) => getWorkbench({ db, actor: req.actor, timeZone, locale: requestLocale(req) }),
  );
}
