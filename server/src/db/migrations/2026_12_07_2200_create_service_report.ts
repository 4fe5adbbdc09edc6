import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // A customer-signed report (service, installation, acceptance): a draft while it is filled, frozen
  // once signed (its content hash and PDF kept); a correction is a new revision under the same number.
  await db.schema
    .createTable('service_report')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('visit_id', id, (c) => c.references('visit.id'))
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('checklist_template_id', id, (c) => c.references('checklist_template.id'))
    .addColumn('checklist_version_no', 'integer')
    .addColumn('checklist_answers', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('pdf_hash', 'text', (c) => c.references('stored_file.hash'))
    .addColumn('pdf_size', 'integer')
    .addColumn('signed_at', 'text')
    .addColumn('supersedes_id', id, (c) => c.references('service_report.id'))
    .addColumn('document_id', id, (c) => c.references('document.id'))
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index service_report_number_revision_idx on service_report (number, revision)`.execute(db);
  await sql`create index service_report_request_idx on service_report (service_request_id, id)`.execute(db);
  await sql`create index service_report_contract_idx on service_report (contract_id, kind, state)`.execute(db);
  await sql`create index service_report_visit_idx on service_report (visit_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_report').execute();
}
