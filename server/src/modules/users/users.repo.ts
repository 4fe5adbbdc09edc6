import type { Insertable, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { TRole } from '@contract/roles';
import type { ZUserQuery } from '@contract/users';
import { type Db, isPostgres } from '../../db/database';
import { updateVersionedReturning } from '../../db/versioned-update';
import { preparedQuery } from '../../db/prepared-query';
import { zhOrder } from '../../db/zh-order';
import type { AppUserTable } from './users.table';

export type UserRow = Selectable<AppUserTable>;

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findRoles(db: Db, userIds: number[]): Promise<Map<number, TRole[]>> {
  const map = new Map<number, TRole[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_role').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) {
    const id = Number(r.user_id);
    map.set(id, [...(map.get(id) ?? []), r.role as TRole]);
  }
  return map;
}

const rolesOfUser = preparedQuery((db: Db, userId: number) =>
  db.selectFrom('user_role').select('role').where('user_id', '=', userId).orderBy('role'),
);

/** One user's roles (on every request's path: prepared once). */
export async function findRolesOfUser(db: Db, userId: number): Promise<TRole[]> {
  return (await rolesOfUser(db, userId)).map((r) => r.role as TRole);
}

export async function insertUser(db: Db, row: Insertable<AppUserTable>): Promise<UserRow> {
  return db.insertInto('app_user').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateUser(db: Db, id: number, version: number, patch: Updateable<AppUserTable>): Promise<UserRow> {
  return updateVersionedReturning(db, 'app_user', id, version, patch);
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: passwordHash, updated_at: at }).where('id', '=', id).execute();
}

export async function setLocale(db: Db, id: number, locale: string, at: string): Promise<void> {
  await db.updateTable('app_user').set({ locale, updated_at: at }).where('id', '=', id).execute();
}

/**
 * The one writer of a user's roles: the `user_role` rows and the user row's `roles` copy (read by
 * the session lookup) together. Call it inside the transaction of the change.
 */
export async function replaceRoles(db: Db, userId: number, roles: readonly TRole[]): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  await db
    .insertInto('user_role')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
  await db
    .updateTable('app_user')
    .set({ roles: [...roles].sort().join(',') })
    .where('id', '=', userId)
    .execute();
}

/**
 * The active administrators, counted inside a change that may demote one. PostgreSQL: their rows
 * are locked first, so two concurrent demotions cannot both see another admin left (SQLite's
 * write lock already serialises the two transactions).
 */
export async function countActiveAdminsLocked(db: Db): Promise<number> {
  if (isPostgres(db)) {
    await db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select('app_user.id')
      .where('user_role.role', '=', 'admin')
      .forUpdate('app_user')
      .execute();
  }
  return countActiveAdmins(db);
}

/** Active users holding the administrator role. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .where('user_role.role', '=', 'admin')
    .where('app_user.active', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const SORT_COLUMNS = { email: 'email', createdAt: 'created_at' } as const;

export async function listUsers(db: Db, q: z.infer<typeof ZUserQuery>): Promise<{ rows: UserRow[]; total: number }> {
  let base = db.selectFrom('app_user');
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', like),
        eb('email', 'like', like),
        eb('phone', 'like', like),
        eb(eb.fn('lower', ['department']), 'like', like),
      ]),
    );
  }
  if (q.role) {
    const role = q.role;
    base = base.where('id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role', '=', role));
  }
  if (q.active) base = base.where('active', '=', q.active === 'true' ? 1 : 0);
  const desc = q.sort.startsWith('-');
  const key = q.sort.replace(/^-/, '') as 'name' | keyof typeof SORT_COLUMNS;
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      // By name: Chinese (pinyin) order, served by app_user_name_zh_idx.
      .orderBy(key === 'name' ? zhOrder(db, 'name') : SORT_COLUMNS[key], desc ? 'desc' : 'asc')
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Active users (holding a role), by name: the colleagues a form may pick. */
export function listActiveUsers(db: Db, role: TRole | undefined, limit: number): Promise<UserRow[]> {
  let q = db.selectFrom('app_user').selectAll().where('active', '=', 1);
  if (role) q = q.where('id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role', '=', role));
  return q.orderBy(zhOrder(db, 'name')).orderBy('id').limit(limit).execute();
}
