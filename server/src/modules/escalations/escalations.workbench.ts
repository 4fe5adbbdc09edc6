import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listEscalations } from './escalations.service';

/** The manager's open escalations (only those of the requests he may read), the newest first. */
export const escalationWorkbench = {
  'escalations.open': async ({ db, actor }) => {
    const page = await listEscalations(db, actor, { page: 1, pageSize: 5, state: 'open' });
    return {
      count: page.total,
      tone: page.total > 0 ? 'danger' : 'default',
      query: { state: 'open' },
      items: page.items.map((e) => ({
        title: e.serviceRequest.number,
        subtitle: e.text.slice(0, 80),
        dueAt: null,
        tone: 'default',
        path: `/service-requests/${e.serviceRequest.id}`,
      })),
    };
  },
} satisfies WorkbenchProviders<'escalations.open'>;
