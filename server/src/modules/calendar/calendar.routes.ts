import { ZHolidayYearList, ZHolidayYearParams, ZHolidayYearRecord, ZPutHolidayYear } from '@contract/working-calendar';
import type { AppInstance } from '../../http/types';
import { getHolidayYear, listHolidayYears, putHolidayYear } from './calendar.service';

export async function calendarRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['calendar'];

  app.get(
    '/api/calendar/years',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Public holidays and make-up workdays, per year (R-EMER-8)', response: { 200: ZHolidayYearList } },
    },
    async () => listHolidayYears(db),
  );

  app.get(
    '/api/calendar/years/:year',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: "One year's holidays", params: ZHolidayYearParams, response: { 200: ZHolidayYearRecord } },
    },
    async (req) => getHolidayYear(db, req.params.year),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: "Create or replace a year's holidays (version to replace); SLA times follow at once",
        params: ZHolidayYearParams,
        body: ZPutHolidayYear,
        response: { 200: ZHolidayYearRecord },
      },
    },
    async (req) => putHolidayYear(db, req.actor, req.params.year, req.body),
  );
}
