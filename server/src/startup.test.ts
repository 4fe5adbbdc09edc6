import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEnv } from './config';
import { openPostgres } from './db/database';
import { migrations } from './db/migrations/index';
import { prepareDatabase } from './startup';
import { serverReady, spawnServer, stopServer } from './testing/spawn';
import { withFreshPostgresDatabase } from './testing/test-db';

const url = testEnv().TEST_DATABASE_URL;

async function assertStartedOnce(databaseUrl: string): Promise<void> {
  const db = openPostgres(databaseUrl, { max: 1 });
  try {
    const users = await sql<{ email: string }>`select email from app_user`.execute(db.db);
    assert.deepEqual(
      users.rows.map((r) => r.email),
      ['boss@corp.cn'],
    );
    const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db.db);
    assert.equal(applied.rows[0]?.n, Object.keys(migrations).length);
  } finally {
    await db.close();
  }
}

describe('several instances starting at once (postgres)', { skip: !url && 'TEST_DATABASE_URL is not set' }, () => {
  it('R-ORG-1 three instances preparing a fresh database at the same moment: all succeed, one creates the administrator', () =>
    withFreshPostgresDatabase(async (databaseUrl) => {
      const instances = [1, 2, 3].map(() => openPostgres(databaseUrl));
      try {
        const results = await Promise.allSettled(
          instances.map((h) => prepareDatabase(h.db, { email: 'boss@corp.cn', password: undefined })),
        );
        const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        assert.deepEqual(failed, []);
        const created = results.filter((r) => r.status === 'fulfilled' && r.value !== null);
        assert.equal(created.length, 1, 'exactly one instance created the administrator');
      } finally {
        await Promise.all(instances.map((h) => h.close()));
      }
      await assertStartedOnce(databaseUrl);
    }));

  it('R-ORG-1 three server processes started together on a fresh database all start, and exactly one creates the administrator', () =>
    withFreshPostgresDatabase(async (databaseUrl) => {
      const servers: ReturnType<typeof spawnServer>[] = [];
      try {
        for (let i = 0; i < 3; i++) {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-start-'));
          servers.push(spawnServer({ FUWU_DATA_DIR: dir, DATABASE_URL: databaseUrl, FUWU_ADMIN_EMAIL: 'boss@corp.cn' }));
        }
        // Each must become ready; one that dies at start fails the test at once, with its output.
        await Promise.all(servers.map((s) => serverReady(s, 90_000)));
        const printed = servers.filter((s) => /Password \(shown once\)/.test(s.output()));
        assert.equal(printed.length, 1, 'one instance created the administrator and printed its password');
        await assertStartedOnce(databaseUrl);
      } finally {
        for (const s of servers) await stopServer(s);
      }
    }));
});
