import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Delivery of notifications beyond the in-app inbox (DESIGN.md "Delivery outbox"):
 * - delivery_robot: group robots of WeCom, DingTalk and Feishu an administrator configured; the
 *   secret is stored here and never sent back by the API.
 * - delivery_robot_kind: which notification kinds go to which robot (the fan-out joins it).
 * - notification_email_off: a user's e-mail opt-outs, one row per kind (no row: e-mail on).
 * - delivery_outbox: one row per notification and channel, written in the transaction of the
 *   notification; a worker claims due rows, sends them, and marks them sent, or failed with a
 *   backoff, or dead after the last attempt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  await db.schema
    .createTable('delivery_robot')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('delivery_robot_kind')
    .addColumn('robot_id', id, (c) => c.notNull().references('delivery_robot.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_robot_kind_pk', ['robot_id', 'kind'])
    .execute();
  // The fan-out looks robots up by the notification's kind.
  await sql`create index delivery_robot_kind_kind_idx on delivery_robot_kind (kind, robot_id)`.execute(db);
  await db.schema
    .createTable('notification_email_off')
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_email_off_pk', ['user_id', 'kind'])
    .execute();
  await db.schema
    .createTable('delivery_outbox')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('notification_id', id, (c) => c.notNull().references('notification.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('robot_id', id, (c) => c.references('delivery_robot.id'))
    // `email:<notification>` or `robot:<robot>:<notification>`: a notification goes to each channel once.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    // pending: when it is due; sending: when the claim's lease runs out.
    .addColumn('due_at', 'text', (c) => c.notNull())
    // Set at each claim: only the claimant's outcome is recorded (a sender whose lease ran out
    // and whose row was claimed again cannot overwrite the newer claim).
    .addColumn('claim_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // The claim: due rows in order; sent and dead rows (the bulk, over time) are not in it.
  await sql`create index delivery_outbox_due_idx on delivery_outbox (due_at, id) where state in ('pending', 'sending')`.execute(db);
  await sql`create index delivery_outbox_state_idx on delivery_outbox (state, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_outbox').execute();
  await db.schema.dropTable('notification_email_off').execute();
  await db.schema.dropTable('delivery_robot_kind').execute();
  await db.schema.dropTable('delivery_robot').execute();
}
