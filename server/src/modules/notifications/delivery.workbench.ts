import type { WorkbenchProviders } from '../workbench/workbench.types';
import { countDeliveries } from './delivery.service';

/** Messages that gave up after their last attempt (the administrator retries or fixes the channel). */
export const deliveryWorkbench = {
  'delivery.failed': async ({ db }) => {
    const counts = await countDeliveries(db);
    return { count: counts.dead, tone: counts.dead > 0 ? 'danger' : 'default', query: { state: 'dead' } };
  },
} satisfies WorkbenchProviders<'delivery.failed'>;
