import { isAllowed } from '@contract/permissions';
import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listPmVisits } from './maintenance.service';

/** PM visits whose engineer has been asked to agree them with the customer (R-PM-4): a manager's all, an engineer's own. */
export const maintenanceWorkbench = {
  'pm_visits.agreeing': async ({ db, actor }) => {
    const mine = !isAllowed(actor.roles, 'maintenance.plan') && actor.id !== null;
    const filter = { state: 'agreeing' as const, ...(mine && { engineerId: actor.id as number }) };
    const page = await listPmVisits(db, { page: 1, pageSize: 5, ...filter });
    return {
      count: page.total,
      tone: page.total > 0 ? 'warning' : 'default',
      query: { view: 'list', state: 'agreeing', ...(mine && { engineerId: String(actor.id) }) },
      items: page.items.map((v) => ({
        title: `${v.customer.name}`,
        subtitle: `${v.plannedDate} · ${v.responsibleEngineer.name}`,
        dueAt: null,
        tone: 'default' as const,
        path: `/maintenance/visits/${v.id}`,
      })),
    };
  },
} satisfies WorkbenchProviders<'pm_visits.agreeing'>;
