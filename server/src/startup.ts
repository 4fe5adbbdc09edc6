import type { Db } from './db/database';
import { migrateToLatest, withStartupLock } from './db/migrate';
import { type FirstAdmin, ensureFirstAdmin } from './modules/users/users.service';

/**
 * Start-up's steps on the database: pending migrations, then an administrator whenever no active
 * one exists (users.service.ts ensureFirstAdmin). Safe for several instances starting at once: they take turns (withStartupLock), and
 * both steps do nothing when already done, so exactly one instance creates the administrator.
 */
export function prepareDatabase(db: Db, admin: { email: string; password: string | undefined }) {
  return withStartupLock(db, async () => {
    await migrateToLatest(db);
    return ensureFirstAdmin(db, admin.email, admin.password);
  });
}

/** Start-up's announcement of what it did about the administrator (zh-CN, then English). */
export function describeFirstAdmin(admin: FirstAdmin): string {
  const lines: string[] = [];
  if (admin.hadUsers) lines.push('没有在用的管理员。 No active administrator existed.');
  lines.push(
    admin.outcome === 'created'
      ? `首位管理员 First administrator: ${admin.email}`
      : `已将现有账号设为管理员并重设密码 The existing account was made an active administrator, password reset: ${admin.email}`,
  );
  lines.push(
    admin.generatedPassword
      ? `密码 Password (shown once): ${admin.generatedPassword}`
      : '密码为 FUWU_ADMIN_PASSWORD 所设 Password: the one set in FUWU_ADMIN_PASSWORD',
  );
  return `\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
