import type { Kysely } from 'kysely';

// The sweep deletes import error reports older than FUWU_IMPORT_REPORT_HOURS, oldest first, in
// batches: an index on the creation time makes each batch a short range walk, not a table scan.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('import_report_created_idx').on('import_report').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('import_report_created_idx').execute();
}
