import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database';
import { preparedQuery } from '../../db/prepared-query';
import type { SessionTable } from './auth.table';

export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

const sessionWithUser = preparedQuery((db: Db, tokenHash: string) =>
  db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.csrf_token',
      'session.expires_at',
      'app_user.id as user_id',
      'app_user.name',
      'app_user.email',
      'app_user.active',
      'app_user.locale',
      // The user row's copy of its roles (users.repo's replaceRoles keeps it): no aggregate over user_role.
      'app_user.roles',
    ])
    .where('session.token_hash', '=', tokenHash),
);

/** The session with its user and roles, in one query (one round trip): this runs on every request. */
export function findSessionWithUser(db: Db, tokenHash: string) {
  return sessionWithUser.first(db, tokenHash);
}

export async function extendSession(db: Db, tokenHash: string, expiresAt: string): Promise<void> {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number, exceptTokenHash?: string): Promise<void> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const r = await db.deleteFrom('session').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The credentials checked at sign-in (the user row's copy, read by the auth module as the session lookup does). */
export function findLoginUser(db: Db, email: string) {
  return db.selectFrom('app_user').select(['id', 'name', 'password_hash', 'active']).where('email', '=', email).executeTakeFirst();
}

export interface AttemptWindow {
  now: string;
  /** Failures counted since before this instant are forgotten. */
  windowStart: string;
  /** Set as the lock's end when this attempt reaches `max`. */
  lockUntil: string;
  max: number;
}

/**
 * Count one password attempt against an e-mail before the password is checked, in the one
 * statement that also decides the lockout: parallel attempts each get their own number (the row
 * lock orders them), so no more than `max` are ever checked in a window. The attempt that reaches
 * `max` sets the lock; a right password clears the count (clearThrottle). Returns the attempt's
 * number, or null when the e-mail is locked (nothing is counted then).
 */
export async function countAttempt(db: Db, email: string, w: AttemptWindow): Promise<number | null> {
  // A count from an expired window or an expired lock starts again at 1. Every right-hand side
  // below reads the row as it was before this statement.
  const fresh = sql<boolean>`(login_throttle.first_failure_at >= ${w.windowStart} and login_throttle.locked_until is null)`;
  const failures = sql<number>`case when ${fresh} then login_throttle.failures + 1 else 1 end`;
  const row = await db
    .insertInto('login_throttle')
    .values({ email, failures: 1, first_failure_at: w.now, locked_until: w.max <= 1 ? w.lockUntil : null })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet({
          failures,
          first_failure_at: sql<string>`case when ${fresh} then login_throttle.first_failure_at else ${w.now} end`,
          locked_until: sql<string | null>`case when ${failures} >= ${w.max} then ${w.lockUntil} else null end`,
        })
        .where((eb) => eb.or([eb('login_throttle.locked_until', 'is', null), eb('login_throttle.locked_until', '<=', w.now)])),
    )
    .returning('failures')
    .executeTakeFirst();
  return row ? Number(row.failures) : null;
}

export async function clearThrottle(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('email', '=', email).execute();
}
