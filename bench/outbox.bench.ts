/**
 * Outbox: 10,000 notification e-mails to a local SMTP server. A sender process is killed with
 * SIGKILL halfway and a new one started; every message must arrive, and the bench counts those
 * that arrived twice (the at-least-once window: a message the server accepted whose "sent" mark
 * the killed sender had not yet committed). Prints the rate in messages per second. Prints,
 * never asserts.
 *
 *   node --import tsx bench/outbox.bench.ts [--messages 10000]
 *
 * SQLite file in a temporary folder; with DATABASE_URL set, that PostgreSQL database instead
 * (it must be empty: it is migrated and filled).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DbHandle, openPostgres, openSqlite } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { transact } from '../server/src/db/transaction';
import { notify, setEmailDelivery } from '../server/src/modules/notifications/notifications.service';
import { ensureFirstAdmin } from '../server/src/modules/users/users.service';
import { startSmtpReceiver } from '../server/src/testing/receivers';
import { BENCH_DIR } from './lib/child-server';
import { machineLine } from './lib/machine';
import { argValue, fmt } from './lib/stats';

const total = Number(argValue(process.argv, '--messages') ?? 10_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-outbox-bench-'));
const file = path.join(dataDir, 'fuwu.sqlite');
const open = (): DbHandle => (process.env.DATABASE_URL ? openPostgres(process.env.DATABASE_URL) : openSqlite(file));

async function seed(): Promise<void> {
  const database = open();
  await migrateToLatest(database.db);
  await ensureFirstAdmin(database.db, 'receiver@bench.local', 'bench-password-1');
  const user = await database.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
  setEmailDelivery(true);
  await transact(database.db, (trx) =>
    notify(
      trx,
      Array.from({ length: total }, (_, i) => ({
        userId: Number(user.id),
        kind: 'assignment' as const,
        titleZh: `派工 ${i}`,
        titleEn: `Assignment ${i}`,
        body: '存储阵列告警，硬盘故障灯亮',
        entity: 'service_request',
        entityId: i + 1,
        dedupeKey: `bench:${i}`,
      })),
    ),
  );
  await database.close();
}

function sender(smtpUrl: string, extra: string[] = []) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'servers/outbox-sender.ts'), file, smtpUrl, ...extra], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function main() {
  console.log(machineLine());
  await seed();
  const seen = new Map<string, number>();
  let arrived = 0;
  let killAt: (() => void) | null = null;
  const smtp = await startSmtpReceiver((m) => {
    const id = /^Message-ID: (.+)$/im.exec(m.raw)?.[1]?.trim() ?? `?${arrived}`;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (++arrived === Math.floor(total / 2)) killAt?.();
  });

  const t0 = performance.now();
  const first = sender(smtp.url);
  const firstExit = new Promise<NodeJS.Signals | number | null>((resolve) => first.on('exit', (code, signal) => resolve(signal ?? code)));
  killAt = () => first.kill('SIGKILL');
  const how = await firstExit;
  const t1 = performance.now();
  const atKill = arrived;
  const second = sender(smtp.url, ['--after-lease']);
  await new Promise((resolve) => second.on('exit', resolve));
  const t2 = performance.now();
  await smtp.close();

  const database = open();
  const states = await sql<{
    state: string;
    n: number;
  }>`select state, count(*) as n from delivery_outbox group by state order by state`.execute(database.db);
  await database.close();
  const distinct = seen.size;
  const twice = [...seen.values()].filter((n) => n > 1).length;
  console.log(`first sender: ${atKill} arrived, then ${how === 'SIGKILL' ? 'killed with SIGKILL' : `exited (${how}) before the kill`}`);
  console.log(`messages ${total}: arrived ${arrived}, distinct ${distinct}, lost ${total - distinct}, sent twice ${twice}`);
  console.log(`outbox states: ${states.rows.map((r) => `${r.state} ${r.n}`).join(', ')}`);
  console.log(
    `rate: first sender ${fmt(atKill / ((t1 - t0) / 1000), 0)} msg/s (incl. process start), restarted ${fmt((arrived - atKill) / ((t2 - t1) / 1000), 0)} msg/s, overall ${fmt(arrived / ((t2 - t0) / 1000), 0)} msg/s`,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
