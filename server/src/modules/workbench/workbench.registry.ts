import type { TWorkbenchCardKey } from '@contract/workbench';
import { calendarWorkbench } from '../calendar/calendar.workbench';
import { callWorkbench } from '../calls/calls.workbench';
import { contractWorkbench } from '../contracts/contracts.workbench';
import { escalationWorkbench } from '../escalations/escalations.workbench';
import { deliveryWorkbench } from '../notifications/delivery.workbench';
import { serviceRequestWorkbench } from '../service-requests/service-requests.workbench';
import { userWorkbench } from '../users/users.workbench';
import { followUpWorkbench } from '../service-reports/follow-ups.workbench';
import { partWorkbench } from '../parts/parts.workbench';
import { maintenanceWorkbench } from '../maintenance/maintenance.workbench';
import type { WorkbenchProvider } from './workbench.types';

/**
 * Every card's provider, one spread per area. A card in contract/workbench-cards.ts without a
 * provider here does not compile. A new area: its `<area>.workbench.ts` and one line below.
 */
export const WORKBENCH_PROVIDERS: Record<TWorkbenchCardKey, WorkbenchProvider> = {
  ...serviceRequestWorkbench,
  ...escalationWorkbench,
  ...callWorkbench,
  ...contractWorkbench,
  ...userWorkbench,
  ...calendarWorkbench,
  ...deliveryWorkbench,
  ...followUpWorkbench,
  ...partWorkbench,
  ...maintenanceWorkbench,
};
