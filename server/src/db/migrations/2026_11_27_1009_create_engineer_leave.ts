import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Days an engineer is away: the dispatch board shows them and warns on assignment.
  await db.schema
    .createTable('engineer_leave')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index engineer_leave_user_idx on engineer_leave (user_id, from_date)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('engineer_leave').execute();
}
