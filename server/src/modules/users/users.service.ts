import { RULE_ISSUES } from '@contract/validation-messages';
import type { z } from 'zod';
import type { TLocale } from '@contract/common';
import type { TRole } from '@contract/roles';
import type { TCreateUser, TUpdateUser, TUser, TUserOption, ZUserQuery } from '@contract/users';
import { type Actor, systemActor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { revokeSessions, userChanged, verifyCurrentPassword } from '../auth/auth.service';
import { generatePassword, hashPassword } from '../auth/password';
import * as repo from './users.repo';

export function toUser(row: repo.UserRow, roles: TRole[]): TUser {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    phone: row.phone,
    department: row.department,
    active: Number(row.active) === 1,
    roles,
    locale: row.locale as TLocale,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadUser(db: Db, id: number): Promise<TUser> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const roles = await repo.findRoles(db, [id]);
  return toUser(row, roles.get(id) ?? []);
}

export const getUser = loadUser;

export async function listUsers(db: Db, q: z.infer<typeof ZUserQuery>) {
  const { rows, total } = await repo.listUsers(db, q);
  const roles = await repo.findRoles(
    db,
    rows.map((r) => Number(r.id)),
  );
  return { items: rows.map((r) => toUser(r, roles.get(Number(r.id)) ?? [])), total, page: q.page, pageSize: q.pageSize };
}

export async function createUser(db: Db, actor: Actor, input: TCreateUser): Promise<TUser> {
  const passwordHash = await hashPassword(input.password);
  return transact(db, (trx) => insertUser(trx, actor, input, passwordHash));
}

async function insertUser(trx: Db, actor: Actor, input: TCreateUser, passwordHash: string): Promise<TUser> {
  if (await repo.findUserByEmail(trx, input.email)) throw new AppError('USER_EMAIL_TAKEN', [issue('email', RULE_ISSUES.emailInUse)]);
  const at = nowIso();
  const row = await repo.insertUser(trx, {
    email: input.email,
    name: input.name,
    phone: input.phone ?? null,
    department: input.department ?? null,
    active: input.active ? 1 : 0,
    password_hash: passwordHash,
    locale: 'zh-CN',
    version: 1,
    created_at: at,
    updated_at: at,
  });
  const roles = dedupe(input.roles);
  await repo.replaceRoles(trx, Number(row.id), roles);
  const user = toUser(row, roles);
  await recordAudit(trx, actor, { entity: 'user', entityId: user.id, action: 'create', after: user });
  return user;
}

export async function updateUser(db: Db, actor: Actor, id: number, input: TUpdateUser): Promise<TUser> {
  return transact(db, async (trx) => {
    const before = await loadUser(trx, id);
    if (input.email && input.email !== before.email && (await repo.findUserByEmail(trx, input.email))) {
      throw new AppError('USER_EMAIL_TAKEN', [issue('email', RULE_ISSUES.emailInUse)]);
    }
    const at = nowIso();
    const row = await repo.updateUser(trx, id, input.version, {
      ...(input.email !== undefined && { email: input.email }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.department !== undefined && { department: input.department }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      updated_at: at,
    });
    const roles = input.roles ? dedupe(input.roles) : before.roles;
    if (input.roles) await repo.replaceRoles(trx, id, roles);
    const after = toUser(row, roles);
    const losesAdmin = before.active && before.roles.includes('admin') && !(after.active && after.roles.includes('admin'));
    if (losesAdmin) await assertAnAdminRemains(trx);
    if (before.active && !after.active) await revokeSessions(trx, id);
    else await userChanged(trx, id);
    await recordAudit(trx, actor, { entity: 'user', entityId: id, action: 'update', before, after });
    return after;
  });
}

/** Refuse a change that would leave no active administrator (checked after the change, inside it). */
async function assertAnAdminRemains(trx: Db): Promise<void> {
  if ((await repo.countActiveAdminsLocked(trx)) === 0) throw new AppError('USER_LAST_ADMIN');
}

export async function resetPassword(db: Db, actor: Actor, id: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await transact(db, async (trx) => {
    await loadUser(trx, id);
    await repo.setPasswordHash(trx, id, passwordHash, nowIso());
    await revokeSessions(trx, id);
    await recordAudit(trx, actor, { entity: 'user', entityId: id, action: 'reset_password' });
  });
}

/** Change one's own password; every other session of the user is signed out. */
export async function changeOwnPassword(db: Db, actor: Actor, current: string, next: string, keepTokenHash: string): Promise<void> {
  const id = actor.id as number;
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('AUTH_REQUIRED');
  await verifyCurrentPassword(db, actor, row.email, current, row.password_hash);
  const passwordHash = await hashPassword(next);
  await transact(db, async (trx) => {
    await repo.setPasswordHash(trx, id, passwordHash, nowIso());
    await revokeSessions(trx, id, keepTokenHash);
    await recordAudit(trx, actor, { entity: 'user', entityId: id, action: 'change_password' });
  });
}

export async function setPreferredLocale(db: Db, actor: Actor, locale: TLocale): Promise<void> {
  await transact(db, async (trx) => {
    const before = await loadUser(trx, actor.id as number);
    await repo.setLocale(trx, before.id, locale, nowIso());
    await userChanged(trx, before.id);
    await recordAudit(trx, actor, {
      entity: 'user',
      entityId: before.id,
      action: 'set_locale',
      before: { locale: before.locale },
      after: { locale },
    });
  });
}

/** A user by e-mail, with the password hash (the admin CLI, the demo loader). */
export function findUserForLogin(db: Db, email: string) {
  return repo.findUserByEmail(db, email);
}

/** Colleagues to pick in forms, for every signed-in user: id, name and roles only. */
export async function listUserOptions(db: Db, role: TRole | undefined): Promise<TUserOption[]> {
  const rows = await repo.listActiveUsers(db, role, 1000);
  const roles = await repo.findRoles(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, roles: roles.get(Number(r.id)) ?? [] }));
}

export function rolesOf(db: Db, id: number): Promise<TRole[]> {
  return repo.findRolesOfUser(db, id);
}

/** What start-up did about the administrator, to be announced (main.ts). */
export type FirstAdmin = {
  email: string;
  /** Set when no password was configured: the generated one, to print once. */
  generatedPassword: string | null;
  /** `created`: a new account; `restored`: the configured e-mail's existing account made an active administrator. */
  outcome: 'created' | 'restored';
  /** Users existed already (e.g. the demo company was loaded first) but none was an active administrator. */
  hadUsers: boolean;
};

/**
 * Start-up: whenever no active administrator exists (an empty database, or users without one —
 * `npm run demo` before the first start, or the last administrator deactivated directly in the
 * database), make the configured account one: create it, or when that e-mail is taken, activate it,
 * grant it the role and set its password (configured or generated), since nobody could otherwise
 * sign in to administer. The check and the change share one transaction; instances starting
 * together also hold the start-up lock (server/src/startup.ts), so only one of them does it.
 */
export async function ensureFirstAdmin(db: Db, email: string, password: string | undefined): Promise<FirstAdmin | null> {
  if ((await repo.countActiveAdmins(db)) > 0) return null;
  const pw = password ?? generatePassword();
  const passwordHash = await hashPassword(pw);
  const outcome = await transact(db, async (trx) => {
    if ((await repo.countActiveAdmins(trx)) > 0) return null;
    const hadUsers = (await repo.countUsers(trx)) > 0;
    const existing = await repo.findUserByEmail(trx, email);
    if (!existing) {
      await insertUser(trx, systemActor(), { email, name: '管理员', password: pw, roles: ['admin'], active: true }, passwordHash);
      return { outcome: 'created' as const, hadUsers };
    }
    const id = Number(existing.id);
    const before = toUser(existing, await repo.findRolesOfUser(trx, id));
    const roles = dedupe([...before.roles, 'admin']);
    const row = await repo.updateUser(trx, id, existing.version, { active: 1, password_hash: passwordHash, updated_at: nowIso() });
    await repo.replaceRoles(trx, id, roles);
    await revokeSessions(trx, id);
    await recordAudit(trx, systemActor(), { entity: 'user', entityId: id, action: 'update', before, after: toUser(row, roles) });
    return { outcome: 'restored' as const, hadUsers };
  });
  return outcome && { email, generatedPassword: password ? null : pw, ...outcome };
}

function dedupe(roles: readonly TRole[]): TRole[] {
  return [...new Set(roles)].sort();
}
