import {
  ZChecklistTemplate,
  ZChecklistTemplateQuery,
  ZChecklistTemplateVersion,
  ZChecklistVersionParams,
  ZCreateChecklistTemplate,
  ZUpdateChecklistTemplate,
} from '@contract/checklists';
import { ZIdParams, ZPage } from '@contract/common';
import type { AppInstance } from '../../http/types';
import {
  createChecklistTemplate,
  getChecklistTemplate,
  getChecklistTemplateVersion,
  listChecklistTemplates,
  updateChecklistTemplate,
} from './checklists.service';

export async function checklistsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['checklists'];

  app.get(
    '/api/checklist-templates',
    {
      config: { permission: 'checklists.read' },
      schema: {
        tags,
        summary: 'Checklist templates with their current items (by service kind; all=true: also those switched off)',
        querystring: ZChecklistTemplateQuery,
        response: { 200: ZPage(ZChecklistTemplate) },
      },
    },
    async (req) => listChecklistTemplates(db, req.query),
  );
  app.post(
    '/api/checklist-templates',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Create a checklist template (version 1)',
        body: ZCreateChecklistTemplate,
        response: { 201: ZChecklistTemplate },
      },
    },
    async (req, reply) => reply.status(201).send(await createChecklistTemplate(db, req.actor, req.body)),
  );
  app.get(
    '/api/checklist-templates/:id',
    {
      config: { permission: 'checklists.read' },
      schema: { tags, summary: 'One template with its current items', params: ZIdParams, response: { 200: ZChecklistTemplate } },
    },
    async (req) => getChecklistTemplate(db, req.params.id),
  );
  app.patch(
    '/api/checklist-templates/:id',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Edit a template: makes its next version (send the current one as `version`)',
        params: ZIdParams,
        body: ZUpdateChecklistTemplate,
        response: { 200: ZChecklistTemplate },
      },
    },
    async (req) => updateChecklistTemplate(db, req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/checklist-templates/:id/versions/:versionNo',
    {
      config: { permission: 'checklists.read' },
      schema: {
        tags,
        summary: 'One version of a template, as it was filled',
        params: ZChecklistVersionParams,
        response: { 200: ZChecklistTemplateVersion },
      },
    },
    async (req) => getChecklistTemplateVersion(db, req.params.id, req.params.versionNo),
  );
}
