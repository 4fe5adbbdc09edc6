import { ZIdParams } from '@contract/common';
import { ZAddOtherWork, ZWorkHoursList, ZWorkHoursQuery } from '@contract/work-hours';
import type { AppInstance } from '../../http/types';
import { addOtherWork, listWorkHours, removeOtherWork } from './work-hours.service';

export async function workHoursRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['work-hours'];

  app.get(
    '/api/work-hours',
    {
      config: { permission: 'work_hours.read' },
      schema: {
        tags,
        summary: 'Hour entries of a date range (an engineer his own)',
        querystring: ZWorkHoursQuery,
        response: { 200: ZWorkHoursList },
      },
    },
    async (req) => listWorkHours(db, req.actor, req.query),
  );
  app.post(
    '/api/work-hours',
    {
      config: { permission: 'work_hours.record' },
      schema: {
        tags,
        summary: 'Add other work on a day (training preparation, internal tasks)',
        body: ZAddOtherWork,
        response: { 201: ZWorkHoursList },
      },
    },
    async (req, reply) => reply.status(201).send(await addOtherWork(db, req.actor, req.body)),
  );
  app.delete(
    '/api/work-hours/:id',
    {
      config: { permission: 'work_hours.record' },
      schema: { tags, summary: 'Remove an entry of other work', params: ZIdParams },
    },
    async (req, reply) => {
      await removeOtherWork(db, req.actor, req.params.id);
      return reply.status(204).send();
    },
  );
}
