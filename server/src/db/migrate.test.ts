import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEnv } from '../config';
import { createTestDatabase, engines } from '../testing/test-db';
import { openPostgres } from './database';
import { migrateToLatest } from './migrate';

describe('migrations beside other schemas (postgres)', { skip: !engines().includes('postgres') && 'TEST_DATABASE_URL is not set' }, () => {
  it('a migration run is not failed by another schema being dropped meanwhile', async () => {
    // Kysely's own introspector read every schema of the database by name and failed with
    // `schema "…" does not exist` when one was dropped during the read: the test suite's retried flake.
    const h = await createTestDatabase('postgres');
    const other = openPostgres(testEnv().TEST_DATABASE_URL as string, { max: 1 });
    const prefix = `t_churn_${randomBytes(4).toString('hex')}`;
    let stop = false;
    let churned = 0;
    const churn = (async () => {
      while (!stop) {
        const schema = `${prefix}_${churned++ % 3}`;
        await sql`create schema ${sql.id(schema)}`.execute(other.db);
        await sql`create table ${sql.id(schema)}.t (id serial primary key, name text)`.execute(other.db);
        await sql`drop schema ${sql.id(schema)} cascade`.execute(other.db);
      }
    })();
    const failures: string[] = [];
    try {
      for (let run = 0; run < 40; run++) {
        try {
          await migrateToLatest(h.db, await currentSchema(h.db));
        } catch (err) {
          failures.push(String(err));
        }
      }
    } finally {
      stop = true;
      await churn;
      await other.close();
      await h.close();
    }
    assert.ok(churned > 10, `schemas created and dropped meanwhile: ${churned}`);
    assert.deepEqual(failures, []);
  });
});

async function currentSchema(db: Parameters<typeof migrateToLatest>[0]): Promise<string> {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return rows[0]?.s as string;
}
