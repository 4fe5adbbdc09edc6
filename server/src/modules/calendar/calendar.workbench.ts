import { todayIn } from '@contract/zoned-time';
import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listHolidayYears } from './calendar.service';

/** This year and next, unless their holidays are published (missing or still provisional). */
export const calendarWorkbench = {
  'calendar.unpublished_years': async ({ db, timeZone }) => {
    const year = Number(todayIn(timeZone).slice(0, 4));
    const { items } = await listHolidayYears(db);
    const published = new Set(items.filter((y) => !y.provisional).map((y) => y.year));
    const missing = [year, year + 1].filter((y) => !published.has(y));
    return {
      count: missing.length,
      tone: missing.includes(year) ? 'danger' : missing.length ? 'warning' : 'default',
      items: missing.map((y) => ({ title: String(y), subtitle: null, dueAt: null, tone: 'default', path: `/admin/calendar?year=${y}` })),
    };
  },
} satisfies WorkbenchProviders<'calendar.unpublished_years'>;
