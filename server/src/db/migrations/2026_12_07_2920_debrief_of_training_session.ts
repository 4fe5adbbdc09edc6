import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A debrief (R-INST-11) is about a closed service request or a held training session: exactly one
 * of the two. PostgreSQL alters the table in place; SQLite cannot drop a NOT NULL, so it rebuilds
 * the table with the rows and ids it had.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table service_debrief alter column service_request_id drop not null`.execute(db);
    await sql`alter table service_debrief add column training_session_id bigint references training_session (id)`.execute(db);
    await sql`alter table service_debrief add constraint service_debrief_one_subject
      check ((service_request_id is null) <> (training_session_id is null))`.execute(db);
    await sql`create unique index service_debrief_session_idx on service_debrief (training_session_id)`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`create table service_debrief_new (
      id integer primary key,
      service_request_id integer references service_request (id),
      training_session_id integer references training_session (id),
      author_id integer not null references app_user (id),
      how_it_went text not null,
      lessons text not null,
      customer_situation text not null,
      created_at text not null,
      check ((service_request_id is null) <> (training_session_id is null))
    )`.execute(trx);
    await sql`insert into service_debrief_new (id, service_request_id, author_id, how_it_went, lessons, customer_situation, created_at)
      select id, service_request_id, author_id, how_it_went, lessons, customer_situation, created_at from service_debrief`.execute(trx);
    await sql`drop table service_debrief`.execute(trx);
    await sql`alter table service_debrief_new rename to service_debrief`.execute(trx);
    await sql`create unique index service_debrief_request_idx on service_debrief (service_request_id)`.execute(trx);
    await sql`create unique index service_debrief_session_idx on service_debrief (training_session_id)`.execute(trx);
    await sql`create index service_debrief_created_idx on service_debrief (created_at, id)`.execute(trx);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from service_debrief where training_session_id is not null`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index service_debrief_session_idx`.execute(db);
    await sql`alter table service_debrief drop constraint service_debrief_one_subject`.execute(db);
    await sql`alter table service_debrief drop column training_session_id`.execute(db);
    await sql`alter table service_debrief alter column service_request_id set not null`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`create table service_debrief_old (
      id integer primary key,
      service_request_id integer not null references service_request (id),
      author_id integer not null references app_user (id),
      how_it_went text not null,
      lessons text not null,
      customer_situation text not null,
      created_at text not null
    )`.execute(trx);
    await sql`insert into service_debrief_old select id, service_request_id, author_id, how_it_went, lessons, customer_situation, created_at from service_debrief`.execute(
      trx,
    );
    await sql`drop table service_debrief`.execute(trx);
    await sql`alter table service_debrief_old rename to service_debrief`.execute(trx);
    await sql`create unique index service_debrief_request_idx on service_debrief (service_request_id)`.execute(trx);
    await sql`create index service_debrief_created_idx on service_debrief (created_at, id)`.execute(trx);
  });
}
