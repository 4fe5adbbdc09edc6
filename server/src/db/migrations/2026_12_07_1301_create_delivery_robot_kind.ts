import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Which notification kinds go to which robot (the fan-out joins it by kind). */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('delivery_robot_kind')
    .addColumn('robot_id', id, (c) => c.notNull().references('delivery_robot.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_robot_kind_pk', ['robot_id', 'kind'])
    .execute();
  // The fan-out looks robots up by the notification's kind.
  await sql`create index delivery_robot_kind_kind_idx on delivery_robot_kind (kind, robot_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_robot_kind').execute();
}
