import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // Problems met on site and how they were solved (R-INST-5).
  await db.schema
    .createTable('visit_problem')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('solution', 'text')
    .addColumn('recorded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index visit_problem_visit_idx on visit_problem (visit_id, id)`.execute(db);
  // Requests outside the contract and the answer given (R-INST-4), each raising an escalation.
  await db.schema
    .createTable('visit_extra_request')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id'))
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('escalation_id', id, (c) => c.references('escalation.id'))
    .addColumn('recorded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index visit_extra_request_visit_idx on visit_extra_request (visit_id, id)`.execute(db);
  // Photos taken on site, kept in the file store by hash.
  await db.schema
    .createTable('visit_photo')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id'))
    .addColumn('file_hash', 'text', (c) => c.notNull().references('stored_file.hash'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('uploaded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index visit_photo_visit_idx on visit_photo (visit_id, id)`.execute(db);
  await sql`create index visit_photo_file_idx on visit_photo (file_hash)`.execute(db);
  // The customer's approvals to reproduce the fault and to apply the fix (R-EMER-6).
  await db.schema
    .createTable('visit_approval')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index visit_approval_visit_idx on visit_approval (visit_id, kind)`.execute(db);
  // Guarded steps on the customer's system: a production change, reproducing the fault, the fix (R-EMER-5, R-EMER-6).
  await db.schema
    .createTable('visit_action')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index visit_action_visit_idx on visit_action (visit_id, id)`.execute(db);
  // Units worked on, installed, removed, replaced or put back, with the warranty state at that moment
  // (R-PM-5, R-EMER-3) and PN/SN (R-INST-7); the replacements of a request are its swap history (R-EMER-7).
  await db.schema
    .createTable('visit_unit')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('visit_id', id, (c) => c.notNull().references('visit.id'))
    .addColumn('service_request_id', id, (c) => c.notNull().references('service_request.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('equipment_id', id, (c) => c.references('equipment.id'))
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('old_pn', 'text')
    .addColumn('old_sn', 'text')
    .addColumn('new_pn', 'text')
    .addColumn('new_sn', 'text')
    .addColumn('warranty_end', 'text')
    .addColumn('vendor_warranty_end', 'text')
    .addColumn('under_warranty', 'integer', (c) => c.notNull())
    .addColumn('under_vendor_warranty', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('intermittent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fault_recurred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reverts_id', id, (c) => c.references('visit_unit.id'))
    .addColumn('note', 'text')
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text')
    .addColumn('registered_by_id', id, (c) => c.references('app_user.id'))
    .execute();
  await sql`create index visit_unit_visit_idx on visit_unit (visit_id, id)`.execute(db);
  await sql`create index visit_unit_request_idx on visit_unit (service_request_id, id)`.execute(db);
  // Commerce's list: what waits for warranty registration.
  await sql`create index visit_unit_registration_idx on visit_unit (registered_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['visit_unit', 'visit_action', 'visit_approval', 'visit_photo', 'visit_extra_request', 'visit_problem'])
    await db.schema.dropTable(t).execute();
}
