import type { Kysely } from 'kysely';

/**
 * Public holidays and make-up workdays (调休), one row per year, edited by administrators.
 * Seeded with 2026 (as published) and 2027 (provisional). The data is copied here, frozen as
 * shipped: later edits to the app's defaults must not change what this migration writes.
 */
const SEED = [
  {
    year: 2026,
    provisional: false,
    holidays: [
      { nameZh: '元旦', nameEn: "New Year's Day", from: '2026-01-01', to: '2026-01-03' },
      { nameZh: '春节', nameEn: 'Spring Festival', from: '2026-02-15', to: '2026-02-23' },
      { nameZh: '清明节', nameEn: 'Qingming Festival', from: '2026-04-04', to: '2026-04-06' },
      { nameZh: '劳动节', nameEn: 'Labour Day', from: '2026-05-01', to: '2026-05-05' },
      { nameZh: '端午节', nameEn: 'Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21' },
      { nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2026-09-25', to: '2026-09-27' },
      { nameZh: '国庆节', nameEn: 'National Day', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2026-01-04', nameZh: '元旦', nameEn: "New Year's Day" },
      { date: '2026-02-14', nameZh: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-28', nameZh: '春节', nameEn: 'Spring Festival' },
      { date: '2026-05-09', nameZh: '劳动节', nameEn: 'Labour Day' },
      { date: '2026-09-20', nameZh: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-10', nameZh: '国庆节', nameEn: 'National Day' },
    ],
  },
  {
    year: 2027,
    provisional: true,
    holidays: [
      { nameZh: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-03' },
      { nameZh: '春节', nameEn: 'Spring Festival', from: '2027-02-05', to: '2027-02-13' },
      { nameZh: '清明节', nameEn: 'Qingming Festival', from: '2027-04-03', to: '2027-04-05' },
      { nameZh: '劳动节', nameEn: 'Labour Day', from: '2027-05-01', to: '2027-05-05' },
      { nameZh: '端午节', nameEn: 'Dragon Boat Festival', from: '2027-06-09', to: '2027-06-09' },
      { nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2027-09-15', to: '2027-09-15' },
      { nameZh: '国庆节', nameEn: 'National Day', from: '2027-10-01', to: '2027-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2027-01-31', nameZh: '春节', nameEn: 'Spring Festival' },
      { date: '2027-02-14', nameZh: '春节', nameEn: 'Spring Festival' },
      { date: '2027-05-08', nameZh: '劳动节', nameEn: 'Labour Day' },
      { date: '2027-09-26', nameZh: '国庆节', nameEn: 'National Day' },
      { date: '2027-10-09', nameZh: '国庆节', nameEn: 'National Day' },
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holiday_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    /** JSON: { holidays: [{nameZh, nameEn, from, to}], makeUpWorkdays: [{date, nameZh, nameEn}] }. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('holiday_year')
    .values(
      SEED.map((y) => ({
        year: y.year,
        data: JSON.stringify({ holidays: y.holidays, makeUpWorkdays: y.makeUpWorkdays }),
        provisional: y.provisional ? 1 : 0,
        version: 1,
        updated_at: at,
        updated_by: null,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('holiday_year').execute();
}
