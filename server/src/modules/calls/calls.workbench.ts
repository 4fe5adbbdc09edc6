import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listCalls } from './calls.service';

/** Calls without an outcome yet, the newest first (the receiver's and the manager's workbench). */
export const callWorkbench = {
  'calls.open': async ({ db, actor }) => {
    const page = await listCalls(db, actor, { page: 1, pageSize: 5, open: 'true', sort: '-calledAt' });
    return {
      count: page.total,
      tone: page.total > 0 ? 'warning' : 'default',
      query: { open: 'true' },
      items: page.items.map((c) => ({
        title: `${c.number} · ${c.callerName}`,
        subtitle: c.customer?.name ?? c.company,
        dueAt: null,
        tone: 'default',
        path: `/calls/${c.id}`,
      })),
    };
  },
} satisfies WorkbenchProviders<'calls.open'>;
