import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import { type Db, isPostgres } from '../../db/database';
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
      'session.token_hash',
      'session.csrf_token',
      'session.expires_at',
      'app_user.id as user_id',
      'app_user.name',
      'app_user.email',
      'app_user.active',
      'app_user.locale',
      // The roles ride along in the same query: one round trip per request instead of two.
      (isPostgres(db)
        ? sql<string | null>`(select string_agg(r.role, ',') from user_role r where r.user_id = app_user.id)`
        : sql<string | null>`(select group_concat(r.role, ',') from user_role r where r.user_id = app_user.id)`
      ).as('roles'),
    ])
    .where('session.token_hash', '=', tokenHash),
);

/** The session with its user, in one query: this runs on every request. */
export async function findSessionWithUser(db: Db, tokenHash: string) {
  return (await sessionWithUser(db, tokenHash))[0];
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
