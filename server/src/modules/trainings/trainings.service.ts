import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type TChecklistAnswers, evaluateChecklist } from '@contract/checklists';
import { isoDateOfInstant, dayNumberOfIsoDate, formatWallTime, instantOfWallTime } from '@contract/zoned-time';
import {
  FEEDBACK_LINK_MAX_HOURS,
  FEEDBACK_RATINGS,
  type TConfirmTrainingSession,
  type TCreatePaperFeedback,
  type TCreateTrainingAttendee,
  type TCreateTrainingPlan,
  type TFeedbackLink,
  type TFeedbackScore,
  type TFeedbackScoreQuery,
  type TIssueCertificates,
  type TPublicCertificate,
  type TPublicFeedbackForm,
  type TPublicFeedbackInput,
  type TRatingAverages,
  type TSendTrainingPlan,
  type TTrainingAttendee,
  type TTrainingChecklistInput,
  type TTrainingFeedback,
  type TTrainingPlan,
  type TTrainingPlanDetail,
  type TTrainingPlanQuery,
  type TTrainingSession,
  type TTrainingSessionDetail,
  type TTrainingSessionQuery,
  type TTrainingSessionState,
  type TUpdateTrainingSession,
} from '@contract/trainings';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { nextFormattedNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { type TFormContext, type TPrintedForm, formFileName } from '../../pdf/form-text';
import { recordAudit } from '../audit/audit.service';
import { enforceGuard } from '../guards/guards.service';
import { getChecklistTemplateVersion } from '../checklists/checklists.service';
import { companyHeader, printForm } from '../company/company.service';
import { createDocument } from '../documents/documents.service';
import { getCustomer } from '../customers/customers.service';
import type { FileStore } from '../files/file-store';
import {
  contentHashOf,
  decodeSignatureImage,
  readSignatureImage,
  recordSignature,
  sendSignatureImage,
  storeSignatureImage,
} from '../signatures/signatures.service';
import type { FastifyReply } from 'fastify';
import type { ReceivedFile } from '../files/uploads';
import { queueCustomerEmails } from '../notifications/delivery.service';
import { type NotifyInput, notify } from '../notifications/notifications.service';
import { certificateForm, certificatesForm, feedbackForm, signInSheetForm, trainingPlanForm } from './trainings.forms';
import { trainingPlanIcs } from './trainings.ics';
import * as repo from './trainings.repo';
import type { TCreateDebrief } from '@contract/service-reports';
import { findDebriefOf, mayReadDebrief, recordDebrief } from '../service-reports/debriefs.service';

const MS_PER_MINUTE = 60_000;

// ── Mapping ──

function startsAtOf(date: string, startTime: string, timeZone: string): string {
  const [h, m] = startTime.split(':').map(Number);
  return new Date(instantOfWallTime(dayNumberOfIsoDate(date), (h * 60 + m) * MS_PER_MINUTE, timeZone)).toISOString();
}

function toSession(r: repo.SessionRow, timeZone: string): TTrainingSession {
  const wall = formatWallTime(r.starts_at, timeZone);
  return {
    id: Number(r.id),
    plan: { id: Number(r.plan_id), number: r.plan_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    contract: { id: Number(r.contract_id), number: r.contract_number },
    course: r.course,
    startsAt: r.starts_at,
    date: isoDateOfInstant(r.starts_at, timeZone),
    startTime: wall.slice(11, 16),
    hours: Number(r.hours),
    place: r.place,
    trainer: { id: Number(r.trainer_id), name: r.trainer_name },
    expectedAttendees: Number(r.expected_attendees),
    state: r.state as TTrainingSessionState,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by_id === null ? null : { id: Number(r.confirmed_by_id), name: r.confirmed_by_name ?? '' },
    confirmedAttendees: r.confirmed_attendees === null ? null : Number(r.confirmed_attendees),
    uid: r.uid,
    sequence: Number(r.sequence),
    sentSequence: r.sent_sequence === null ? null : Number(r.sent_sequence),
    attendeeCount: Number(r.attendee_count ?? 0),
    feedbackCount: Number(r.feedback_count ?? 0),
    certificateCount: Number(r.certificate_count ?? 0),
    checklistComplete: Number(r.checklist_complete) === 1,
    version: Number(r.version),
  };
}

function toPlan(r: repo.PlanRow): TTrainingPlan {
  return {
    id: Number(r.id),
    number: r.number,
    contract: { id: Number(r.contract_id), number: r.contract_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    title: r.title,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    notes: r.notes,
    sentAt: r.sent_at,
    sentCount: Number(r.sent_count),
    committedDays: r.training_days === null ? null : Number(r.training_days),
    committedAttendees: r.training_attendees === null ? null : Number(r.training_attendees),
    plannedHours: Number(r.planned_hours ?? 0),
    sessionCount: Number(r.session_count ?? 0),
    unsentChanges: Number(r.unsent_changes ?? 0),
    createdBy: r.created_by_id === null ? null : { id: Number(r.created_by_id), name: r.created_by_name ?? '' },
    createdAt: r.created_at,
    version: Number(r.version),
  };
}

function toAttendee(a: repo.AttendeeRow): TTrainingAttendee {
  return {
    id: Number(a.id),
    sessionId: Number(a.session_id),
    name: a.name,
    company: a.company,
    contact: a.contact,
    method: a.method as 'pad' | 'paper',
    hasSignature: a.signature_id !== null,
    signatureId: a.signature_id === null ? null : Number(a.signature_id),
    signedAt: a.signed_at,
    certificateNumber: a.certificate_number,
    certificateIssuedAt: a.certificate_issued_at,
  };
}

function toFeedback(f: repo.FeedbackRow): TTrainingFeedback {
  return {
    id: Number(f.id),
    sessionId: Number(f.session_id),
    source: f.source as 'qr' | 'paper',
    ratings: {
      content: Number(f.content),
      trainer: Number(f.trainer),
      materials: Number(f.materials),
      organisation: Number(f.organisation),
      usefulness: Number(f.usefulness),
    },
    comments: f.comments,
    attendeeName: f.attendee_name,
    createdAt: f.created_at,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function averagesOf(rows: readonly TTrainingFeedback[]): TRatingAverages {
  const avg = (k: (typeof FEEDBACK_RATINGS)[number]) =>
    rows.length === 0 ? null : round2(rows.reduce((s, r) => s + r.ratings[k], 0) / rows.length);
  const each = Object.fromEntries(FEEDBACK_RATINGS.map((k) => [k, avg(k)])) as Record<(typeof FEEDBACK_RATINGS)[number], number | null>;
  const all = FEEDBACK_RATINGS.map((k) => each[k]).filter((v): v is number => v !== null);
  return { ...each, overall: all.length === 0 ? null : round2(all.reduce((a, b) => a + b, 0) / all.length) };
}

// ── Who may act ──

const isManager = (actor: Actor) => actor.roles.includes('tech_manager') || actor.roles.includes('admin');

/** R-TRAIN-2: the session's trainer or a technical manager runs it. */
function mayRun(actor: Actor, s: repo.SessionRow): boolean {
  return isManager(actor) || Number(s.trainer_id) === actor.id;
}

async function loadSession(db: Db, id: number): Promise<repo.SessionRow> {
  const s = await repo.findSession(db, id);
  if (!s) throw new AppError('NOT_FOUND');
  return s;
}

async function loadRunnable(db: Db, actor: Actor, id: number): Promise<repo.SessionRow> {
  const s = await loadSession(db, id);
  if (!mayRun(actor, s)) throw new AppError('TRAINING_NOT_TRAINER');
  if (s.state === 'cancelled') throw new AppError('TRAINING_SESSION_CANCELLED');
  return s;
}

async function requireTrainer(db: Db, trainerId: number, path: string): Promise<void> {
  const u = await repo.findActiveUser(db, trainerId);
  if (!u || Number(u.active) !== 1 || !String(u.roles).split(',').includes('engineer'))
    throw new AppError('TRAINING_TRAINER_NOT_ENGINEER', [
      issue(path, { zh: '讲师须为在职工程师', en: 'the trainer must be an active engineer' }),
    ]);
}

// ── Plans (R-TRAIN-1) ──

export async function listTrainingPlans(db: Db, q: TTrainingPlanQuery): Promise<Page<TTrainingPlan>> {
  const { rows, total } = await repo.listPlans(db, q);
  return { items: rows.map(toPlan), total, page: q.page, pageSize: q.pageSize };
}

export async function getTrainingPlan(db: Db, id: number, timeZone: string): Promise<TTrainingPlanDetail> {
  const p = await repo.findPlan(db, id);
  if (!p) throw new AppError('NOT_FOUND');
  const sessions = await repo.findPlanSessions(db, id);
  return { ...toPlan(p), sessions: sessions.map((s) => toSession(s, timeZone)) };
}

export async function createTrainingPlan(db: Db, actor: Actor, input: TCreateTrainingPlan, timeZone: string): Promise<TTrainingPlanDetail> {
  const id = await transact(db, async (trx) => {
    const contract = await repo.findContractForPlan(trx, input.contractId);
    if (!contract) throw fieldError('contractId', { zh: '合同不存在', en: 'no such contract' }, 'invalid_reference');
    const days = Number(contract.training_days ?? 0);
    const heads = Number(contract.training_attendees ?? 0);
    if (days <= 0 && heads <= 0) throw new AppError('TRAINING_CONTRACT_NO_TRAINING');
    for (const [i, s] of input.sessions.entries()) await requireTrainer(trx, s.trainerId, `sessions.${i}.trainerId`);
    const at = nowIso();
    const year = Number(isoDateOfInstant(at, timeZone).slice(0, 4));
    const number = await nextFormattedNumber(trx, 'TP', year);
    const planId = await repo.insertPlan(trx, {
      number,
      contract_id: Number(contract.id),
      customer_id: Number(contract.customer_id),
      title: input.title,
      contact_name: input.contactName ?? null,
      contact_email: input.contactEmail ?? null,
      notes: input.notes ?? null,
      sent_at: null,
      sent_count: 0,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    const notices: NotifyInput[] = [];
    for (const s of input.sessions) {
      const sessionId = await repo.insertSession(trx, {
        plan_id: planId,
        uid: `training-${randomUUID()}@fuwu`,
        sequence: 0,
        course: s.course,
        starts_at: startsAtOf(s.date, s.startTime, timeZone),
        hours: s.hours,
        place: s.place,
        trainer_id: s.trainerId,
        expected_attendees: s.expectedAttendees,
        state: 'planned',
        confirmed_at: null,
        confirmed_by_id: null,
        confirmed_attendees: null,
        checklist_template_id: null,
        checklist_version: null,
        checklist_answers: null,
        checklist_complete: 0,
        sent_sequence: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      // R-TRAIN-2: the trainer is told, and asked to confirm time, place and headcount with the customer.
      notices.push({
        userId: s.trainerId,
        kind: 'assignment',
        titleZh: `培训讲师：${s.course}（${contract.customer_name}，${s.date} ${s.startTime}）`,
        titleEn: `You train "${s.course}" for ${contract.customer_name} on ${s.date} ${s.startTime}`,
        body: `请在培训前与客户确认时间、地点和人数。Confirm time, place and headcount with the customer before the session.`,
        entity: 'training_session',
        entityId: sessionId,
        dedupeKey: `training-trainer:${sessionId}`,
      });
    }
    await notify(trx, notices, at);
    await recordAudit(trx, actor, { entity: 'training_plan', entityId: planId, action: 'create', after: { number, ...input } });
    return planId;
  });
  return getTrainingPlan(db, id, timeZone);
}

/** The plan as PDF, for download or to send. */
export async function trainingPlanPdf(db: Db, store: FileStore, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  return printForm(db, store, trainingPlanForm(await getTrainingPlan(db, id, ctx.timeZone), ctx));
}

export async function trainingPlanCalendar(db: Db, id: number, timeZone: string): Promise<{ name: string; ics: string }> {
  const p = await getTrainingPlan(db, id, timeZone);
  return { name: `${p.number}.ics`, ics: trainingPlanIcs(p, timeZone) };
}

/** R-TRAIN-1: the plan goes to the customer's contact as an e-mail with its PDF and an .ics of its sessions, through the outbox. */
export async function sendTrainingPlan(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  input: TSendTrainingPlan,
  ctx: TFormContext,
): Promise<TTrainingPlanDetail> {
  const plan = await getTrainingPlan(db, id, ctx.timeZone);
  let to = input.to ?? plan.contactEmail;
  let contactName = plan.contactName;
  if (input.contactId !== undefined) {
    const contact = (await getCustomer(db, plan.customer.id)).contacts.find((c) => c.id === input.contactId);
    if (!contact)
      throw new AppError('REFERENCE_INVALID', [issue('contactId', { zh: '不是该客户的联系人', en: "not one of the customer's contacts" })]);
    if (!contact.email)
      throw new AppError('TRAINING_NO_RECIPIENT', [issue('contactId', { zh: '没有电子邮箱地址', en: 'has no e-mail address' })]);
    to = contact.email;
    contactName = contact.name;
  }
  if (!to) throw new AppError('TRAINING_NO_RECIPIENT');
  const form = await printForm(db, store, trainingPlanForm(plan, ctx));
  const ics = Buffer.from(trainingPlanIcs(plan, ctx.timeZone), 'utf8');
  await transact(db, async (trx) => {
    const at = nowIso();
    const greeting = contactName ? `${contactName}：\n\n` : '';
    const lines = plan.sessions
      .filter((s) => s.state !== 'cancelled')
      .map((s) => `- ${formatWallTime(s.startsAt, ctx.timeZone)}  ${s.course}  ${s.place}  (${s.hours} h, ${s.trainer.name})`);
    const [outboxId] = await queueCustomerEmails(
      trx,
      [
        {
          to,
          subject: `培训计划 Training plan ${plan.number}：${plan.title}`,
          body: `${greeting}${input.message ?? '附件为培训计划（PDF）及日历文件（.ics）。 The training plan (PDF) and calendar (.ics) are attached.'}\n\n${lines.join('\n')}`,
          attachments: [
            { fileName: formFileName(form), contentType: 'application/pdf', content: form.pdf },
            { fileName: `${plan.number}.ics`, contentType: 'text/calendar; method=REQUEST; charset=utf-8', content: ics },
          ],
        },
      ],
      at,
    );
    await repo.markPlanSent(trx, id, at);
    await recordAudit(trx, actor, { entity: 'training_plan', entityId: id, action: 'send', after: { to, outboxId } });
  });
  return getTrainingPlan(db, id, ctx.timeZone);
}

// ── Sessions ──

function dateBounds(q: { from?: string; to?: string }, timeZone: string) {
  return {
    ...(q.from && { from: startsAtOf(q.from, '00:00', timeZone) }),
    ...(q.to && { to: new Date(instantOfWallTime(dayNumberOfIsoDate(q.to) + 1, 0, timeZone)).toISOString() }),
  };
}

export async function listTrainingSessions(db: Db, q: TTrainingSessionQuery, timeZone: string): Promise<Page<TTrainingSession>> {
  const { rows, total } = await repo.listSessions(db, q, dateBounds(q, timeZone));
  return { items: rows.map((r) => toSession(r, timeZone)), total, page: q.page, pageSize: q.pageSize };
}

export async function listTrainingSessionsAfter(db: Db, q: TTrainingSessionQuery, timeZone: string, afterId: number, limit: number) {
  const rows = await repo.listSessionsAfter(db, q, dateBounds(q, timeZone), afterId, limit);
  return rows.map((r) => toSession(r, timeZone));
}

export async function getTrainingSession(db: Db, id: number, timeZone: string): Promise<TTrainingSessionDetail> {
  const s = await loadSession(db, id);
  const [attendees, feedback, template, linkExpiry] = await Promise.all([
    repo.findAttendees(db, id),
    repo.findFeedback(db, id),
    s.checklist_template_id === null ? repo.findTrainingRoomTemplate(db) : Promise.resolve(null),
    repo.latestLinkExpiry(db, id),
  ]);
  const templateId = s.checklist_template_id === null ? Number(template?.id) : Number(s.checklist_template_id);
  const versionNo = s.checklist_version === null ? Number(template?.current_version) : Number(s.checklist_version);
  const version = await getChecklistTemplateVersion(db, templateId, versionNo);
  const answers: TChecklistAnswers = s.checklist_answers ? JSON.parse(s.checklist_answers) : {};
  const evaluation = evaluateChecklist(version.items, answers);
  const fb = feedback.map(toFeedback);
  return {
    ...toSession(s, timeZone),
    checklist: {
      templateId,
      versionNo,
      nameZh: version.nameZh,
      nameEn: version.nameEn,
      items: version.items,
      answers,
      missing: evaluation.missing,
      outOfRange: evaluation.outOfRange,
    },
    attendees: attendees.map(toAttendee),
    feedback: fb,
    averages: averagesOf(fb),
    feedbackLinkExpiresAt: linkExpiry,
  };
}

/** A change to a session already sent bumps its SEQUENCE: the customer's calendar updates the same event. */
function sequenceAfterChange(s: repo.SessionRow): number {
  return s.sent_sequence === null ? Number(s.sequence) : Number(s.sequence) + 1;
}

export async function updateTrainingSession(db: Db, actor: Actor, id: number, input: TUpdateTrainingSession, timeZone: string) {
  await transact(db, async (trx) => {
    const s = await loadSession(trx, id);
    if (s.state === 'cancelled') throw new AppError('TRAINING_SESSION_CANCELLED');
    if (input.trainerId !== undefined) await requireTrainer(trx, input.trainerId, 'trainerId');
    const before = toSession(s, timeZone);
    const startsAt =
      input.date !== undefined || input.startTime !== undefined
        ? startsAtOf(input.date ?? before.date, input.startTime ?? before.startTime, timeZone)
        : s.starts_at;
    const at = nowIso();
    await repo.updateSession(trx, id, input.version, {
      ...(input.course !== undefined && { course: input.course }),
      starts_at: startsAt,
      ...(input.hours !== undefined && { hours: input.hours }),
      ...(input.place !== undefined && { place: input.place }),
      ...(input.trainerId !== undefined && { trainer_id: input.trainerId }),
      ...(input.expectedAttendees !== undefined && { expected_attendees: input.expectedAttendees }),
      sequence: sequenceAfterChange(s),
      updated_at: at,
    });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'update', before, after: input });
  });
  return getTrainingSession(db, id, timeZone);
}

export async function cancelTrainingSession(db: Db, actor: Actor, id: number, version: number, timeZone: string) {
  await transact(db, async (trx) => {
    const s = await loadSession(trx, id);
    if (s.state === 'cancelled') throw new AppError('TRAINING_SESSION_CANCELLED');
    await repo.updateSession(trx, id, version, { state: 'cancelled', sequence: sequenceAfterChange(s), updated_at: nowIso() });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'cancel' });
  });
  return getTrainingSession(db, id, timeZone);
}

/** R-TRAIN-2: the trainer confirms time, place and number of attendees before the session. */
export async function confirmTrainingSession(db: Db, actor: Actor, id: number, input: TConfirmTrainingSession, timeZone: string) {
  await transact(db, async (trx) => {
    const s = await loadRunnable(trx, actor, id);
    const startsAt = startsAtOf(input.date, input.startTime, timeZone);
    const changed = startsAt !== s.starts_at || input.place !== s.place;
    const at = nowIso();
    await repo.updateSession(trx, id, input.version, {
      starts_at: startsAt,
      place: input.place,
      confirmed_attendees: input.attendees,
      confirmed_at: at,
      confirmed_by_id: actor.id,
      state: s.state === 'held' ? 'held' : 'confirmed',
      ...(changed && { sequence: sequenceAfterChange(s) }),
      updated_at: at,
    });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'confirm', after: input });
  });
  return getTrainingSession(db, id, timeZone);
}

/** R-TRAIN-3: the training room checklist, stored with the template version it was filled with. */
export async function saveTrainingChecklist(db: Db, actor: Actor, id: number, input: TTrainingChecklistInput, timeZone: string) {
  await transact(db, async (trx) => {
    const s = await loadRunnable(trx, actor, id);
    let templateId = s.checklist_template_id === null ? null : Number(s.checklist_template_id);
    let versionNo = s.checklist_version === null ? null : Number(s.checklist_version);
    if (templateId === null || versionNo === null) {
      const t = await repo.findTrainingRoomTemplate(trx);
      if (!t) throw new AppError('NOT_FOUND');
      templateId = Number(t.id);
      versionNo = Number(t.current_version);
    }
    const version = await getChecklistTemplateVersion(trx, templateId, versionNo);
    const evaluation = evaluateChecklist(version.items, input.answers);
    if (evaluation.invalid.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        evaluation.invalid.map((i) =>
          issue(`answers.${i.key}`, { zh: `${i.label.zh}：答案不符合该项`, en: `${i.label.en}: the answer does not fit this item` }),
        ),
      );
    await repo.updateSession(trx, id, input.version, {
      checklist_template_id: templateId,
      checklist_version: versionNo,
      checklist_answers: JSON.stringify(input.answers),
      checklist_complete: evaluation.complete ? 1 : 0,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'checklist', after: input.answers });
  });
  return getTrainingSession(db, id, timeZone);
}

/** R-TRAIN-3: an attendee signs in on the tablet (name, company/department, contact, signature) or is typed in from the paper sheet. */
export async function addTrainingAttendee(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  input: TCreateTrainingAttendee,
): Promise<TTrainingAttendee> {
  if (input.method === 'pad' && !input.signature) throw new AppError('TRAINING_SIGNATURE_REQUIRED');
  // Checked and kept before the transaction (signatures module): a refused image stores nothing.
  const file =
    input.method === 'pad' && input.signature ? await storeSignatureImage(store, decodeSignatureImage(input.signature, 'signature')) : null;
  return transact(
    db,
    async (trx) => {
      await loadRunnable(trx, actor, id);
      const at = nowIso();
      const attendeeId = await repo.insertAttendee(trx, {
        session_id: id,
        name: input.name,
        company: input.company ?? null,
        contact: input.contact ?? null,
        method: input.method,
        signature_id: null,
        signed_at: at,
        certificate_number: null,
        certificate_code: null,
        certificate_issued_at: null,
        created_by_id: actor.id,
        created_at: at,
      });
      let signatureId: number | null = null;
      if (file) {
        // What the attendee signed: his line of this session's sign-in sheet.
        const line = { sessionId: id, name: input.name, company: input.company ?? null, contact: input.contact ?? null };
        const signature = await recordSignature(trx, actor, {
          entity: 'training_attendee',
          entityId: attendeeId,
          entityVersion: 1,
          signerName: input.name,
          signerRole: 'attendee',
          method: 'pad',
          file,
          contentHash: contentHashOf(line),
          signedAt: at,
        });
        signatureId = signature.id;
        await repo.setAttendeeSignature(trx, attendeeId, signatureId);
      }
      await repo.touchSession(trx, id, { updated_at: at });
      await recordAudit(trx, actor, {
        entity: 'training_session',
        entityId: id,
        action: 'sign_in',
        after: { attendeeId, name: input.name, method: input.method, signatureId },
      });
      const row = (await repo.findAttendees(trx, id)).find((a) => Number(a.id) === attendeeId);
      return toAttendee(row as repo.AttendeeRow);
    },
    { durable: true },
  );
}

/** The printed sign-in sheet: the rows signed so far and blank rows to sign on paper. */
export async function signInSheetPdf(db: Db, store: FileStore, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  const s = await getTrainingSession(db, id, ctx.timeZone);
  return printForm(db, store, signInSheetForm(s, ctx, `${s.plan.number}-${s.id}`, await signatureImages(db, store, s)));
}

/** The tablet signatures of a session's attendees, by attendee id, for the printed sheet. */
async function signatureImages(db: Db, store: FileStore, s: TTrainingSessionDetail): Promise<Map<number, Uint8Array>> {
  const images = new Map<number, Uint8Array>();
  for (const a of s.attendees)
    if (a.signatureId !== null) images.set(a.id, await readSignatureImage(db, store, a.signatureId, 'training_attendee', a.id));
  return images;
}

/** One attendee's tablet signature as a download (the session's readers). */
export async function sendAttendeeSignature(db: Db, store: FileStore, reply: FastifyReply, sessionId: number, attendeeId: number) {
  await loadSession(db, sessionId);
  const a = (await repo.findAttendees(db, sessionId)).find((x) => Number(x.id) === attendeeId);
  if (!a || a.signature_id === null) throw new AppError('NOT_FOUND');
  return sendSignatureImage(db, store, reply, Number(a.signature_id), { entity: 'training_attendee', entityId: attendeeId });
}

export async function feedbackFormPdf(db: Db, store: FileStore, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  const s = await getTrainingSession(db, id, ctx.timeZone);
  return printForm(db, store, feedbackForm(s, ctx, `${s.plan.number}-${s.id}`));
}

/** R-TRAIN-4: the hand-filled sign-in sheet, scanned, goes into the customer's archive. */
export async function uploadSignInScan(db: Db, store: FileStore, actor: Actor, id: number, file: ReceivedFile) {
  const s = await loadRunnable(db, actor, id);
  return createDocument(
    db,
    store,
    actor,
    {
      contractId: Number(s.contract_id),
      type: 'training_sign_in',
      title: `培训签到表 ${s.course} ${s.starts_at.slice(0, 10)}`,
      isCopy: false,
      priceSensitive: false,
    } as never,
    file,
  );
}

/** R-TRAIN-4: the sign-in sheet and the feedback forms, printed from the records, go into the customer's archive. */
export async function archiveTrainingSession(db: Db, store: FileStore, actor: Actor, id: number, ctx: TFormContext) {
  const s = await loadRunnable(db, actor, id);
  const detail = await getTrainingSession(db, id, ctx.timeZone);
  if (detail.attendees.length === 0) throw new AppError('TRAINING_NO_ATTENDEES');
  const filed = [];
  const forms: [TPrintedForm, 'training_sign_in' | 'training_feedback'][] = [
    [
      await printForm(db, store, signInSheetForm(detail, ctx, `${detail.plan.number}-${id}`, await signatureImages(db, store, detail))),
      'training_sign_in',
    ],
  ];
  if (detail.feedback.length > 0)
    forms.push([await printForm(db, store, feedbackForm(detail, ctx, `${detail.plan.number}-${id}`)), 'training_feedback']);
  for (const [form, type] of forms) {
    const staged = await store.stage(Readable.from([form.pdf]));
    filed.push(
      await createDocument(
        db,
        store,
        actor,
        {
          contractId: Number(s.contract_id),
          type,
          title: `${form.title} ${detail.course} ${detail.date}`,
          isCopy: false,
          priceSensitive: false,
        } as never,
        { staged, fileName: formFileName(form), kind: 'pdf', mime: 'application/pdf' } as ReceivedFile,
      ),
    );
  }
  return { items: filed };
}

// ── Feedback (R-TRAIN-3) ──

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A link for the session's feedback page, shown as a QR code: valid for `hours`; only its hash is kept. */
export async function createFeedbackLink(db: Db, actor: Actor, id: number, hours: number, publicUrl: string): Promise<TFeedbackLink> {
  return transact(db, async (trx) => {
    await loadRunnable(trx, actor, id);
    const token = randomBytes(24).toString('base64url');
    const at = nowIso();
    // The route's schema bounds it too; checked here for every other caller.
    if (!Number.isInteger(hours) || hours < 1 || hours > FEEDBACK_LINK_MAX_HOURS)
      throw fieldError('hours', {
        zh: `有效期须为 1 至 ${FEEDBACK_LINK_MAX_HOURS} 小时`,
        en: `valid for 1 to ${FEEDBACK_LINK_MAX_HOURS} hours`,
      });
    const expiresAt = new Date(Date.parse(at) + hours * 3_600_000).toISOString();
    await repo.insertFeedbackLink(trx, {
      session_id: id,
      token_hash: sha256(token),
      expires_at: expiresAt,
      created_by_id: actor.id,
      created_at: at,
    });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'feedback_link', after: { expiresAt } });
    return { token, expiresAt, url: `${publicUrl.replace(/\/+$/, '')}/feedback/${token}` };
  });
}

async function liveLink(db: Db, token: string, now = new Date()) {
  const link = await repo.findFeedbackLink(db, sha256(token));
  if (!link) throw new AppError('TRAINING_FEEDBACK_LINK_INVALID');
  if (link.expires_at <= now.toISOString() || link.state === 'cancelled') throw new AppError('TRAINING_FEEDBACK_LINK_EXPIRED');
  return link;
}

/** What the public page shows: that session's course, date and trainer; whether this device has answered. */
export async function publicFeedbackForm(db: Db, token: string, deviceId: string | null, timeZone: string): Promise<TPublicFeedbackForm> {
  const link = await liveLink(db, token);
  const sessionId = Number(link.session_id);
  return {
    sessionId,
    course: link.course,
    date: isoDateOfInstant(link.starts_at, timeZone),
    trainer: link.trainer_name,
    expiresAt: link.expires_at,
    answered: deviceId !== null && (await repo.deviceAnswered(db, sessionId, sha256(deviceId))),
  };
}

function feedbackRow(sessionId: number, input: TCreatePaperFeedback, at: string) {
  return {
    session_id: sessionId,
    content: input.ratings.content,
    trainer: input.ratings.trainer,
    materials: input.ratings.materials,
    organisation: input.ratings.organisation,
    usefulness: input.ratings.usefulness,
    comments: input.comments ?? null,
    attendee_name: input.attendeeName ?? null,
    created_at: at,
  };
}

/** An attendee's answer from his phone: the link must be live and for the session the page showed; one answer per device. */
export async function submitPublicFeedback(db: Db, token: string, deviceId: string, input: TPublicFeedbackInput): Promise<{ ok: true }> {
  return transact(db, async (trx) => {
    const link = await liveLink(trx, token);
    const sessionId = Number(link.session_id);
    if (sessionId !== input.sessionId) throw new AppError('TRAINING_FEEDBACK_OTHER_SESSION');
    const deviceHash = sha256(deviceId);
    if (await repo.deviceAnswered(trx, sessionId, deviceHash)) throw new AppError('TRAINING_FEEDBACK_ALREADY_GIVEN');
    await repo.insertFeedback(trx, {
      ...feedbackRow(sessionId, input, nowIso()),
      source: 'qr',
      device_hash: deviceHash,
      entered_by_id: null,
    });
    return { ok: true as const };
  });
}

/** A paper Training Feedback Form typed in later by the trainer. */
export async function addPaperFeedback(db: Db, actor: Actor, id: number, input: TCreatePaperFeedback): Promise<TTrainingFeedback> {
  return transact(db, async (trx) => {
    await loadRunnable(trx, actor, id);
    const at = nowIso();
    const fid = await repo.insertFeedback(trx, {
      ...feedbackRow(id, input, at),
      source: 'paper',
      device_hash: null,
      entered_by_id: actor.id,
    });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'paper_feedback', after: { feedbackId: fid } });
    const row = (await repo.findFeedback(trx, id)).find((f) => Number(f.id) === fid);
    return toFeedback(row as repo.FeedbackRow);
  });
}

/** Averages per session, trainer or course. */
export async function feedbackScores(db: Db, q: TFeedbackScoreQuery, timeZone: string): Promise<TFeedbackScore[]> {
  const rows = await repo.feedbackScores(db, q, dateBounds(q, timeZone));
  return rows.map((r) => {
    const each = Object.fromEntries(FEEDBACK_RATINGS.map((k) => [k, r[k] === null ? null : round2(Number(r[k]))])) as Record<
      (typeof FEEDBACK_RATINGS)[number],
      number | null
    >;
    const vals = FEEDBACK_RATINGS.map((k) => each[k]).filter((v): v is number => v !== null);
    const starts = 'starts_at' in r ? (r.starts_at as string) : null;
    return {
      key: String(r.key),
      label: starts ? `${r.label} (${isoDateOfInstant(starts, timeZone)})` : String(r.label),
      answers: Number(r.answers),
      averages: { ...each, overall: vals.length === 0 ? null : round2(vals.reduce((a, b) => a + b, 0) / vals.length) },
    };
  });
}

// ── Certificates (R-TRAIN-3) ──

/** Issues a certificate number (gap-free, TC-year series) to every attendee signed in without one; the session is then held. */
export async function issueCertificates(
  db: Db,
  actor: Actor,
  id: number,
  input: TIssueCertificates,
  timeZone: string,
): Promise<TTrainingSessionDetail> {
  await transact(db, async (trx) => {
    const s = await loadRunnable(trx, actor, id);
    const attendees = await repo.findAttendees(trx, id);
    if (attendees.length === 0) throw new AppError('TRAINING_NO_ATTENDEES');
    // R-TRAIN-2: confirmed before it is held; a technical manager may override with a reason.
    await enforceGuard(
      trx,
      actor,
      { code: 'TRAINING_NOT_CONFIRMED', broken: s.confirmed_at === null, subject: { entity: 'training_session', id } },
      input.override,
    );
    const at = nowIso();
    const year = Number(isoDateOfInstant(s.starts_at, timeZone).slice(0, 4));
    const issued: string[] = [];
    for (const a of attendees) {
      if (a.certificate_number !== null) continue;
      const number = await nextFormattedNumber(trx, 'TC', year);
      await repo.setCertificate(trx, Number(a.id), number, randomBytes(12).toString('base64url'), at);
      issued.push(number);
    }
    await repo.touchSession(trx, id, { state: 'held', updated_at: at });
    await recordAudit(trx, actor, { entity: 'training_session', entityId: id, action: 'certificates', after: { issued } });
  });
  return getTrainingSession(db, id, timeZone);
}

/** The issuer printed on certificates: the company's name. */
async function issuerName(db: Db, store: FileStore): Promise<string> {
  return (await companyHeader(db, store)).name;
}

/** Certificates as PDF: one attendee's (`attendeeId`), or every certificate of the session in one file. */
export async function certificatePdf(db: Db, store: FileStore, id: number, attendeeId: number | undefined, ctx: TFormContext) {
  const s = await loadSession(db, id);
  const attendees = (await repo.findAttendees(db, id)).filter((a) => a.certificate_number !== null);
  const chosen = attendeeId === undefined ? attendees : attendees.filter((x) => Number(x.id) === attendeeId);
  if (chosen.length === 0) throw new AppError('TRAINING_CERTIFICATE_NOT_FOUND');
  const issuer = await issuerName(db, store);
  const facts = chosen.map((a) => ({
    number: a.certificate_number as string,
    attendee: a.name,
    company: a.company,
    course: s.course,
    hours: Number(s.hours),
    date: isoDateOfInstant(s.starts_at, ctx.timeZone),
    issuer,
    issuedAt: a.certificate_issued_at as string,
    verifyUrl: `${ctx.publicUrl.replace(/\/+$/, '')}/certificates/${a.certificate_code}`,
  }));
  if (facts.length === 1) return printForm(db, store, certificateForm(facts[0], ctx));
  return printForm(db, store, certificatesForm({ id, number: `${s.plan_number}-${id}`, createdAt: facts[0].issuedAt, issuer }, facts, ctx));
}

/** What the public verification page shows: that certificate's facts only. */
export async function publicCertificate(db: Db, store: FileStore, code: string, timeZone: string): Promise<TPublicCertificate> {
  const c = await repo.findCertificateByCode(db, code);
  if (!c?.certificate_number || !c.certificate_issued_at) throw new AppError('TRAINING_CERTIFICATE_NOT_FOUND');
  return {
    number: c.certificate_number,
    attendee: c.name,
    course: c.course,
    hours: Number(c.hours),
    date: isoDateOfInstant(c.starts_at, timeZone),
    issuer: await issuerName(db, store),
    issuedAt: c.certificate_issued_at,
  };
}

/** Training feedback on these contracts (sessions held in [fromAt, toAt)): how many forms, and the sum of each form's mean 1–5 rating. */
export function trainingFeedbackScores(
  db: Db,
  contractIds: readonly number[],
  fromAt: string,
  toAt: string,
): Promise<{ n: number; sum: number }> {
  return repo.feedbackScoreTotals(db, contractIds, fromAt, toAt);
}

// ── Debrief (R-INST-11, R-TRAIN-4) ──

/**
 * After a session is held, its trainer writes the debrief (how it went, lessons, the customer's
 * situation) — a technical manager may write it for him. The same debrief as a service request's:
 * the technical managers and the contract's sales owner are told, and it goes into the week's note to sales.
 */
export async function createTrainingDebrief(db: Db, actor: Actor, id: number, input: TCreateDebrief) {
  const debrief = await transact(db, async (trx) => {
    const s = await loadSession(trx, id);
    if (!mayRun(actor, s)) throw new AppError('TRAINING_NOT_TRAINER');
    if (s.state !== 'held') throw new AppError('DEBRIEF_SESSION_NOT_HELD');
    return recordDebrief(trx, actor, { kind: 'training_session', id }, input);
  });
  return { debrief, written: true };
}

/**
 * The session's debrief for its readers — a technical manager or administrator, the contract's
 * sales owner, its author; anyone else who sees the session learns only whether it is written.
 */
export async function getTrainingDebrief(db: Db, actor: Actor, id: number) {
  await loadSession(db, id);
  const d = await findDebriefOf(db, { kind: 'training_session', id });
  return { debrief: d && mayReadDebrief(actor, d) ? d : null, written: d !== null };
}
