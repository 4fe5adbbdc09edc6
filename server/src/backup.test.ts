import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { testEnv } from './config';
import { openPostgres } from './db/database';
import { runCli } from './testing/spawn';
import { withFreshPostgresDatabase } from './testing/test-db';

/** Every table's rows, each table's in one order (by their JSON), so two states compare whole. */
type Snapshot = Record<string, string[]>;

function sortedRows(rows: readonly unknown[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

function sqliteSnapshot(file: string): Snapshot {
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' order by name").all();
    return Object.fromEntries(tables.map(({ name }) => [name, sortedRows(db.prepare(`select * from "${name}"`).all())]));
  } finally {
    db.close();
  }
}

/** What an operator does between a backup and a restore: records added, changed and deleted. */
function changeRecords(env: Record<string, string>, sqlOn: (statement: string) => void) {
  const created = runCli(['create-user', '--email', 'after.backup@corp.cn', '--name', '备份之后', '--roles', 'engineer'], env);
  assert.equal(created.status, 0, created.out);
  const reset = runCli(['reset-password', '--email', 'zhang.wei@demo.fuwu', '--password', 'after-backup-pass-1'], env);
  assert.equal(reset.status, 0, reset.out);
  sqlOn(`update customer set name = name || '（已改）'`);
  sqlOn('delete from notification');
}

describe('backup and restore', () => {
  it('R-ORG-1 SQLite: the demo backed up with the CLI, changed, then restored, is every table as it was at the backup', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-backup-'));
    const env = { FUWU_DATA_DIR: dir };
    const file = path.join(dir, 'fuwu.sqlite');
    try {
      const demo = runCli(['demo'], env);
      assert.equal(demo.status, 0, demo.out);
      const atBackup = sqliteSnapshot(file);
      const backupFile = path.join(dir, 'backup.sqlite');
      const backup = runCli(['backup', backupFile], env);
      assert.equal(backup.status, 0, backup.out);

      changeRecords(env, (statement) => {
        const db = new SQLite(file);
        db.exec(statement);
        db.close();
      });
      const changed = sqliteSnapshot(file);
      assert.notDeepEqual(changed.app_user, atBackup.app_user);
      assert.equal(changed.notification?.length, 0);

      const restore = runCli(['restore', backupFile], env);
      assert.equal(restore.status, 0, restore.out);
      const restored = sqliteSnapshot(file);
      assert.ok((atBackup.customer?.length ?? 0) > 0 && (atBackup.notification?.length ?? 0) > 0, 'the demo has records to lose');
      assert.deepEqual(Object.keys(restored), Object.keys(atBackup));
      for (const table of Object.keys(atBackup)) assert.deepEqual(restored[table], atBackup[table], `table ${table}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = testEnv().TEST_DATABASE_URL;
  const tools = ['pg_dump', 'pg_restore'].filter((t) => spawnSync(t, ['--version']).status !== 0);
  const skip = !url
    ? 'TEST_DATABASE_URL is not set'
    : tools.length
      ? `${tools.join(' and ')} not installed (apt install postgresql-client)`
      : false;

  it('R-ORG-1 PostgreSQL: the README’s pg_dump / pg_restore restores every table as it was at the dump', { skip }, () =>
    withFreshPostgresDatabase(async (databaseUrl) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-backup-'));
      const env = { FUWU_DATA_DIR: dir, DATABASE_URL: databaseUrl };
      const db = openPostgres(databaseUrl, { max: 1 });
      const snapshot = async (): Promise<Snapshot> => {
        const tables = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db.db);
        const out: Snapshot = {};
        for (const { name: table } of tables.rows)
          out[table] = sortedRows((await sql`select * from ${sql.table(table)}`.execute(db.db)).rows);
        return out;
      };
      try {
        const demo = runCli(['demo'], env);
        assert.equal(demo.status, 0, demo.out);
        const atBackup = await snapshot();
        const dump = path.join(dir, 'fuwu.dump');
        // README: pg_dump -Fc fuwu > fuwu.dump
        const dumped = spawnSync('pg_dump', ['-Fc', '-d', databaseUrl, '-f', dump], { encoding: 'utf8' });
        assert.equal(dumped.status, 0, dumped.stderr);

        const statements: string[] = [];
        changeRecords(env, (statement) => statements.push(statement));
        for (const statement of statements) await sql.raw(statement).execute(db.db);
        assert.notDeepEqual((await snapshot()).app_user, atBackup.app_user);

        // README: with the servers stopped, pg_restore --clean --if-exists --single-transaction -d fuwu fuwu.dump
        const restored = spawnSync('pg_restore', ['--clean', '--if-exists', '--single-transaction', '-d', databaseUrl, dump], {
          encoding: 'utf8',
        });
        assert.equal(restored.status, 0, restored.stderr);
        const after = await snapshot();
        assert.deepEqual(Object.keys(after), Object.keys(atBackup));
        for (const table of Object.keys(atBackup)) assert.deepEqual(after[table], atBackup[table], `table ${table}`);
      } finally {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
});
