import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  // The phone support desk's call record 来电记录 (R-CALL-1..6). The link to the service request it
  // was converted to is kept here, on the call (the request keeps the call's number as origin_ref).
  await db.schema
    .createTable('phone_call')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('serious_problem', 'text')
    .addColumn('caller_name', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('phone_raw', 'text', (c) => c.notNull())
    .addColumn('phone_number', 'text')
    .addColumn('customer_id', id, (c) => c.references('customer.id'))
    .addColumn('contact_id', id, (c) => c.references('contact.id').onDelete('set null'))
    .addColumn('contract_id', id, (c) => c.references('contract.id'))
    .addColumn('equipment_id', id, (c) => c.references('equipment.id').onDelete('set null'))
    .addColumn('equipment_sn', 'text')
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('symptom', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('status_emails', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('called_at', 'text', (c) => c.notNull())
    .addColumn('received_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('holder_id', id, (c) => c.references('app_user.id'))
    .addColumn('service_request_id', id, (c) => c.references('service_request.id'))
    .addColumn('duplicate_of_id', id, (c) => c.references('phone_call.id'))
    .addColumn('outcome_note', 'text')
    .addColumn('first_response_at', 'text')
    .addColumn('first_response_minutes', 'real')
    .addColumn('outcome_at', 'text')
    .addColumn('resolution_minutes', 'real')
    .addColumn('last_reminded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index phone_call_called_idx on phone_call (called_at, id)`.execute(db);
  await sql`create index phone_call_received_by_idx on phone_call (received_by_id, called_at)`.execute(db);
  await sql`create index phone_call_holder_idx on phone_call (holder_id, called_at) where holder_id is not null`.execute(db);
  await sql`create index phone_call_customer_idx on phone_call (customer_id, called_at) where customer_id is not null`.execute(db);
  await sql`create index phone_call_phone_idx on phone_call (phone_number, called_at) where phone_number is not null`.execute(db);
  await sql`create index phone_call_state_idx on phone_call (state, called_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('phone_call').execute();
}
