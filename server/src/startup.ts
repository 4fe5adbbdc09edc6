import type { Db } from './db/database';
import { migrateToLatest, withStartupLock } from './db/migrate';
import { ensureFirstAdmin } from './modules/users/users.service';

/**
 * Start-up's steps on the database: pending migrations, then the first administrator on an empty
 * database. Safe for several instances starting at once: they take turns (withStartupLock), and
 * both steps do nothing when already done, so exactly one instance creates the administrator.
 */
export function prepareDatabase(db: Db, admin: { email: string; password: string | undefined }) {
  return withStartupLock(db, async () => {
    await migrateToLatest(db);
    return ensureFirstAdmin(db, admin.email, admin.password);
  });
}
