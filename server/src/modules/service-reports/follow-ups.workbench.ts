import { isAllowed } from '@contract/permissions';
import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listFollowUps } from './follow-ups.service';

/** Follow-ups still open (R-INST-10): a manager sees everyone's, an engineer his own; overdue ones in red. */
export const followUpWorkbench = {
  'follow_ups.open': async ({ db, actor, timeZone }) => {
    const mine = !isAllowed(actor.roles, 'guards.override');
    const query = { state: 'open' as const, ...(mine && { mine: 'true' as const }) };
    const page = await listFollowUps(db, actor, { page: 1, pageSize: 5, ...query }, timeZone);
    const overdue = page.items.some((f) => f.overdue);
    return {
      count: page.total,
      tone: overdue ? 'danger' : page.total > 0 ? 'warning' : 'default',
      query,
      items: page.items.map((f) => ({
        title: `${f.serviceRequest.number} · ${f.customer.name}`,
        subtitle: `${f.dueOn}${f.latestOn !== f.dueOn ? ` – ${f.latestOn}` : ''} · ${f.engineer.name}`,
        dueAt: null,
        tone: f.overdue ? 'danger' : 'default',
        path: `/service-reports/${f.serviceReportId}`,
      })),
    };
  },
} satisfies WorkbenchProviders<'follow_ups.open'>;
