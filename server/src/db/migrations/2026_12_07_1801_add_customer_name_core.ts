import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A frozen copy of contract/customers.ts customerNameCore as of this migration: migrations import no app code.
const SUFFIXES_ZH = ['股份有限公司', '有限责任公司', '有限公司', '总公司', '分公司', '公司', '集团'];
const SUFFIX_EN = /(?:^|[\s\p{P}])(?:co|ltd|limited|inc|corp|corporation|company|group|llc|plc)[\s\p{P}]*$/u;

function core(name: string): string {
  let s = name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  for (let m = SUFFIX_EN.exec(s); m && m.index > 0; m = SUFFIX_EN.exec(s)) s = s.slice(0, m.index);
  s = s.replace(/[\p{P}\p{S}\s]+/gu, '');
  for (let cut = true; cut; ) {
    cut = false;
    for (const suffix of SUFFIXES_ZH) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length);
        cut = true;
        break;
      }
    }
  }
  return s;
}

/** customer.name_core: the name without company-form suffixes and punctuation, for near-duplicate warnings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customer')
    .addColumn('name_core', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = await db.selectFrom('customer').select(['id', 'name']).execute();
  for (const r of rows)
    await db
      .updateTable('customer')
      .set({ name_core: core(r.name) })
      .where('id', '=', r.id)
      .execute();
  // PostgreSQL: text_pattern_ops, so the prefix match (LIKE 'core%') uses it whatever the database's
  // collation; SQLite's prefix match is a GLOB, which uses a plain (binary) index.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index customer_name_core_idx on customer (name_core text_pattern_ops, id)`.execute(db);
  } else {
    await sql`create index customer_name_core_idx on customer (name_core, id)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index customer_name_core_idx`.execute(db);
  await db.schema.alterTable('customer').dropColumn('name_core').execute();
}
