import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * One row per notification and channel, written in the transaction of the notification; a worker
 * claims due rows, sends them, and marks them sent, or failed with a backoff, or dead after the
 * last attempt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  await db.schema
    .createTable('delivery_outbox')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('notification_id', id, (c) => c.notNull().references('notification.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('robot_id', id, (c) => c.references('delivery_robot.id'))
    // `email:<notification id>`, or `robot:<robot id>:<notification dedupe key>`: a robot posts a cause once.
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
}
