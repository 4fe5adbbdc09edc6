import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  // The goods deviations raised from an inspection (R-ORG-8); the deviation itself is the goods-deviations module's.
  await db.schema
    .createTable('inspection_deviation')
    .addColumn('inspection_id', id, (c) => c.notNull().references('inspection.id'))
    .addColumn('goods_deviation_id', id, (c) => c.notNull().references('goods_deviation.id'))
    .addPrimaryKeyConstraint('inspection_deviation_pk', ['inspection_id', 'goods_deviation_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_deviation').execute();
}
