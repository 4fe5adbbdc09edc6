import { ZIdParams, ZPage } from '@contract/common';
import {
  ZCreateTaskRequest,
  ZTaskRequest,
  ZTaskRequestQuery,
  ZTaskRequestStep,
  ZTaskRequestStepParams,
  ZUpdateTaskRequest,
} from '@contract/task-requests';
import { ZFormPdfQuery } from '@contract/company';
import type { AppInstance } from '../../http/types';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { createFileStore } from '../files/file-store';
import { taskRequestFormPdf } from './task-request-form';
import { createTaskRequest, getTaskRequest, listTaskRequests, takeTaskRequestStep, updateTaskRequest } from './task-requests.service';

export async function taskRequestsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { FUWU_TIMEZONE } = app.deps.config;
  const tags = ['task-requests'];
  const store = createFileStore(app.deps.config);

  app.get(
    '/api/task-requests',
    {
      config: { permission: 'task_requests.read' },
      schema: { tags, summary: 'List task requests', querystring: ZTaskRequestQuery, response: { 200: ZPage(ZTaskRequest) } },
    },
    async (req) => listTaskRequests(db, req.actor, req.query),
  );
  app.post(
    '/api/task-requests',
    {
      config: { permission: 'task_requests.manage' },
      schema: { tags, summary: 'Write a Task Request Form (R-ORG-3)', body: ZCreateTaskRequest, response: { 201: ZTaskRequest } },
    },
    async (req, reply) => reply.status(201).send(await createTaskRequest(db, req.actor, req.body, FUWU_TIMEZONE)),
  );
  app.get(
    '/api/task-requests/:id',
    {
      config: { permission: 'task_requests.read' },
      schema: { tags, summary: 'One task request', params: ZIdParams, response: { 200: ZTaskRequest } },
    },
    async (req) => getTaskRequest(db, req.actor, req.params.id),
  );
  app.get(
    '/api/task-requests/:id/form.pdf',
    {
      config: { permission: 'task_requests.read' },
      schema: { tags, summary: 'The Task Request Form as PDF (zh-CN; lang=en: English)', params: ZIdParams, querystring: ZFormPdfQuery },
    },
    async (req, reply) => {
      const form = await taskRequestFormPdf(db, store, req.actor, req.params.id, formContextOf(app.deps.config, req.query.lang));
      return sendFormPdf(reply, form);
    },
  );
  app.patch(
    '/api/task-requests/:id',
    {
      config: { permission: 'task_requests.manage' },
      schema: { tags, summary: 'Edit a task request', params: ZIdParams, body: ZUpdateTaskRequest, response: { 200: ZTaskRequest } },
    },
    async (req) => updateTaskRequest(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/task-requests/:id/:action',
    {
      config: { permission: 'task_requests.act' },
      schema: {
        tags,
        summary: 'A workflow step: issue, start, complete (with result), cancel',
        params: ZTaskRequestStepParams,
        body: ZTaskRequestStep,
        response: { 200: ZTaskRequest },
      },
    },
    async (req) => takeTaskRequestStep(db, req.actor, req.params.id, req.params.action, req.body ?? {}),
  );
}
