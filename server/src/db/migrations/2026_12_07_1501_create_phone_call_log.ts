import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // A call's handling log (R-CALL-4): contacts with the customer, e-mails kept as sent, notices, steps.
  await db.schema
    .createTable('phone_call_log')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('call_id', id, (c) => c.notNull().references('phone_call.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('hours', 'real')
    .addColumn('email_to', 'text')
    .addColumn('subject', 'text')
    .addColumn('delivery_state', 'text')
    .addColumn('by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index phone_call_log_call_idx on phone_call_log (call_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('phone_call_log').execute();
}
