import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // The engineers present on a visit, the responsible one included.
  await db.schema
    .createTable('visit_engineer')
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('visit_engineer_pk', ['visit_id', 'user_id'])
    .execute();
  await sql`create index visit_engineer_user_idx on visit_engineer (user_id, visit_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visit_engineer').execute();
}
