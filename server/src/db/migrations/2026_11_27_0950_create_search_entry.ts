import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The search index (DESIGN.md, Search). Tokens are made by the application (CJK unigrams +
 * bigrams, words, prefixes, 3-grams of codes) and written as [a-z0-9] words, so each engine's
 * plainest full-text index stores exactly them:
 * - SQLite: FTS5, contentless (the entry row holds what is shown), rowid = search_entry.id,
 *   `detail=none` (no positions: queries are ANDs/ORs of tokens), deletable by rowid.
 * - PostgreSQL: a tsvector column (`simple` config, positions stripped) with a GIN index;
 *   fastupdate off so a query never scans a pending list; and (kind, id), so a search for a very
 *   common term walks the newest entries of a kind instead of sorting every match (SQLite's FTS5
 *   returns matches newest first by itself and needs no such index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema
    .createTable('search_entry')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('customer_id', pg ? 'bigint' : 'integer')
    .addColumn('contract_id', pg ? 'bigint' : 'integer')
    .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_entry_kind_entity_uq', ['kind', 'entity_id']);
  if (pg) table = table.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
  await table.execute();
  if (pg) {
    await sql`create index search_entry_tsv_idx on search_entry using gin (tsv) with (fastupdate = off)`.execute(db);
    // The search picks its plan from the most common tokens ANALYZE records: keep 10,000, not 1,000.
    await sql`alter table search_entry alter column tsv set statistics 1000`.execute(db);
    await db.schema.createIndex('search_entry_kind_id_idx').on('search_entry').columns(['kind', 'id']).execute();
  } else {
    await sql`create virtual table search_fts using fts5(tokens, content='', contentless_delete=1, detail=none, tokenize='unicode61')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable('search_entry').execute();
}
