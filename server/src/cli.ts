import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { ZCreateUser } from '@contract/users';
import { systemActor } from './actor';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest, withStartupLock } from './db/migrate';
import { loadDemo } from './demo';
import { registerZhOrder } from './db/zh-order';
import { createUser, findUserForLogin, resetPassword } from './modules/users/users.service';

const HELP = `Fuwu admin — npm run admin -- <command> [options]

  create-user --email E --name N --roles admin,engineer [--password P] [--phone X] [--department D]
  reset-password --email E [--password P]     (prints a generated password when none is given)
  backup <file>      SQLite: consistent online copy, safe while the server runs
  restore <file>     SQLite: replace the database with a backup (stop the server first)
  migrate            apply pending database migrations
  demo               load the demo company (users for every role)`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      password: { type: 'string' },
      phone: { type: 'string' },
      department: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  const sqliteFile = path.join(config.dataDir, 'fuwu.sqlite');

  if (command === 'backup' || command === 'restore') {
    if (config.DATABASE_URL)
      fail('backup/restore here are for the embedded SQLite database; on PostgreSQL use pg_dump / pg_restore (see README).');
    if (!arg) fail(`usage: npm run admin -- ${command} <file>`);
    if (command === 'backup') {
      const db = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
      await db.backup(path.resolve(arg));
      db.close();
      console.log(`backup written to ${path.resolve(arg)}`);
    } else {
      if (!fs.existsSync(arg)) fail(`no such file: ${arg}`);
      const src = new SQLite(path.resolve(arg), { readonly: true, fileMustExist: true });
      // integrity_check recomputes the index on zh_key(...).
      registerZhOrder(src);
      const ok = src.pragma('integrity_check', { simple: true }) === 'ok';
      const isFuwu = src.prepare("select 1 from sqlite_master where name = 'kysely_migration'").get();
      if (!ok || !isFuwu) fail(`${arg} is not a sound Fuwu backup`);
      fs.mkdirSync(config.dataDir, { recursive: true });
      // The backup API copies page by page into the live file, WAL included.
      await src.backup(sqliteFile);
      src.close();
      console.log(`restored ${arg} into ${sqliteFile}`);
    }
    return;
  }

  const database = openDatabase(config);
  try {
    await withStartupLock(database.db, () => migrateToLatest(database.db));
    const actor = systemActor('cli');
    switch (command) {
      case 'migrate':
        console.log('database is up to date');
        break;
      case 'create-user': {
        const generated = values.password ? null : randomPassword();
        const input = ZCreateUser.safeParse({
          email: values.email,
          name: values.name,
          phone: values.phone,
          department: values.department,
          roles: (values.roles ?? '').split(',').filter(Boolean),
          password: values.password ?? generated,
        });
        if (!input.success) fail(input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
        const user = await createUser(database.db, actor, input.data);
        console.log(`created user ${user.id} ${user.email} [${user.roles.join(', ')}]${generated ? `\npassword: ${generated}` : ''}`);
        break;
      }
      case 'reset-password': {
        const user = values.email ? await findUserForLogin(database.db, values.email.toLowerCase()) : undefined;
        if (!user) fail(`no user with e-mail ${values.email ?? '(missing --email)'}`);
        const pw = values.password ?? randomPassword();
        if (pw.length < 10) fail('--password: at least 10 characters');
        await resetPassword(database.db, actor, Number(user.id), pw);
        console.log(`password reset for ${user.email}${values.password ? '' : `\npassword: ${pw}`}`);
        break;
      }
      case 'demo':
        console.log(`Demo company → ${describeStore(config)}`);
        await loadDemo(database.db);
        break;
      default:
        fail(`unknown command "${command}"\n\n${HELP}`);
    }
  } finally {
    await database.close();
  }
}

/** Where the data goes: the SQLite file under the data folder, or the PostgreSQL database (no password shown). */
function describeStore(config: { DATABASE_URL?: string; dataDir: string }): string {
  if (!config.DATABASE_URL) return `数据目录 data folder ${config.dataDir} (${path.join(config.dataDir, 'fuwu.sqlite')})`;
  const url = new URL(config.DATABASE_URL);
  url.password = '';
  return `PostgreSQL ${url.toString()}`;
}

function randomPassword() {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('base64url');
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
