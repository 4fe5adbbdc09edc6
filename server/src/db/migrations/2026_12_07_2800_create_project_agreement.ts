import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // R-ORG-4: who of a project's participants agreed to its plan (its manager and team), and when.
  await db.schema
    .createTable('project_agreement')
    .addColumn('project_id', id, (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('agreed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('project_agreement_pk', ['project_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_agreement').execute();
}
