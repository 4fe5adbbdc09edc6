import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'bigint' : 'integer';
  const pk = pg ? 'bigserial' : 'integer';
  const real = pg ? 'double precision' : 'real';
  // A training plan drafted from a training contract's commitments, sent to the customer's contact.
  await db.schema
    .createTable('training_plan')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('contract_id', id, (c) => c.notNull().references('contract.id'))
    .addColumn('customer_id', id, (c) => c.notNull().references('customer.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('notes', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index training_plan_contract_idx on training_plan (contract_id)`.execute(db);

  // One session of a plan: the calendar event sent to the customer (uid stable, sequence bumped on change).
  await db.schema
    .createTable('training_session')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('plan_id', id, (c) => c.notNull().references('training_plan.id'))
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('course', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('trainer_id', id, (c) => c.notNull().references('app_user.id'))
    .addColumn('expected_attendees', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('confirmed_attendees', 'integer')
    .addColumn('checklist_template_id', id)
    .addColumn('checklist_version', 'integer')
    .addColumn('checklist_answers', 'text')
    .addColumn('checklist_complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_sequence', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index training_session_plan_idx on training_session (plan_id, starts_at)`.execute(db);
  await sql`create index training_session_starts_idx on training_session (starts_at)`.execute(db);
  await sql`create index training_session_trainer_idx on training_session (trainer_id, starts_at)`.execute(db);

  // Who attended: signed on the tablet (a row of `signature`) or on the paper sheet; certificate when issued.
  await db.schema
    .createTable('training_attendee')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('session_id', id, (c) => c.notNull().references('training_session.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('contact', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('signature_id', id, (c) => c.references('signature.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text', (c) => c.unique())
    .addColumn('certificate_code', 'text', (c) => c.unique())
    .addColumn('certificate_issued_at', 'text')
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index training_attendee_session_idx on training_attendee (session_id, id)`.execute(db);

  // A feedback link shown as a QR code: only the token's hash is kept; valid until expires_at.
  await db.schema
    .createTable('training_feedback_link')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('session_id', id, (c) => c.notNull().references('training_session.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One Training Feedback Form: from a phone (one per device) or typed in from paper.
  await db.schema
    .createTable('training_feedback')
    .addColumn('id', pk, (c) => c.primaryKey())
    .addColumn('session_id', id, (c) => c.notNull().references('training_session.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('device_hash', 'text')
    .addColumn('content', 'integer', (c) => c.notNull())
    .addColumn('trainer', 'integer', (c) => c.notNull())
    .addColumn('materials', 'integer', (c) => c.notNull())
    .addColumn('organisation', 'integer', (c) => c.notNull())
    .addColumn('usefulness', 'integer', (c) => c.notNull())
    .addColumn('comments', 'text')
    .addColumn('attendee_name', 'text')
    .addColumn('entered_by_id', id, (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index training_feedback_session_idx on training_feedback (session_id, id)`.execute(db);
  await sql`create unique index training_feedback_device_idx on training_feedback (session_id, device_hash) where device_hash is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['training_feedback', 'training_feedback_link', 'training_attendee', 'training_session', 'training_plan'])
    await db.schema.dropTable(t).execute();
}
