import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listUsers } from './users.service';

/** The administrator's count of active users. */
export const userWorkbench = {
  'users.active': async ({ db }) => {
    const page = await listUsers(db, { page: 1, pageSize: 1, active: 'true', sort: 'name' });
    return { count: page.total, query: { active: 'true' } };
  },
} satisfies WorkbenchProviders<'users.active'>;
