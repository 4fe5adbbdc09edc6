import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { testEnv } from '../../config';
import { type DbHandle, type Engine, openPostgres, openSqlite } from '../../db/database';
import { migrations } from '../../db/migrations/index';
import { engines } from '../../testing/test-db';
import { hashToken, resolveSession } from './auth.service';

const BEFORE = '2026_11_27_1600_rebuild_session_without_rowid';

/** A database migrated up to just before `BEFORE`, and a migrator to take it the rest of the way. */
async function openBefore(engine: Engine): Promise<{ handle: DbHandle; migrator: Migrator; close: () => Promise<void> }> {
  const provider = { getMigrations: async () => migrations };
  const earlier = Object.keys(migrations)
    .filter((name) => name < BEFORE)
    .sort()
    .at(-1) as string;
  if (engine === 'sqlite') {
    const handle = openSqlite(':memory:');
    const migrator = new Migrator({ db: handle.db, provider });
    await migrator.migrateTo(earlier);
    return { handle, migrator, close: () => handle.close() };
  }
  const url = testEnv().TEST_DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const handle = openPostgres(url, { schema, max: 2 });
  const migrator = new Migrator({ db: handle.db, provider, migrationTableSchema: schema });
  await migrator.migrateTo(earlier);
  return {
    handle,
    migrator,
    close: async () => {
      await handle.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}

for (const engine of engines()) {
  describe(`session and roles migrations (${engine})`, () => {
    it('R-ORG-1 sessions open before the session table is rebuilt keep working, with the roles the user holds', async () => {
      const { handle, migrator, close } = await openBefore(engine);
      try {
        const db = handle.db;
        const at = new Date().toISOString();
        const user = {
          email: 'm@test.local',
          name: '迁移',
          active: 1,
          password_hash: 'x',
          locale: 'en',
          version: 1,
          created_at: at,
          updated_at: at,
        };
        const { id } = await db.insertInto('app_user').values(user).returning('id').executeTakeFirstOrThrow();
        await db
          .insertInto('user_role')
          .values([
            { user_id: Number(id), role: 'sales' },
            { user_id: Number(id), role: 'commerce' },
          ])
          .execute();
        const token = 'a-token-from-before';
        const expires = new Date(Date.now() + 3_600_000).toISOString();
        await db
          .insertInto('session')
          .values({
            token_hash: hashToken(token),
            user_id: Number(id),
            csrf_token: 'c',
            created_at: at,
            expires_at: expires,
            ip: null,
            user_agent: null,
          })
          .execute();

        const { error } = await migrator.migrateToLatest();
        assert.equal(error, undefined);
        const s = await resolveSession(db, token, 2);
        assert.ok(s, 'the session survives the rebuild');
        assert.deepEqual(s.roles, ['commerce', 'sales']);
        assert.equal(s.locale, 'en');
        const row = await db.selectFrom('app_user').select('roles').where('id', '=', Number(id)).executeTakeFirstOrThrow();
        assert.equal(row.roles, 'commerce,sales');
      } finally {
        await close();
      }
    });
  });
}
