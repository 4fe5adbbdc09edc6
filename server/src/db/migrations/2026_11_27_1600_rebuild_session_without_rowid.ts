import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * SQLite: the session table keyed by its token hash alone (`WITHOUT ROWID`). A rowid table with a
 * text primary key answers `where token_hash = ?` with two B-tree descents (the primary-key index,
 * then the table by rowid); keyed by the hash, the row sits in the key's own B-tree: one descent,
 * on every request. The secondary indexes (user, expiry) carry the hash instead of a rowid.
 *
 * PostgreSQL: nothing to do — the primary key on token_hash is already the lookup's index (a heap
 * table has no rowid B-tree to skip).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('session_keyed')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`insert into session_keyed (token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent)
      select token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent from session`.execute(trx);
    await trx.schema.dropTable('session').execute();
    await trx.schema.alterTable('session_keyed').renameTo('session').execute();
    await trx.schema.createIndex('session_user_idx').on('session').column('user_id').execute();
    await trx.schema.createIndex('session_expires_idx').on('session').column('expires_at').execute();
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('session_rowid')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await sql`insert into session_rowid select token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent from session`.execute(
      trx,
    );
    await trx.schema.dropTable('session').execute();
    await trx.schema.alterTable('session_rowid').renameTo('session').execute();
    await trx.schema.createIndex('session_user_idx').on('session').column('user_id').execute();
    await trx.schema.createIndex('session_expires_idx').on('session').column('expires_at').execute();
  });
}
