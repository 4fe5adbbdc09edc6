import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The request roll-up counts each closed request's visits (distinct visit sources of its hour
  // entries): with the request alone the planner took the source index and read every visit's
  // entries per request (seen on 1 M requests); request, source kind and id answer it from the index.
  await sql`drop index work_hours_entry_request_idx`.execute(db);
  await sql`create index work_hours_entry_request_source_idx on work_hours_entry (service_request_id, source_entity, source_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index work_hours_entry_request_source_idx`.execute(db);
  await sql`create index work_hours_entry_request_idx on work_hours_entry (service_request_id)`.execute(db);
}
