import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Weekly work record 周工作记录 of the department's meeting, one per week.
  await db.schema
    .createTable('weekly_record')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('week_start', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON: per engineer summary rows as drafted; attendees' user ids.
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text')
    .addColumn('drafted_at', 'text', (c) => c.notNull())
    .addColumn('finalised_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('finalised_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_record').execute();
}
