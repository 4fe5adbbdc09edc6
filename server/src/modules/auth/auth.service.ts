import { hash, randomBytes } from 'node:crypto';
import { RULE_ISSUES } from '@contract/validation-messages';
import type { TLocale } from '@contract/common';
import type { TRole } from '@contract/roles';
import type { Actor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import * as repo from './auth.repo';
import { hashPassword, verifyPassword } from './password';
import { announceSessionChange, sessionCacheOf } from './session-cache';

/** Failed sign-ins allowed per e-mail within the window before a temporary lockout. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

// Verified against when the e-mail is unknown, so both cases cost one scrypt.
const dummyHash = hashPassword(randomBytes(16).toString('hex'));

/** SHA-256 of a session token, hex. The one-shot `crypto.hash` costs a third of a Hash object: this runs on every request. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  sessionHours: number;
}

/**
 * Count a password attempt against an e-mail before checking it (auth.repo's countAttempt): at most
 * MAX_FAILURES are checked per window, however many arrive at once. Throws AUTH_LOCKED beyond.
 */
async function countAttempt(db: Db, email: string, now: number): Promise<number> {
  const attempt = await repo.countAttempt(db, email, {
    now: new Date(now).toISOString(),
    windowStart: new Date(now - WINDOW_MS).toISOString(),
    lockUntil: new Date(now + LOCK_MS).toISOString(),
    max: MAX_FAILURES,
  });
  if (attempt === null) throw new AppError('AUTH_LOCKED');
  return attempt;
}

/** Sign in: one answer and one cost for an unknown e-mail and a wrong password. */
export async function login(db: Db, email: string, password: string, meta: LoginMeta) {
  const now = Date.now();
  const attempt = await countAttempt(db, email, now);
  const user = await repo.findLoginUser(db, email);
  const matches = await verifyPassword(password, user?.password_hash ?? (await dummyHash));
  if (!user || !matches || Number(user.active) !== 1) {
    await transact(db, (trx) =>
      recordAudit(trx, anonymous(meta.requestId), {
        entity: 'auth',
        entityId: email,
        action: 'login_failed',
        after: { ip: meta.ip, failures: attempt },
      }),
    );
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const userId = Number(user.id);
  await transact(db, async (trx) => {
    await repo.clearThrottle(trx, email);
    await repo.insertSession(trx, {
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + meta.sessionHours * 3_600_000).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      trx,
      { id: userId, name: user.name, roles: [], requestId: meta.requestId },
      { entity: 'auth', entityId: userId, action: 'login', after: { ip: meta.ip } },
    );
  });
  return { token, csrfToken, userId };
}

/**
 * Check a signed-in user's current password (before a password change) under the sign-in lockout
 * of their e-mail: a wrong one counts as a failed sign-in, so the form cannot be used to guess.
 */
export async function verifyCurrentPassword(db: Db, actor: Actor, email: string, password: string, passwordHash: string): Promise<void> {
  const attempt = await countAttempt(db, email, Date.now());
  if (!(await verifyPassword(password, passwordHash))) {
    await transact(db, (trx) =>
      recordAudit(trx, actor, { entity: 'auth', entityId: email, action: 'password_check_failed', after: { failures: attempt } }),
    );
    throw new AppError('AUTH_WRONG_PASSWORD', [issue('currentPassword', RULE_ISSUES.wrongPassword)]);
  }
  await repo.clearThrottle(db, email);
}

export interface ResolvedSession {
  tokenHash: string;
  csrfToken: string;
  userId: number;
  name: string;
  email: string;
  locale: TLocale;
  roles: TRole[];
}

/**
 * The session behind a cookie token, or null when unknown, expired or its user inactive. Slides the
 * expiry. Served from this instance's session cache when it holds the session and the expiry needs
 * no sliding yet (session-cache.ts says why that stays correct).
 */
export async function resolveSession(db: Db, token: string, sessionHours: number): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const now = Date.now();
  const lifetime = sessionHours * 3_600_000;
  const cache = sessionCacheOf(db);
  const cached = cache?.find(tokenHash, now);
  if (cached && cached.expiresAt - now >= lifetime / 2) return cached.session;
  const generation = cache?.generation ?? 0;
  const row = await repo.findSessionWithUser(db, tokenHash);
  if (!row || Number(row.active) !== 1) return null;
  let expires = Date.parse(row.expires_at);
  if (expires <= now) return null;
  // Slide only past half the lifetime: one write per half-life, not one per request.
  if (expires - now < lifetime / 2) {
    expires = now + lifetime;
    await repo.extendSession(db, tokenHash, new Date(expires).toISOString());
  }
  const session: ResolvedSession = {
    tokenHash,
    csrfToken: row.csrf_token,
    userId: Number(row.user_id),
    name: row.name,
    email: row.email,
    locale: row.locale as TLocale,
    // Frozen: a cached session's roles are handed to every request of the session.
    roles: Object.freeze(row.roles ? (row.roles.split(',').sort() as TRole[]) : []) as TRole[],
  };
  cache?.store(tokenHash, { session, expiresAt: expires }, generation);
  return session;
}

export async function logout(db: Db, actor: Actor, tokenHash: string): Promise<void> {
  await transact(db, async (trx) => {
    await repo.deleteSession(trx, tokenHash);
    if (actor.id !== null) await announceSessionChange(trx, actor.id);
    await recordAudit(trx, actor, { entity: 'auth', entityId: actor.id ?? 0, action: 'logout' });
  });
}

/** Revoke a user's sessions (password reset, deactivation), optionally keeping the current one: on every instance once `trx` commits. */
export async function revokeSessions(trx: Db, userId: number, exceptTokenHash?: string): Promise<void> {
  await repo.deleteSessionsOfUser(trx, userId, exceptTokenHash);
  await announceSessionChange(trx, userId);
}

/**
 * Part of a transaction that changes what a user's sessions carry (name, e-mail, locale, roles,
 * active): every instance looks their sessions up afresh once it commits.
 */
export const userChanged = announceSessionChange;

export function sweepExpiredSessions(db: Db): Promise<number> {
  return repo.deleteExpiredSessions(db, nowIso());
}

function anonymous(requestId: string): Actor {
  return { id: null, name: null, roles: [], requestId };
}
