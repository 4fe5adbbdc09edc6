import type { Insertable, Updateable } from 'kysely';
import type { TFeedbackScoreQuery, TTrainingPlanQuery, TTrainingSessionQuery } from '@contract/trainings';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { limitOffset } from '../../db/list-query';
import { updateVersioned } from '../../db/versioned-update';
import type {
  TrainingAttendeeTable,
  TrainingFeedbackLinkTable,
  TrainingFeedbackTable,
  TrainingPlanTable,
  TrainingSessionTable,
} from './trainings.table';

// ── References read by join (contracts, users, checklist templates belong to other modules) ──

export function findContractForPlan(db: Db, contractId: number) {
  return db
    .selectFrom('contract')
    .innerJoin('customer', 'customer.id', 'contract.customer_id')
    .select([
      'contract.id',
      'contract.number',
      'contract.customer_id',
      'customer.name as customer_name',
      'contract.training_days',
      'contract.training_attendees',
    ])
    .where('contract.id', '=', contractId)
    .executeTakeFirst();
}

export function findActiveUser(db: Db, userId: number) {
  return db.selectFrom('app_user').select(['id', 'name', 'roles', 'active']).where('id', '=', userId).executeTakeFirst();
}

/** The training room checklist's template: seeded with the code `training_room`. */
export function findTrainingRoomTemplate(db: Db) {
  return db.selectFrom('checklist_template').select(['id', 'current_version']).where('code', '=', 'training_room').executeTakeFirst();
}

// ── Plans ──

function selectPlans(db: Db) {
  return db
    .selectFrom('training_plan as p')
    .innerJoin('contract', 'contract.id', 'p.contract_id')
    .innerJoin('customer', 'customer.id', 'p.customer_id')
    .leftJoin('app_user as creator', 'creator.id', 'p.created_by_id')
    .selectAll('p')
    .select([
      'contract.number as contract_number',
      'contract.training_days',
      'contract.training_attendees',
      'customer.name as customer_name',
      'creator.name as created_by_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('training_session as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.plan_id', '=', 'p.id')
        .where('s.state', '<>', 'cancelled')
        .as('session_count'),
      eb
        .selectFrom('training_session as s')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('s.hours'), e.lit(0)).as('h'))
        .whereRef('s.plan_id', '=', 'p.id')
        .where('s.state', '<>', 'cancelled')
        .as('planned_hours'),
      eb
        .selectFrom('training_session as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.plan_id', '=', 'p.id')
        .where((e) => e.or([e('s.sent_sequence', 'is', null), e('s.sent_sequence', '<', e.ref('s.sequence'))]))
        .as('unsent_changes'),
    ]);
}
export type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['executeTakeFirstOrThrow']>>;

export function findPlan(db: Db, id: number): Promise<PlanRow | undefined> {
  return selectPlans(db).where('p.id', '=', id).executeTakeFirst();
}

export async function listPlans(db: Db, q: TTrainingPlanQuery) {
  let base = selectPlans(db);
  if (q.contractId) base = base.where('p.contract_id', '=', q.contractId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('p.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom('training_plan as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(q.contractId !== undefined, (b) => b.where('p.contract_id', '=', q.contractId as number))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function insertPlan(db: Db, row: Insertable<TrainingPlanTable>): Promise<number> {
  return insertReturningId(db, 'training_plan', row);
}

export async function markPlanSent(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('training_plan')
    .set((eb) => ({ sent_at: at, sent_count: eb('sent_count', '+', 1), updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await db
    .updateTable('training_session')
    .set((eb) => ({ sent_sequence: eb.ref('sequence') }))
    .where('plan_id', '=', id)
    .execute();
}

// ── Sessions ──

function selectSessions(db: Db) {
  return db
    .selectFrom('training_session as s')
    .innerJoin('training_plan as p', 'p.id', 's.plan_id')
    .innerJoin('contract', 'contract.id', 'p.contract_id')
    .innerJoin('customer', 'customer.id', 'p.customer_id')
    .innerJoin('app_user as trainer', 'trainer.id', 's.trainer_id')
    .leftJoin('app_user as confirmer', 'confirmer.id', 's.confirmed_by_id')
    .selectAll('s')
    .select([
      'p.number as plan_number',
      'p.contract_id',
      'p.customer_id',
      'contract.number as contract_number',
      'customer.name as customer_name',
      'trainer.name as trainer_name',
      'confirmer.name as confirmed_by_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('training_attendee as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.session_id', '=', 's.id')
        .as('attendee_count'),
      eb
        .selectFrom('training_attendee as a')
        .select((e) => e.fn.count<number>('a.certificate_number').as('n'))
        .whereRef('a.session_id', '=', 's.id')
        .as('certificate_count'),
      eb
        .selectFrom('training_feedback as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.session_id', '=', 's.id')
        .as('feedback_count'),
    ]);
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof selectSessions>['executeTakeFirstOrThrow']>>;

export function findSession(db: Db, id: number): Promise<SessionRow | undefined> {
  return selectSessions(db).where('s.id', '=', id).executeTakeFirst();
}

export function findPlanSessions(db: Db, planId: number): Promise<SessionRow[]> {
  return selectSessions(db).where('s.plan_id', '=', planId).orderBy('s.starts_at').orderBy('s.id').execute();
}

function filterSessions(q: TTrainingSessionQuery, bounds: { from?: string; to?: string }) {
  return <B extends ReturnType<typeof selectSessions>>(b: B): B => {
    let x = b;
    if (bounds.from) x = x.where('s.starts_at', '>=', bounds.from) as B;
    if (bounds.to) x = x.where('s.starts_at', '<', bounds.to) as B;
    if (q.trainerId) x = x.where('s.trainer_id', '=', q.trainerId) as B;
    if (q.state) x = x.where('s.state', '=', q.state) as B;
    if (q.customerId) x = x.where('p.customer_id', '=', q.customerId) as B;
    return x;
  };
}

export async function listSessions(db: Db, q: TTrainingSessionQuery, bounds: { from?: string; to?: string }) {
  const base = filterSessions(q, bounds)(selectSessions(db));
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('s.starts_at', 'desc').orderBy('s.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function listSessionsAfter(
  db: Db,
  q: TTrainingSessionQuery,
  bounds: { from?: string; to?: string },
  afterId: number,
  limit: number,
) {
  return filterSessions(q, bounds)(selectSessions(db)).where('s.id', '>', afterId).orderBy('s.id').limit(limit).execute();
}

export function insertSession(db: Db, row: Insertable<TrainingSessionTable>): Promise<number> {
  return insertReturningId(db, 'training_session', row);
}

export function updateSession(db: Db, id: number, version: number, patch: Updateable<TrainingSessionTable>): Promise<void> {
  return updateVersioned(db, 'training_session', id, version, patch);
}

/** Bumps the version without a guard: a write that changes the session's children (sign-in, certificates). */
export async function touchSession(db: Db, id: number, patch: Updateable<TrainingSessionTable>): Promise<void> {
  await db
    .updateTable('training_session')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

// ── Attendees ──

export function findAttendees(db: Db, sessionId: number) {
  return db.selectFrom('training_attendee').selectAll().where('session_id', '=', sessionId).orderBy('id').execute();
}
export type AttendeeRow = Awaited<ReturnType<typeof findAttendees>>[number];

export function insertAttendee(db: Db, row: Insertable<TrainingAttendeeTable>): Promise<number> {
  return insertReturningId(db, 'training_attendee', row);
}

export async function setAttendeeSignature(db: Db, id: number, signatureId: number): Promise<void> {
  await db.updateTable('training_attendee').set({ signature_id: signatureId }).where('id', '=', id).execute();
}

export async function setCertificate(db: Db, id: number, number: string, code: string, at: string): Promise<void> {
  await db
    .updateTable('training_attendee')
    .set({ certificate_number: number, certificate_code: code, certificate_issued_at: at })
    .where('id', '=', id)
    .where('certificate_number', 'is', null)
    .execute();
}

export function findCertificateByCode(db: Db, code: string) {
  return db
    .selectFrom('training_attendee as a')
    .innerJoin('training_session as s', 's.id', 'a.session_id')
    .select(['a.name', 'a.certificate_number', 'a.certificate_issued_at', 's.course', 's.hours', 's.starts_at'])
    .where('a.certificate_code', '=', code)
    .executeTakeFirst();
}

// ── Feedback ──

export function insertFeedbackLink(db: Db, row: Insertable<TrainingFeedbackLinkTable>): Promise<number> {
  return insertReturningId(db, 'training_feedback_link', row);
}

export function findFeedbackLink(db: Db, tokenHash: string) {
  return db
    .selectFrom('training_feedback_link as l')
    .innerJoin('training_session as s', 's.id', 'l.session_id')
    .innerJoin('app_user as trainer', 'trainer.id', 's.trainer_id')
    .select(['l.session_id', 'l.expires_at', 's.course', 's.starts_at', 's.state', 'trainer.name as trainer_name'])
    .where('l.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function latestLinkExpiry(db: Db, sessionId: number): Promise<string | null> {
  const r = await db
    .selectFrom('training_feedback_link')
    .select((eb) => eb.fn.max('expires_at').as('e'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return (r?.e as string | null | undefined) ?? null;
}

export async function deviceAnswered(db: Db, sessionId: number, deviceHash: string): Promise<boolean> {
  const r = await db
    .selectFrom('training_feedback')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('device_hash', '=', deviceHash)
    .executeTakeFirst();
  return r !== undefined;
}

export function insertFeedback(db: Db, row: Insertable<TrainingFeedbackTable>): Promise<number> {
  return insertReturningId(db, 'training_feedback', row);
}

export function findFeedback(db: Db, sessionId: number) {
  return db.selectFrom('training_feedback').selectAll().where('session_id', '=', sessionId).orderBy('id').execute();
}
export type FeedbackRow = Awaited<ReturnType<typeof findFeedback>>[number];

/** Averages of every rating, grouped by session, trainer or course. */
export function feedbackScores(db: Db, q: TFeedbackScoreQuery, bounds: { from?: string; to?: string }) {
  let base = db
    .selectFrom('training_feedback as f')
    .innerJoin('training_session as s', 's.id', 'f.session_id')
    .innerJoin('app_user as trainer', 'trainer.id', 's.trainer_id');
  if (bounds.from) base = base.where('s.starts_at', '>=', bounds.from);
  if (bounds.to) base = base.where('s.starts_at', '<', bounds.to);
  const avgs = base.select((eb) => [
    eb.fn.countAll<number>().as('answers'),
    eb.fn.avg<number>('f.content').as('content'),
    eb.fn.avg<number>('f.trainer').as('trainer'),
    eb.fn.avg<number>('f.materials').as('materials'),
    eb.fn.avg<number>('f.organisation').as('organisation'),
    eb.fn.avg<number>('f.usefulness').as('usefulness'),
  ]);
  if (q.by === 'trainer')
    return avgs
      .select(['s.trainer_id as key', 'trainer.name as label'])
      .groupBy(['s.trainer_id', 'trainer.name'])
      .orderBy('trainer.name')
      .execute();
  if (q.by === 'course') return avgs.select(['s.course as key', 's.course as label']).groupBy('s.course').orderBy('s.course').execute();
  return avgs
    .select(['s.id as key', 's.course as label', 's.starts_at'])
    .groupBy(['s.id', 's.course', 's.starts_at'])
    .orderBy('s.starts_at', 'desc')
    .execute();
}

/**
 * The training feedback forms of sessions held in [fromAt, toAt) under these contracts' plans: how
 * many, and the sum of each form's mean of its five 1–5 ratings.
 */
export async function feedbackScoreTotals(
  db: Db,
  contractIds: readonly number[],
  fromAt: string,
  toAt: string,
): Promise<{ n: number; sum: number }> {
  if (contractIds.length === 0) return { n: 0, sum: 0 };
  const rows = await db
    .selectFrom('training_feedback as f')
    .innerJoin('training_session as s', 's.id', 'f.session_id')
    .innerJoin('training_plan as p', 'p.id', 's.plan_id')
    .select(['f.content', 'f.trainer', 'f.materials', 'f.organisation', 'f.usefulness'])
    .where('p.contract_id', 'in', [...contractIds])
    .where('s.state', '!=', 'cancelled')
    .where('s.starts_at', '>=', fromAt)
    .where('s.starts_at', '<', toAt)
    .execute();
  const sum = rows.reduce(
    (s, r) => s + (Number(r.content) + Number(r.trainer) + Number(r.materials) + Number(r.organisation) + Number(r.usefulness)) / 5,
    0,
  );
  return { n: rows.length, sum };
}
