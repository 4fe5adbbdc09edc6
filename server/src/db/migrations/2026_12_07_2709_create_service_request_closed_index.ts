import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The request roll-up (request_day) is rebuilt a day or a month at a time: the requests closed in a
  // range are read by this index instead of a scan of every request.
  await sql`create index service_request_closed_idx on service_request (closed_at) where closed_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index service_request_closed_idx`.execute(db);
}
