import { ZIdParams, ZPage } from '@contract/common';
import { ZAgreeProject, ZCreateProject, ZProject, ZProjectQuery, ZUpdateProject, ZUpdateProjectTeam } from '@contract/projects';
import type { AppInstance } from '../../http/types';
import { agreeToProject, createProject, getProject, listProjects, updateProject, updateProjectTeam } from './projects.service';

export async function projectsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['projects'];

  app.get(
    '/api/projects',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'List projects (mine=true: I manage or am a member)',
        querystring: ZProjectQuery,
        response: { 200: ZPage(ZProject) },
      },
    },
    async (req) => listProjects(db, req.actor, req.query),
  );
  app.post(
    '/api/projects',
    {
      config: { permission: 'projects.manage' },
      schema: {
        tags,
        summary: 'Create a project with its proposed project manager (R-ORG-4)',
        body: ZCreateProject,
        response: { 201: ZProject },
      },
    },
    async (req, reply) => reply.status(201).send(await createProject(db, req.actor, req.body)),
  );
  app.get(
    '/api/projects/:id',
    { config: { permission: 'projects.read' }, schema: { tags, summary: 'One project', params: ZIdParams, response: { 200: ZProject } } },
    async (req) => getProject(db, req.params.id),
  );
  app.patch(
    '/api/projects/:id',
    {
      config: { permission: 'projects.manage' },
      schema: { tags, summary: 'Edit a project', params: ZIdParams, body: ZUpdateProject, response: { 200: ZProject } },
    },
    async (req) => updateProject(db, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/agree',
    {
      config: { permission: 'projects.agree' },
      schema: {
        tags,
        summary: "A participant (the project's manager or a member) agrees to its plan; who and when are recorded (R-ORG-4)",
        params: ZIdParams,
        body: ZAgreeProject,
        response: { 200: ZProject },
      },
    },
    async (req) => agreeToProject(db, req.actor, req.params.id, req.body),
  );
  app.patch(
    '/api/projects/:id/team',
    {
      config: { permission: 'projects.team' },
      schema: {
        tags,
        summary: 'Members and linked contracts: the technical manager, or the project’s own manager (R-ORG-4)',
        params: ZIdParams,
        body: ZUpdateProjectTeam,
        response: { 200: ZProject },
      },
    },
    async (req) => updateProjectTeam(db, req.actor, req.params.id, req.body),
  );
}
