import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isAllowed, type TRoutePermission } from '@contract/permissions';
import { AppError } from '../app-error';
import { resolveSession } from '../modules/auth/auth.service';
import type { AppInstance } from './types';

export const SESSION_COOKIE = 'fuwu_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every /api route declared, with its permission: the route × role test walks this list. */
export interface DeclaredRoute {
  method: string;
  url: string;
  permission: string;
}

/**
 * Authentication, CSRF and permission, before any body is parsed: a request that may
 * not run is refused before it can touch anything. A route under /api without a declared
 * permission stops the app from starting.
 */
export function installAuth(app: AppInstance, routes: DeclaredRoute[]) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);

  // Each route gets the check with its permission built in (the route's own onRequest hook, after
  // the global ones, cookies included): reading `req.routeOptions` builds a dozen-field object
  // on every access. A request no route matches (404) is answered without any of this.
  app.addHook('onRoute', (route: RouteOptions) => {
    const permission: TRoutePermission | undefined = route.config?.permission;
    if (route.url.startsWith('/api/') && route.method !== 'HEAD' && !route.url.startsWith('/api/docs')) {
      if (!permission) throw new Error(`Route ${String(route.method)} ${route.url} declares no permission`);
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, permission });
    }
    // Fastify copies a GET route's options, hooks included, to its HEAD route: add the check once.
    const own = [route.onRequest ?? []].flat();
    if (own.some((hook) => AUTHENTICATE in hook)) return;
    route.onRequest = [authenticateFor(app, permission), ...own];
  });
}

const AUTHENTICATE = Symbol('authenticate');

/** Authentication, CSRF and permission of a route whose permission is `permission`. */
function authenticateFor(app: AppInstance, permission: TRoutePermission | undefined) {
  const hook = async (req: FastifyRequest, _reply: FastifyReply) => {
    req.actor = { id: null, name: null, roles: [], requestId: req.id };
    const token = req.cookies[SESSION_COOKIE];
    if (token && permission !== 'public') {
      const s = await resolveSession(app.deps.database.db, token, app.deps.config.FUWU_SESSION_HOURS);
      if (s) {
        req.session = { tokenHash: s.tokenHash, csrfToken: s.csrfToken, locale: s.locale, email: s.email };
        req.actor = { id: s.userId, name: s.name, roles: s.roles, requestId: req.id };
      }
    }
    if (!permission || permission === 'public' || permission === 'session-optional') return;
    if (!req.session) throw new AppError('AUTH_REQUIRED');
    if (!SAFE_METHODS.has(req.method) && !csrfMatches(req.headers['x-csrf-token'], req.session.csrfToken)) {
      throw new AppError('AUTH_CSRF');
    }
    if (permission !== 'authenticated' && !isAllowed(req.actor.roles, permission)) throw new AppError('PERMISSION_DENIED');
  };
  return Object.assign(hook, { [AUTHENTICATE]: true });
}

function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
