import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { pick } from '@contract/bilingual';
import { ZIdParams, ZPage } from '@contract/common';
import {
  FEEDBACK_RATING_LABELS,
  TRAINING_SESSION_STATE_LABELS,
  type TTrainingSession,
  ZAttendeeParams,
  ZCertificatePdfQuery,
  ZConfirmTrainingSession,
  ZCreatePaperFeedback,
  ZCreateTrainingAttendee,
  ZCreateTrainingPlan,
  ZFeedbackLink,
  ZTrainingDebrief,
  ZFeedbackLinkInput,
  ZFeedbackScore,
  ZFeedbackScoreQuery,
  ZIssueCertificates,
  ZPublicCertificate,
  ZPublicFeedbackForm,
  ZPublicFeedbackInput,
  ZSendTrainingPlan,
  ZSignInSheetQuery,
  ZTrainingAttendee,
  ZTrainingChecklistInput,
  ZTrainingFeedback,
  ZTrainingPlan,
  ZTrainingPlanDetail,
  ZTrainingPlanQuery,
  ZTrainingSession,
  ZTrainingSessionDetail,
  ZTrainingSessionQuery,
  ZUpdateTrainingSession,
} from '@contract/trainings';
import { ZCreateDebrief } from '@contract/service-reports';
import { todayIn } from '@contract/zoned-time';
import { ZDocument } from '@contract/documents';
import type { AppInstance } from '../../http/types';
import { requestLocale } from '../../http/request-locale';
import { formContextOf } from '../../pdf/form-text';
import { sendFormPdf } from '../../pdf/send-pdf';
import { type ExportColumn, type ExportFormat, exportColumn, keysetBatches, sendXlsxStream } from '../../spreadsheets/stream-export';
import { attachmentDisposition } from '../files/file-names';
import { createFileStore } from '../files/file-store';
import { withUpload } from '../files/uploads';
import {
  addPaperFeedback,
  addTrainingAttendee,
  archiveTrainingSession,
  cancelTrainingSession,
  certificatePdf,
  confirmTrainingSession,
  createFeedbackLink,
  createTrainingDebrief,
  getTrainingDebrief,
  createTrainingPlan,
  feedbackFormPdf,
  feedbackScores,
  getTrainingPlan,
  getTrainingSession,
  issueCertificates,
  listTrainingPlans,
  listTrainingSessions,
  listTrainingSessionsAfter,
  publicCertificate,
  publicFeedbackForm,
  sendTrainingPlan,
  signInSheetPdf,
  submitPublicFeedback,
  trainingPlanCalendar,
  trainingPlanPdf,
  updateTrainingSession,
  uploadSignInScan,
  saveTrainingChecklist,
  sendAttendeeSignature,
} from './trainings.service';

/** The phone's device id for the feedback page: one answer per device and session. */
const DEVICE_COOKIE = 'fuwu_feedback_device';
const ZTokenParams = z.strictObject({ token: z.string().min(10).max(100) });
const ZCodeParams = z.strictObject({ code: z.string().min(10).max(100) });
const ZVersionBody = z.strictObject({ version: z.number().int() });
/** Public pages: per client address and minute. */
const PUBLIC_RATE = { max: 30, timeWindow: '1 minute' };

export async function trainingsRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const config = app.deps.config;
  const tz = config.FUWU_TIMEZONE;
  const store = createFileStore(config);
  const tags = ['trainings'];
  const ctxOf = (lang?: 'zh-CN' | 'en') => formContextOf(config, lang);

  // ── Plans (R-TRAIN-1) ──
  app.get(
    '/api/training-plans',
    {
      config: { permission: 'trainings.read' },
      schema: { tags, summary: 'Training plans, newest first', querystring: ZTrainingPlanQuery, response: { 200: ZPage(ZTrainingPlan) } },
    },
    async (req) => listTrainingPlans(db, req.query),
  );
  app.post(
    '/api/training-plans',
    {
      config: { permission: 'trainings.plan' },
      schema: {
        tags,
        summary: "Draft a training plan from a training contract's commitments",
        body: ZCreateTrainingPlan,
        response: { 201: ZTrainingPlanDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createTrainingPlan(db, req.actor, req.body, tz)),
  );
  app.get(
    '/api/training-plans/:id',
    {
      config: { permission: 'trainings.read' },
      schema: { tags, summary: 'A training plan with its sessions', params: ZIdParams, response: { 200: ZTrainingPlanDetail } },
    },
    async (req) => getTrainingPlan(db, req.params.id, tz),
  );
  app.get(
    '/api/training-plans/:id/plan.pdf',
    {
      config: { permission: 'trainings.read' },
      schema: { tags, summary: 'The training plan as PDF', params: ZIdParams, querystring: ZSignInSheetQuery },
    },
    async (req, reply) => sendFormPdf(reply, await trainingPlanPdf(db, store, req.params.id, ctxOf(req.query.lang))),
  );
  app.get(
    '/api/training-plans/:id/plan.ics',
    {
      config: { permission: 'trainings.read' },
      schema: { tags, summary: 'The sessions as an iCalendar file (stable UIDs, SEQUENCE)', params: ZIdParams },
    },
    async (req, reply) => {
      const { name, ics } = await trainingPlanCalendar(db, req.params.id, tz);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', attachmentDisposition(name))
        .header('x-content-type-options', 'nosniff')
        .send(ics);
    },
  );
  app.post(
    '/api/training-plans/:id/send',
    {
      config: { permission: 'trainings.plan' },
      schema: {
        tags,
        summary: "Send the plan to the customer's contact: e-mail with the PDF and .ics",
        params: ZIdParams,
        body: ZSendTrainingPlan,
        response: { 200: ZTrainingPlanDetail },
      },
    },
    async (req) => sendTrainingPlan(db, store, req.actor, req.params.id, req.body, ctxOf()),
  );

  // ── Sessions ──
  app.get(
    '/api/training-sessions',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary: 'Training sessions (dates, trainer, state, customer)',
        querystring: ZTrainingSessionQuery,
        response: { 200: ZPage(ZTrainingSession) },
      },
    },
    async (req) => listTrainingSessions(db, req.query, tz),
  );
  app.get(
    '/api/training-sessions/export.xlsx',
    {
      config: { permission: 'trainings.export' },
      schema: { tags, summary: 'The filtered training sessions as .xlsx', querystring: ZTrainingSessionQuery },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const say = (l: { zh: string; en: string }) => pick(l, locale);
      const col = (zh: string, en: string, width: number, value: ExportColumn<TTrainingSession>['value'], format?: ExportFormat) =>
        exportColumn({ zh, en }, locale, width, value, format);
      return sendXlsxStream(reply, {
        sheetName: say({ zh: '培训场次', en: 'Training sessions' }),
        disposition: attachmentDisposition(`${say({ zh: '培训场次', en: 'Training sessions' })}-${todayIn(tz)}.xlsx`),
        timeZone: tz,
        columns: [
          col('培训计划', 'Plan', 16, (r) => r.plan.number),
          col('客户', 'Customer', 28, (r) => r.customer.name),
          col('课程', 'Course', 28, (r) => r.course),
          col('开始时间', 'Starts', 17, (r) => r.startsAt, 'datetime'),
          col('课时', 'Hours', 8, (r) => r.hours),
          col('地点', 'Place', 24, (r) => r.place),
          col('讲师', 'Trainer', 12, (r) => r.trainer.name),
          col('预计人数', 'Expected', 10, (r) => r.expectedAttendees),
          col('确认人数', 'Confirmed', 10, (r) => r.confirmedAttendees),
          col('签到人数', 'Signed in', 10, (r) => r.attendeeCount),
          col('反馈份数', 'Feedback', 10, (r) => r.feedbackCount),
          col('证书数', 'Certificates', 10, (r) => r.certificateCount),
          col('状态', 'State', 10, (r) => say(TRAINING_SESSION_STATE_LABELS[r.state])),
        ],
        batches: keysetBatches((afterId, limit) => listTrainingSessionsAfter(db, req.query, tz, afterId, limit), 1000),
      });
    },
  );
  app.get(
    '/api/training-sessions/:id',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary: 'A session: checklist, attendees, feedback and averages',
        params: ZIdParams,
        response: { 200: ZTrainingSessionDetail },
      },
    },
    async (req) => getTrainingSession(db, req.params.id, tz),
  );
  app.patch(
    '/api/training-sessions/:id',
    {
      config: { permission: 'trainings.plan' },
      schema: {
        tags,
        summary: 'Change a session (a sent one gets a higher SEQUENCE)',
        params: ZIdParams,
        body: ZUpdateTrainingSession,
        response: { 200: ZTrainingSessionDetail },
      },
    },
    async (req) => updateTrainingSession(db, req.actor, req.params.id, req.body, tz),
  );
  app.post(
    '/api/training-sessions/:id/cancel',
    {
      config: { permission: 'trainings.plan' },
      schema: { tags, summary: 'Cancel a session', params: ZIdParams, body: ZVersionBody, response: { 200: ZTrainingSessionDetail } },
    },
    async (req) => cancelTrainingSession(db, req.actor, req.params.id, req.body.version, tz),
  );
  app.post(
    '/api/training-sessions/:id/confirm',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: 'The trainer confirms time, place and number of attendees',
        params: ZIdParams,
        body: ZConfirmTrainingSession,
        response: { 200: ZTrainingSessionDetail },
      },
    },
    async (req) => confirmTrainingSession(db, req.actor, req.params.id, req.body, tz),
  );
  app.put(
    '/api/training-sessions/:id/checklist',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: 'The training room checklist',
        params: ZIdParams,
        body: ZTrainingChecklistInput,
        response: { 200: ZTrainingSessionDetail },
      },
    },
    async (req) => saveTrainingChecklist(db, req.actor, req.params.id, req.body, tz),
  );
  app.post(
    '/api/training-sessions/:id/attendees',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: 'An attendee signs in (tablet with signature, or typed in from paper)',
        params: ZIdParams,
        body: ZCreateTrainingAttendee,
        response: { 201: ZTrainingAttendee },
      },
      bodyLimit: 2 * 1024 * 1024,
    },
    async (req, reply) => reply.status(201).send(await addTrainingAttendee(db, store, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/training-sessions/:id/attendees/:attendeeId/signature',
    {
      config: { permission: 'trainings.read' },
      schema: { tags, summary: "An attendee's tablet signature image (as an attachment)", params: ZAttendeeParams },
    },
    async (req, reply) => sendAttendeeSignature(db, store, reply, req.params.id, req.params.attendeeId),
  );
  app.get(
    '/api/training-sessions/:id/sign-in-sheet.pdf',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary: 'The Training Sign-in Sheet as PDF: signed rows and blank rows to sign by hand',
        params: ZIdParams,
        querystring: ZSignInSheetQuery,
      },
    },
    async (req, reply) => sendFormPdf(reply, await signInSheetPdf(db, store, req.params.id, ctxOf(req.query.lang))),
  );
  app.get(
    '/api/training-sessions/:id/feedback-form.pdf',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary: "The Training Feedback Form with the session's answers, as PDF",
        params: ZIdParams,
        querystring: ZSignInSheetQuery,
      },
    },
    async (req, reply) => sendFormPdf(reply, await feedbackFormPdf(db, store, req.params.id, ctxOf(req.query.lang))),
  );
  app.post(
    '/api/training-sessions/:id/debrief',
    {
      config: { permission: 'debriefs.write' },
      schema: {
        tags,
        summary: "The trainer's debrief after a held session",
        params: ZIdParams,
        body: ZCreateDebrief,
        response: { 201: ZTrainingDebrief },
      },
    },
    async (req, reply) => reply.status(201).send(await createTrainingDebrief(db, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/training-sessions/:id/debrief',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary: "The session's debrief: for the technical manager, the contract's sales owner and its author",
        params: ZIdParams,
        response: { 200: ZTrainingDebrief },
      },
    },
    async (req) => getTrainingDebrief(db, req.actor, req.params.id),
  );
  app.post(
    '/api/training-sessions/:id/feedback-link',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: 'A time-limited link to the public feedback page (shown as a QR code)',
        params: ZIdParams,
        body: ZFeedbackLinkInput,
        response: { 201: ZFeedbackLink },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createFeedbackLink(db, req.actor, req.params.id, req.body.hours, config.FUWU_PUBLIC_URL)),
  );
  app.post(
    '/api/training-sessions/:id/feedback',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: 'Type in a paper Training Feedback Form',
        params: ZIdParams,
        body: ZCreatePaperFeedback,
        response: { 201: ZTrainingFeedback },
      },
    },
    async (req, reply) => reply.status(201).send(await addPaperFeedback(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/training-sessions/:id/certificates',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: 'Issue certificates (numbered) to every attendee signed in; an unconfirmed session needs an override',
        params: ZIdParams,
        body: ZIssueCertificates,
        response: { 200: ZTrainingSessionDetail },
      },
    },
    async (req) => issueCertificates(db, req.actor, req.params.id, req.body, tz),
  );
  app.get(
    '/api/training-sessions/:id/certificate.pdf',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary:
          "Training Certificates as PDF with their verification QR codes: one attendee's (attendeeId), or all of the session in one file",
        params: ZIdParams,
        querystring: ZCertificatePdfQuery.extend(ZSignInSheetQuery.shape),
      },
    },
    async (req, reply) => sendFormPdf(reply, await certificatePdf(db, store, req.params.id, req.query.attendeeId, ctxOf(req.query.lang))),
  );
  app.post(
    '/api/training-sessions/:id/archive',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags,
        summary: "File the sign-in sheet and feedback forms in the customer's archive",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZDocument) }) },
      },
    },
    async (req) => archiveTrainingSession(db, store, req.actor, req.params.id, ctxOf()),
  );

  // ── Feedback scores ──
  app.get(
    '/api/training-feedback/scores',
    {
      config: { permission: 'trainings.read' },
      schema: {
        tags,
        summary: 'Average ratings per session, trainer or course',
        querystring: ZFeedbackScoreQuery,
        response: { 200: z.object({ items: z.array(ZFeedbackScore) }) },
      },
    },
    async (req) => ({ items: await feedbackScores(db, req.query, tz) }),
  );
  app.get(
    '/api/training-feedback/scores.xlsx',
    {
      config: { permission: 'trainings.export' },
      schema: { tags, summary: 'Average ratings as .xlsx', querystring: ZFeedbackScoreQuery },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const say = (l: { zh: string; en: string }) => pick(l, locale);
      const items = await feedbackScores(db, req.query, tz);
      type Row = (typeof items)[number] & { id: number };
      const rows: Row[] = items.map((r, i) => ({ ...r, id: i + 1 }));
      const groups = {
        session: { zh: '场次', en: 'Session' },
        trainer: { zh: '讲师', en: 'Trainer' },
        course: { zh: '课程', en: 'Course' },
      };
      const col = (zh: string, en: string, width: number, value: ExportColumn<Row>['value']) =>
        exportColumn({ zh, en }, locale, width, value);
      return sendXlsxStream(reply, {
        sheetName: say({ zh: '培训反馈评分', en: 'Feedback scores' }),
        disposition: attachmentDisposition(`${say({ zh: '培训反馈评分', en: 'Feedback scores' })}-${todayIn(tz)}.xlsx`),
        timeZone: tz,
        columns: [
          col(groups[req.query.by].zh, groups[req.query.by].en, 36, (r) => r.label),
          col('反馈份数', 'Answers', 10, (r) => r.answers),
          ...(['content', 'trainer', 'materials', 'organisation', 'usefulness'] as const).map((k) =>
            col(FEEDBACK_RATING_LABELS[k].zh, FEEDBACK_RATING_LABELS[k].en, 12, (r) => r.averages[k]),
          ),
          col('总平均分', 'Overall', 10, (r) => r.averages.overall),
        ],
        batches: keysetBatches(async (afterId, limit) => rows.filter((r) => r.id > afterId).slice(0, limit), 1000),
      });
    },
  );

  // ── Public pages: one session's feedback form, one certificate's facts ──
  app.get(
    '/api/public/training-feedback/:token',
    {
      config: { permission: 'public', rateLimit: PUBLIC_RATE },
      schema: {
        tags,
        summary: "The feedback page's session (course, date, trainer), while the link is valid",
        params: ZTokenParams,
        response: { 200: ZPublicFeedbackForm },
      },
    },
    async (req) => publicFeedbackForm(db, req.params.token, req.cookies[DEVICE_COOKIE] ?? null, tz),
  );
  app.post(
    '/api/public/training-feedback/:token',
    {
      config: { permission: 'public', rateLimit: PUBLIC_RATE },
      schema: {
        tags,
        summary: 'An attendee submits the Training Feedback Form (one answer per device)',
        params: ZTokenParams,
        body: ZPublicFeedbackInput,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      let device = req.cookies[DEVICE_COOKIE];
      if (!device || !/^[A-Za-z0-9_-]{16,64}$/.test(device)) {
        device = randomBytes(18).toString('base64url');
        reply.setCookie(DEVICE_COOKIE, device, {
          path: '/api/public/training-feedback',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.FUWU_SECURE_COOKIES,
          maxAge: 60 * 60 * 24 * 365,
        });
      }
      return reply.status(201).send(await submitPublicFeedback(db, req.params.token, device, req.body));
    },
  );
  app.get(
    '/api/public/training-certificates/:code',
    {
      config: { permission: 'public', rateLimit: PUBLIC_RATE },
      schema: {
        tags,
        summary: "A certificate's facts, for its QR code's verification page",
        params: ZCodeParams,
        response: { 200: ZPublicCertificate },
      },
    },
    async (req) => publicCertificate(db, store, req.params.code, tz),
  );
}

/** The scanned, hand-filled sign-in sheet (in the multipart scope). */
export async function trainingUploadRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  app.post(
    '/api/training-sessions/:id/sign-in-scan',
    {
      config: { permission: 'trainings.run' },
      schema: {
        tags: ['trainings'],
        summary: "Upload the scanned paper sign-in sheet: filed in the customer's archive",
        consumes: ['multipart/form-data'],
        params: ZIdParams,
        response: { 201: ZDocument },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withUpload(req, store, ({ file }) => uploadSignInScan(db, store, req.actor, req.params.id, file))),
  );
}
