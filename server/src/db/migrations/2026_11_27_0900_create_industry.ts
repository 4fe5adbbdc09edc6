import { type Kysely, PostgresAdapter } from 'kysely';

/** The industries the archive is organised by (R-ORG-6); admins edit the list later. */
const SEED = [
  ['government', '政府', 'Government'],
  ['finance', '金融', 'Finance'],
  ['telecom', '电信', 'Telecommunications'],
  ['education', '教育', 'Education'],
  ['healthcare', '医疗', 'Healthcare'],
  ['manufacturing', '制造', 'Manufacturing'],
  ['energy', '能源', 'Energy'],
  ['transport', '交通', 'Transport'],
  ['retail', '零售', 'Retail'],
  ['internet', '互联网', 'Internet'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('industry')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('industry')
    .values(
      SEED.map(([code, nameZh, nameEn], i) => ({
        code,
        name_zh: nameZh,
        name_en: nameEn,
        sort: (i + 1) * 10,
        active: 1,
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('industry').execute();
}
