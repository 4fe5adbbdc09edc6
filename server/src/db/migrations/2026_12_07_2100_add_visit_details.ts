import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * The visit's own facts beyond its times (migration 2000): the pre-visit call (R-INST-3), the arrival
 * compared with the agreed time (R-EMER-2), the arrival checklist as filled (R-INST-2), and the
 * customer's backup decision (R-EMER-5). SQLite takes one ADD COLUMN a statement.
 */
const COLUMNS: [string, 'text' | 'integer' | 'id'][] = [
  ['pre_call_at', 'text'],
  ['pre_call_contact_name', 'text'],
  ['pre_call_site', 'text'],
  ['pre_call_power', 'text'],
  ['pre_call_network', 'text'],
  ['pre_call_agreed_time', 'text'],
  ['pre_call_note', 'text'],
  ['pre_call_by_id', 'id'],
  ['arrival_due_at', 'text'],
  ['late_minutes', 'integer'],
  ['arrival_checklist_template_id', 'id'],
  ['arrival_checklist_version_no', 'integer'],
  ['arrival_checklist_answers', 'text'],
  ['site_ready', 'integer'],
  ['backup_state', 'text'],
  ['backup_customer_name', 'text'],
  ['backup_note', 'text'],
  ['backup_risk_statement', 'text'],
  ['backup_at', 'text'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [name, type] of COLUMNS) {
    const t = type === 'id' ? (pg ? 'bigint' : 'integer') : type;
    await db.schema
      .alterTable('visit')
      .addColumn(name, t as 'text')
      .execute();
  }
  // Late arrivals per engineer and period (R-EMER-2), read by the weekly reports.
  await sql`create index visit_arrived_idx on visit (arrived_at, engineer_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index visit_arrived_idx`.execute(db);
  for (const [name] of [...COLUMNS].reverse()) await db.schema.alterTable('visit').dropColumn(name).execute();
}
