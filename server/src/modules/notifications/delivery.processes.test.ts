import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEnv } from '../../config';
import { openPostgres } from '../../db/database';
import { transact } from '../../db/transaction';
import { prepareDatabase } from '../../startup';
import { startRobotReceiver } from '../../testing/receivers';
import { serverReady, spawnServer, stopServer } from '../../testing/spawn';
import { withFreshPostgresDatabase } from '../../testing/test-db';
import { insertRobot, replaceRobotKinds } from './delivery.repo';
import { notify } from './notifications.service';

const url = testEnv().TEST_DATABASE_URL;
const TOTAL = 1000;
/** Each process's public address: a message's link says which process sent it. */
const HOSTS = ['a.fuwu.test', 'b.fuwu.test'];

/**
 * Two server processes (main.ts, each with the delivery worker it starts) on one PostgreSQL
 * database, 1,000 notifications queued for a group robot: each message must reach the robot
 * exactly once. SQLite is one file for one process: there is no second app process to compete.
 */
describe('delivery by two app processes on one database (postgres)', {
  skip: !url && 'PostgreSQL only: TEST_DATABASE_URL is not set',
}, () => {
  it('two app processes on one PostgreSQL with 1,000 queued notifications: every message delivered exactly once', () =>
    withFreshPostgresDatabase(async (databaseUrl) => {
      // 30 ms a message, 10 at a time: about 3 s for one process alone, so the other joins in.
      const robots = await startRobotReceiver({ delayMs: 30 });
      const database = openPostgres(databaseUrl, { max: 2 });
      const servers: ReturnType<typeof spawnServer>[] = [];
      try {
        await prepareDatabase(database.db, { email: 'boss@corp.cn', password: 'two-processes-1' });
        const admin = await database.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
        await transact(database.db, async (trx) => {
          const at = new Date().toISOString();
          const id = await insertRobot(trx, {
            name: '值班群',
            kind: 'wecom',
            webhook_url: robots.url('/once'),
            secret: null,
            active: 1,
            version: 1,
            created_at: at,
            updated_at: at,
          });
          await replaceRobotKinds(trx, id, ['assignment']);
        });

        for (const host of HOSTS) {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-delivery-'));
          const s = spawnServer({ FUWU_DATA_DIR: dir, DATABASE_URL: databaseUrl, FUWU_PUBLIC_URL: `http://${host}` });
          servers.push(s);
          await serverReady(s, 90_000);
        }

        // Queued after both workers run: they compete for the same rows.
        await transact(database.db, (trx) =>
          notify(
            trx,
            Array.from({ length: TOTAL }, (_, i) => ({
              userId: Number(admin.id),
              kind: 'assignment' as const,
              titleZh: `派工 ${i}`,
              titleEn: `Assignment ${i}`,
              entity: 'service_request',
              entityId: i + 1,
              dedupeKey: `two-processes:${i}`,
            })),
          ),
        );

        // Done when no row is left to send: a row marked sent is never claimed again, so no
        // message can arrive after that.
        const deadline = Date.now() + 120_000;
        for (;;) {
          const left = await sql<{ n: number }>`select count(*)::int as n from delivery_outbox where state <> 'sent'`.execute(database.db);
          if (left.rows[0].n === 0) break;
          if (Date.now() > deadline) assert.fail(`${left.rows[0].n} messages still unsent after 120 s; received ${robots.received.length}`);
          await new Promise((r) => setTimeout(r, 100));
        }

        const numbers = robots.received.map((p) => /\/service-requests\/(\d+)/.exec(p.body.markdown.content)?.[1]);
        assert.equal(robots.received.length, TOTAL, 'no message sent twice');
        assert.equal(new Set(numbers).size, TOTAL, 'every message delivered');
        const byProcess = HOSTS.map((h) => robots.received.filter((p) => p.body.markdown.content.includes(`//${h}/`)).length);
        assert.ok(
          byProcess.every((n) => n > 0),
          `both processes sent (${byProcess.join(' + ')}): the test is of two competing, not of one doing all the work`,
        );
      } finally {
        for (const s of servers) await stopServer(s);
        await database.close();
        await robots.close();
      }
    }));
});
