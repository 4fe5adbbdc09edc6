/**
 * One delivery sender in a process of its own, as main.ts runs it: drains the outbox of the
 * SQLite database (or DATABASE_URL) given, then exits. The outbox bench kills it with SIGKILL.
 *
 *   node --import tsx bench/servers/outbox-sender.ts <sqlite-file> <smtp-url> [--after-lease]
 *
 * `--after-lease`: claim as if the lease of a killed sender had run out (the real wait, LEASE_MS,
 * is minutes; the bench does not sit through it).
 */
import { openPostgres, openSqlite } from '../../server/src/db/database';
import { deliverDue, LEASE_MS, smtpMailer } from '../../server/src/modules/notifications/delivery.sender';

async function main() {
  const [file, smtpUrl] = process.argv.slice(2);
  const afterLease = process.argv.includes('--after-lease');
  const database = process.env.DATABASE_URL ? openPostgres(process.env.DATABASE_URL) : openSqlite(file);
  const mailer = smtpMailer(smtpUrl, 'Fuwu <noreply@bench.local>');
  const deps = { mailer, publicUrl: 'http://localhost:3000' };
  for (;;) {
    const now = afterLease ? new Date(Date.now() + LEASE_MS + 1000) : new Date();
    if ((await deliverDue(database.db, deps, now)).claimed === 0) break;
  }
  mailer.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
