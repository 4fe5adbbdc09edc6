import { ZIdParams, ZOk, ZPage } from '@contract/common';
import { ZCreateUser, ZResetPassword, ZUpdateUser, ZUser, ZUserOptions, ZUserOptionsQuery, ZUserQuery } from '@contract/users';
import type { AppInstance } from '../../http/types';
import { createUser, getUser, listUserOptions, listUsers, resetPassword, updateUser } from './users.service';

export async function usersRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const tags = ['users'];

  app.get(
    '/api/users',
    {
      config: { permission: 'users.read' },
      schema: { tags, summary: 'List users', querystring: ZUserQuery, response: { 200: ZPage(ZUser) } },
    },
    async (req) => listUsers(db, req.query),
  );

  app.get(
    '/api/users/options',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Active colleagues to pick in forms (id, name, roles)',
        querystring: ZUserOptionsQuery,
        response: { 200: ZUserOptions },
      },
    },
    async (req) => ({ items: await listUserOptions(db, req.query.role) }),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags, summary: 'Create a user with roles', body: ZCreateUser, response: { 201: ZUser } },
    },
    async (req, reply) => reply.status(201).send(await createUser(db, req.actor, req.body)),
  );

  app.get(
    '/api/users/:id',
    { config: { permission: 'users.read' }, schema: { tags, summary: 'One user', params: ZIdParams, response: { 200: ZUser } } },
    async (req) => getUser(db, req.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags, summary: 'Edit, (de)activate, set roles', params: ZIdParams, body: ZUpdateUser, response: { 200: ZUser } },
    },
    async (req) => updateUser(db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Set a new password (signs the user out everywhere)',
        params: ZIdParams,
        body: ZResetPassword,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await resetPassword(db, req.actor, req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
}
