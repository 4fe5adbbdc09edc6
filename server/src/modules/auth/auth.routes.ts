import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZOk } from '@contract/common';
import { permissionsOf, type TAction } from '@contract/permissions';
import type { TRole } from '@contract/roles';
import { MS_PER_DAY, offsetTransitions } from '@contract/zoned-time';
import { type TMe, ZChangePassword, ZLogin, ZLoginResult, ZMe, ZSessionProbe, ZUpdatePreferences } from '@contract/users';
import { AppError } from '../../app-error';
import { SESSION_COOKIE } from '../../http/auth-hooks';
import type { AppInstance } from '../../http/types';
import { changeOwnPassword, setPreferredLocale } from '../users/users.service';
import { hashToken, login, logout, resolveSession } from './auth.service';

export async function authRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const { config } = app.deps;

  // The permissions of a set of roles, worked out once per set (a handful of combinations):
  // every page asks for /api/me. Frozen and handed out as they are: the response is built from
  // them (and validated into new arrays), never changed in place.
  const permissionsByRoles = new Map<string, TAction[]>();
  function permissionsFor(roles: readonly TRole[]): TAction[] {
    const key = roles.join(',');
    let permissions = permissionsByRoles.get(key);
    if (!permissions) {
      permissions = Object.freeze(permissionsOf(roles)) as TAction[];
      permissionsByRoles.set(key, permissions);
    }
    return permissions;
  }

  // The company zone's offsets around today (contract/users.ts, ZMe), for the web to read wall
  // clocks without Intl: ~800 Intl calls to work out, so once a UTC day, not per /api/session.
  let zoneOffsets: { day: number; value: Pick<TMe, 'timeZoneOffsets' | 'timeZoneOffsetsUntil'> } | null = null;
  function zoneOffsetsToday(): Pick<TMe, 'timeZoneOffsets' | 'timeZoneOffsetsUntil'> {
    const day = Math.floor(Date.now() / MS_PER_DAY);
    if (zoneOffsets?.day !== day) {
      const from = (day - 400) * MS_PER_DAY;
      const until = (day + 400) * MS_PER_DAY;
      const spans = offsetTransitions(from, until, config.FUWU_TIMEZONE);
      zoneOffsets = {
        day,
        value: {
          // Frozen and handed out as they are, like the permissions above.
          timeZoneOffsets: Object.freeze(
            spans.map((s) => Object.freeze({ from: new Date(s.from).toISOString(), offsetMinutes: s.offsetMinutes })),
          ) as TMe['timeZoneOffsets'],
          timeZoneOffsetsUntil: new Date(until).toISOString(),
        },
      };
    }
    return zoneOffsets.value;
  }

  function me(req: FastifyRequest): TMe {
    const signedIn = meOrNull(req);
    if (!signedIn) throw new AppError('AUTH_REQUIRED');
    return signedIn;
  }

  function meOrNull(req: FastifyRequest): TMe | null {
    if (!req.session || req.actor.id === null) return null;
    return {
      id: req.actor.id,
      name: req.actor.name ?? '',
      email: req.session.email,
      roles: [...req.actor.roles],
      permissions: permissionsFor(req.actor.roles),
      locale: req.session.locale,
      timeZone: config.FUWU_TIMEZONE,
      ...zoneOffsetsToday(),
      csrfToken: req.session.csrfToken,
    };
  }

  function setCookie(reply: FastifyReply, token: string) {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.FUWU_SECURE_COOKIES,
      maxAge: config.FUWU_SESSION_HOURS * 3600,
    });
  }

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: config.FUWU_LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: ZLogin, response: { 200: ZLoginResult } },
    },
    async (req, reply) => {
      // Rotation: a session cookie brought to sign-in is revoked, never reused.
      const old = req.cookies[SESSION_COOKIE];
      const result = await login(db, req.body.email, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
        sessionHours: config.FUWU_SESSION_HOURS,
      });
      if (old) {
        const prev = await resolveSession(db, old, config.FUWU_SESSION_HOURS);
        if (prev) await logout(db, { id: prev.userId, name: prev.name, roles: prev.roles, requestId: req.id }, prev.tokenHash);
      }
      setCookie(reply, result.token);
      const s = await resolveSession(db, result.token, config.FUWU_SESSION_HOURS);
      if (!s) throw new AppError('INTERNAL');
      req.session = { tokenHash: hashToken(result.token), csrfToken: s.csrfToken, locale: s.locale, email: s.email };
      req.actor = { id: s.userId, name: s.name, roles: s.roles, requestId: req.id };
      return { user: me(req), csrfToken: s.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 200: ZOk } } },
    async (req, reply) => {
      await logout(db, req.actor, req.session!.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/session',
    {
      config: { permission: 'session-optional' },
      schema: { tags: ['auth'], summary: 'The signed-in user, or null: the page asks before sign-in', response: { 200: ZSessionProbe } },
    },
    async (req) => ({ me: meOrNull(req) }),
  );

  app.get(
    '/api/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: ZMe } } },
    async (req) => me(req),
  );

  app.patch(
    '/api/me/preferences',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Set the language, remembered per user', body: ZUpdatePreferences, response: { 200: ZMe } },
    },
    async (req) => {
      await setPreferredLocale(db, req.actor, req.body.locale);
      req.session!.locale = req.body.locale;
      return me(req);
    },
  );

  app.post(
    '/api/me/password',
    {
      // Limited like sign-in: the current password is a password guess too.
      config: { permission: 'authenticated', rateLimit: { max: config.FUWU_LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Change one’s own password', body: ZChangePassword, response: { 200: ZOk } },
    },
    async (req) => {
      await changeOwnPassword(db, req.actor, req.body.currentPassword, req.body.newPassword, req.session!.tokenHash);
      return { ok: true as const };
    },
  );
}
