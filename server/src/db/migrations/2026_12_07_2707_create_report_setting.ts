import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  void id;
  void pk;
  // The administrator's settings of the reports: when the weekly report is due, who receives the mails.
  await db.schema
    .createTable('report_setting')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('weekly_due_time', 'text', (c) => c.notNull())
    // JSON array of e-mail addresses.
    .addColumn('mail_to', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('report_setting')
    .values({ id: 1, weekly_due_time: '17:00', mail_to: '[]', updated_at: new Date(0).toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_setting').execute();
}
