import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The manager's usual list filters by status AND stage, sorted by signing date: one index that
// serves the filter, the order and the count without touching the table.
export async function up(db: Kysely<any>): Promise<void> {
  const nullsLow = db.getExecutor().adapter instanceof PostgresAdapter ? sql`nulls first` : sql``;
  await sql`create index contract_status_stage_signed_idx on contract (status, stage, signed_at ${nullsLow}, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contract_status_stage_signed_idx').execute();
}
