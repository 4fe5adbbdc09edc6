import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { preparedQuery } from '../../db/prepared-query';
import type { LoginThrottleTable, SessionTable } from './auth.table';

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

export function findThrottle(db: Db, email: string): Promise<Selectable<LoginThrottleTable> | undefined> {
  return db.selectFrom('login_throttle').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function saveThrottle(db: Db, row: Selectable<LoginThrottleTable>): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({ failures: row.failures, first_failure_at: row.first_failure_at, locked_until: row.locked_until }),
    )
    .execute();
}

export async function clearThrottle(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('email', '=', email).execute();
}
