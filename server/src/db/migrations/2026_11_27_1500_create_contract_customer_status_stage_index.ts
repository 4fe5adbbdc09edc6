import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A customer's contracts filtered by status and stage (the archive's usual filter, opened from the
// customer), sorted by signing date: with customer_id first the range is that customer's alone and
// page 1 is an ordered index walk; the count stays inside the index. Without it the list walked
// (status, stage, signed_at) over every customer's contracts, checking each one's customer
// (the busiest customer: 32 ms, measured).
export async function up(db: Kysely<any>): Promise<void> {
  const nullsLow = db.getExecutor().adapter instanceof PostgresAdapter ? sql`nulls first` : sql``;
  await sql`create index contract_customer_status_stage_signed_idx on contract (customer_id, status, stage, signed_at ${nullsLow}, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contract_customer_status_stage_signed_idx').execute();
}
