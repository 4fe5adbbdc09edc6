import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The outbox also carries e-mails to a customer (a call's diagnostic steps and status e-mails):
 * no notification and no user, the address, subject and body on the row itself. So
 * `notification_id` becomes optional, and a call's log entry points at its outbox row (the entry
 * shows the row's delivery state). A record's notifications, and their outbox rows, are found by
 * index (a call lists the deliveries of the critical-call notices it caused).
 *
 * SQLite cannot drop a NOT NULL: the table is rebuilt (same columns, same indexes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // PostgreSQL runs a migration in a transaction of its own; SQLite's rebuild takes one here.
  const run = (f: (trx: Kysely<any>) => Promise<void>) => (pg ? f(db) : db.transaction().execute(f));
  await run(async (trx) => {
    if (pg) {
      await sql`alter table delivery_outbox alter column notification_id drop not null`.execute(trx);
      for (const c of ['mail_to', 'mail_subject', 'mail_body'])
        await trx.schema.alterTable('delivery_outbox').addColumn(c, 'text').execute();
    } else {
      await rebuildSqlite(trx, true);
    }
    await sql`create index delivery_outbox_notification_idx on delivery_outbox (notification_id)`.execute(trx);
    await sql`create index notification_entity_idx on notification (entity, entity_id)`.execute(trx);
    // No foreign key: SQLite could not drop the column again (down), and outbox rows are never deleted.
    await trx.schema
      .alterTable('phone_call_log')
      .addColumn('outbox_id', pg ? 'bigint' : 'integer')
      .execute();
  });
}

async function rebuildSqlite(trx: Kysely<any>, customerEmail: boolean): Promise<void> {
  let t = trx.schema
    .createTable('delivery_outbox_next')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('notification_id', 'integer', (c) => (customerEmail ? c : c.notNull()).references('notification.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('robot_id', 'integer', (c) => c.references('delivery_robot.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text');
  if (customerEmail) t = t.addColumn('mail_to', 'text').addColumn('mail_subject', 'text').addColumn('mail_body', 'text');
  await t.execute();
  const cols = 'id, notification_id, channel, robot_id, dedupe_key, state, attempts, due_at, claim_token, last_error, created_at, sent_at';
  await sql`insert into delivery_outbox_next (${sql.raw(cols)}) select ${sql.raw(cols)} from delivery_outbox${
    customerEmail ? sql`` : sql` where notification_id is not null`
  }`.execute(trx);
  await trx.schema.dropTable('delivery_outbox').execute();
  await trx.schema.alterTable('delivery_outbox_next').renameTo('delivery_outbox').execute();
  await sql`create index delivery_outbox_due_idx on delivery_outbox (due_at, id) where state in ('pending', 'sending')`.execute(trx);
  await sql`create index delivery_outbox_state_idx on delivery_outbox (state, id)`.execute(trx);
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const run = (f: (trx: Kysely<any>) => Promise<void>) => (pg ? f(db) : db.transaction().execute(f));
  await run(async (trx) => {
    await trx.schema.alterTable('phone_call_log').dropColumn('outbox_id').execute();
    await sql`drop index delivery_outbox_notification_idx`.execute(trx);
    await sql`drop index notification_entity_idx`.execute(trx);
    if (pg) {
      await sql`delete from delivery_outbox where notification_id is null`.execute(trx);
      for (const c of ['mail_to', 'mail_subject', 'mail_body']) await trx.schema.alterTable('delivery_outbox').dropColumn(c).execute();
      await sql`alter table delivery_outbox alter column notification_id set not null`.execute(trx);
    } else {
      await rebuildSqlite(trx, false);
    }
  });
}
