import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('project_member')
    .addColumn('project_id', id, (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('project_member_pk', ['project_id', 'user_id'])
    .execute();
  await sql`create index project_member_user_idx on project_member (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_member').execute();
}
