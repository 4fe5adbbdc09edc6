import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Chinese order for customers (the list, and by industry in the archive) and people (server/src/db/zh-order.ts). PostgreSQL: the collation
 * `fuwu_zh`, ICU's pinyin order when the server has ICU, else byte order (the sort still works,
 * by code point). SQLite: the connection's `zh_key` function. Either way an index serves the sort.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const icu = await sql<{ n: number }>`select count(*)::int as n from pg_collation where collname = 'zh-x-icu'`.execute(db);
    if (icu.rows[0]?.n) await sql`create collation if not exists fuwu_zh from "zh-x-icu"`.execute(db);
    else await sql`create collation if not exists fuwu_zh from "C"`.execute(db);
    await sql`create index customer_name_zh_idx on customer (name_key collate fuwu_zh, id)`.execute(db);
    await sql`create index customer_industry_zh_idx on customer (industry_id, name_key collate fuwu_zh, id)`.execute(db);
    await sql`create index app_user_name_zh_idx on app_user (name collate fuwu_zh, id)`.execute(db);
    return;
  }
  await sql`create index customer_name_zh_idx on customer (zh_key(name_key), id)`.execute(db);
  await sql`create index customer_industry_zh_idx on customer (industry_id, zh_key(name_key), id)`.execute(db);
  await sql`create index app_user_name_zh_idx on app_user (zh_key(name), id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index customer_name_zh_idx`.execute(db);
  await sql`drop index customer_industry_zh_idx`.execute(db);
  await sql`drop index app_user_name_zh_idx`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop collation fuwu_zh`.execute(db);
}
