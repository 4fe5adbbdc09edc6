import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // In-app notifications, written in the transaction of their cause. (user_id, dedupe_key) is unique:
  // a sweep run twice, or by two instances at once, notifies each person once.
  await db.schema
    .createTable('notification')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('entity', 'text')
    .addColumn('entity_id', id)
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index notification_dedupe_uq on notification (user_id, dedupe_key)`.execute(db);
  await sql`create index notification_user_idx on notification (user_id, read_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification').execute();
}
