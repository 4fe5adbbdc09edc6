import { type Kysely, PostgresAdapter } from 'kysely';

/** A user's e-mail opt-outs, one row per notification kind (no row: e-mail on). */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('notification_email_off')
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_email_off_pk', ['user_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_email_off').execute();
}
