import type { Kysely } from 'kysely';

/**
 * `app_user.roles`: the user's roles, sorted and comma-separated, beside the `user_role` rows
 * (which stay the source for role filters and their index). The session lookup on every request
 * reads the roles from the user row it already joins, instead of aggregating `user_role`.
 * users.repo's `replaceRoles` — the one writer of roles — writes both in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Filled in JavaScript, sorted as users.service sorts them: no engine-specific aggregate or collation.
  const rows: { user_id: number | string; role: string }[] = await db.selectFrom('user_role').select(['user_id', 'role']).execute();
  const byUser = new Map<number, string[]>();
  for (const r of rows) {
    const id = Number(r.user_id);
    byUser.set(id, [...(byUser.get(id) ?? []), r.role]);
  }
  for (const [id, roles] of byUser) {
    await db
      .updateTable('app_user')
      .set({ roles: roles.sort().join(',') })
      .where('id', '=', id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('roles').execute();
}
