import type { Kysely } from 'kysely';

// Removing a unit of the installed base is a soft delete with a reason: the service requests,
// reports and audit entries that name it keep pointing at a row that still exists. The unit keeps
// its SN in the (sn, brand_key) unique index, so its history stays unambiguous.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('equipment').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('equipment').addColumn('deleted_by_id', 'integer').execute();
  await db.schema.alterTable('equipment').addColumn('delete_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('equipment').dropColumn('delete_reason').execute();
  await db.schema.alterTable('equipment').dropColumn('deleted_by_id').execute();
  await db.schema.alterTable('equipment').dropColumn('deleted_at').execute();
}
