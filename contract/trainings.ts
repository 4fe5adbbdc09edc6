import { z } from 'zod';
import { ZDateInput, ZNumberRef, ZPageQuery, ZRef, ZTimestamp } from './common';
import { ZChecklistAnswers } from './checklists';
import { ZGuardOverride } from './guards';
import { ZDebrief } from './service-reports';
import { singleLineText } from './text';
import { bilingual } from './validation-messages';

// ── Customer training (R-TRAIN-1 … R-TRAIN-4): plans, sessions, sign-in, feedback, certificates ──

export const TRAINING_SESSION_STATES = ['planned', 'confirmed', 'held', 'cancelled'] as const;
export type TTrainingSessionState = (typeof TRAINING_SESSION_STATES)[number];
export const ZTrainingSessionState = z.enum(TRAINING_SESSION_STATES);
export const TRAINING_SESSION_STATE_LABELS: Record<TTrainingSessionState, { zh: string; en: string }> = {
  planned: { zh: '已计划', en: 'Planned' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  held: { zh: '已举办', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** The five ratings of the Training Feedback Form, each 1–5. */
export const FEEDBACK_RATINGS = ['content', 'trainer', 'materials', 'organisation', 'usefulness'] as const;
export type TFeedbackRating = (typeof FEEDBACK_RATINGS)[number];
export const FEEDBACK_RATING_LABELS: Record<TFeedbackRating, { zh: string; en: string }> = {
  content: { zh: '培训内容', en: 'Content' },
  trainer: { zh: '讲师', en: 'Trainer' },
  materials: { zh: '培训资料', en: 'Materials' },
  organisation: { zh: '组织安排', en: 'Organisation' },
  usefulness: { zh: '实用性', en: 'Usefulness' },
};

const ZRating = z
  .number()
  .int(bilingual({ zh: '评分应为 1 到 5 的整数', en: 'a rating is a whole number from 1 to 5' }))
  .min(1, bilingual({ zh: '评分应为 1 到 5', en: 'a rating is from 1 to 5' }))
  .max(5, bilingual({ zh: '评分应为 1 到 5', en: 'a rating is from 1 to 5' }));

/** Expected or confirmed attendees: a session with nobody to train is refused. */
const ZAttendeeCount = z
  .number()
  .int()
  .min(1, bilingual({ zh: '培训至少要有 1 名学员', en: 'a session needs at least 1 attendee' }))
  .max(1000);

/** Wall-clock time `HH:mm` in the company's zone. */
export const ZClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bilingual({ zh: '时间格式为 HH:mm', en: 'time as HH:mm' }));

export const ZTrainingSessionInput = z.strictObject({
  course: singleLineText().min(1).max(200),
  date: ZDateInput,
  startTime: ZClockTime,
  hours: z.number().positive().max(24),
  place: singleLineText().min(1).max(300),
  trainerId: z.number().int().positive(),
  expectedAttendees: ZAttendeeCount,
});
export type TTrainingSessionInput = z.infer<typeof ZTrainingSessionInput>;

export const ZCreateTrainingPlan = z.strictObject({
  contractId: z.number().int().positive(),
  title: singleLineText().min(1).max(200),
  contactName: singleLineText().max(100).nullable().optional(),
  contactEmail: z.email().max(200).nullable().optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
  sessions: z.array(ZTrainingSessionInput).min(1).max(100),
});
export type TCreateTrainingPlan = z.infer<typeof ZCreateTrainingPlan>;

export const ZUpdateTrainingSession = z.strictObject({
  version: z.number().int(),
  course: singleLineText().min(1).max(200).optional(),
  date: ZDateInput.optional(),
  startTime: ZClockTime.optional(),
  hours: z.number().positive().max(24).optional(),
  place: singleLineText().min(1).max(300).optional(),
  trainerId: z.number().int().positive().optional(),
  expectedAttendees: ZAttendeeCount.optional(),
});
export type TUpdateTrainingSession = z.infer<typeof ZUpdateTrainingSession>;

/** R-TRAIN-2: the trainer confirms time, place and number of attendees with the customer. */
export const ZConfirmTrainingSession = z.strictObject({
  version: z.number().int(),
  date: ZDateInput,
  startTime: ZClockTime,
  place: singleLineText().min(1).max(300),
  attendees: ZAttendeeCount,
});
export type TConfirmTrainingSession = z.infer<typeof ZConfirmTrainingSession>;

export const ZTrainingChecklistInput = z.strictObject({ version: z.number().int(), answers: ZChecklistAnswers });
export type TTrainingChecklistInput = z.infer<typeof ZTrainingChecklistInput>;

export const SIGN_IN_METHODS = ['pad', 'paper'] as const;
export const ZSignInMethod = z.enum(SIGN_IN_METHODS);

/** One attendee signing in: on the tablet (signature as a base64 PNG/JPEG) or typed in from the paper sheet. */
export const ZCreateTrainingAttendee = z.strictObject({
  name: singleLineText().min(1).max(100),
  company: singleLineText().max(200).nullable().optional(),
  contact: singleLineText().max(100).nullable().optional(),
  method: ZSignInMethod,
  /** Base64 of the signature image (pad only), at most 1 MB decoded. */
  signature: z.string().max(1_400_000).nullable().optional(),
});
export type TCreateTrainingAttendee = z.infer<typeof ZCreateTrainingAttendee>;

export const ZTrainingAttendee = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  name: z.string(),
  company: z.string().nullable(),
  contact: z.string().nullable(),
  method: ZSignInMethod,
  hasSignature: z.boolean(),
  /** The tablet signature (its image: GET /api/training-sessions/:id/attendees/:attendeeId/signature). */
  signatureId: z.number().int().nullable(),
  signedAt: ZTimestamp,
  certificateNumber: z.string().nullable(),
  certificateIssuedAt: ZTimestamp.nullable(),
});
export type TTrainingAttendee = z.infer<typeof ZTrainingAttendee>;

export const ZFeedbackRatings = z.strictObject({
  content: ZRating,
  trainer: ZRating,
  materials: ZRating,
  organisation: ZRating,
  usefulness: ZRating,
});

/** A Training Feedback Form typed in from paper. */
export const ZCreatePaperFeedback = z.strictObject({
  ratings: ZFeedbackRatings,
  comments: z.string().trim().max(2000).nullable().optional(),
  attendeeName: singleLineText().max(100).nullable().optional(),
});
export type TCreatePaperFeedback = z.infer<typeof ZCreatePaperFeedback>;

/** A Training Feedback Form from an attendee's phone: the session the page showed travels with it. */
export const ZPublicFeedbackInput = ZCreatePaperFeedback.extend({ sessionId: z.number().int().positive() });
export type TPublicFeedbackInput = z.infer<typeof ZPublicFeedbackInput>;

export const ZTrainingFeedback = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  source: z.enum(['qr', 'paper']),
  ratings: z.object({ content: z.number(), trainer: z.number(), materials: z.number(), organisation: z.number(), usefulness: z.number() }),
  comments: z.string().nullable(),
  attendeeName: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type TTrainingFeedback = z.infer<typeof ZTrainingFeedback>;

export const ZRatingAverages = z.object({
  content: z.number().nullable(),
  trainer: z.number().nullable(),
  materials: z.number().nullable(),
  organisation: z.number().nullable(),
  usefulness: z.number().nullable(),
  overall: z.number().nullable(),
});
export type TRatingAverages = z.infer<typeof ZRatingAverages>;

export const ZTrainingSession = z.object({
  id: z.number().int(),
  plan: ZNumberRef,
  customer: ZRef,
  contract: ZNumberRef,
  course: z.string(),
  startsAt: ZTimestamp,
  date: z.string(),
  startTime: z.string(),
  hours: z.number(),
  place: z.string(),
  trainer: ZRef,
  expectedAttendees: z.number().int(),
  state: ZTrainingSessionState,
  confirmedAt: ZTimestamp.nullable(),
  confirmedBy: ZRef.nullable(),
  confirmedAttendees: z.number().int().nullable(),
  /** The calendar event's UID (stable) and SEQUENCE. */
  uid: z.string(),
  sequence: z.number().int(),
  sentSequence: z.number().int().nullable(),
  attendeeCount: z.number().int(),
  feedbackCount: z.number().int(),
  certificateCount: z.number().int(),
  checklistComplete: z.boolean(),
  version: z.number().int(),
});
export type TTrainingSession = z.infer<typeof ZTrainingSession>;

export const ZChecklistItemRefOut = z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }) });

export const ZTrainingSessionDetail = ZTrainingSession.extend({
  checklist: z.object({
    templateId: z.number().int(),
    versionNo: z.number().int(),
    nameZh: z.string(),
    nameEn: z.string(),
    items: z.array(z.any()),
    answers: ZChecklistAnswers,
    missing: z.array(ZChecklistItemRefOut),
    outOfRange: z.array(ZChecklistItemRefOut.extend({ value: z.number() })),
  }),
  attendees: z.array(ZTrainingAttendee),
  feedback: z.array(ZTrainingFeedback),
  averages: ZRatingAverages,
  feedbackLinkExpiresAt: ZTimestamp.nullable(),
});
export type TTrainingSessionDetail = z.infer<typeof ZTrainingSessionDetail>;

export const ZTrainingPlan = z.object({
  id: z.number().int(),
  number: z.string(),
  contract: ZNumberRef,
  customer: ZRef,
  title: z.string(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  notes: z.string().nullable(),
  sentAt: ZTimestamp.nullable(),
  sentCount: z.number().int(),
  /** From the contract's commitments (R-TRAIN-1). */
  committedDays: z.number().nullable(),
  committedAttendees: z.number().int().nullable(),
  plannedHours: z.number(),
  sessionCount: z.number().int(),
  /** Sessions changed since the plan was last sent. */
  unsentChanges: z.number().int(),
  createdBy: ZRef.nullable(),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TTrainingPlan = z.infer<typeof ZTrainingPlan>;

export const ZTrainingPlanDetail = ZTrainingPlan.extend({ sessions: z.array(ZTrainingSession) });
export type TTrainingPlanDetail = z.infer<typeof ZTrainingPlanDetail>;

export const ZTrainingPlanQuery = ZPageQuery.extend({ contractId: z.coerce.number().int().positive().optional() });
export type TTrainingPlanQuery = z.infer<typeof ZTrainingPlanQuery>;

export const ZTrainingSessionQuery = ZPageQuery.extend({
  from: ZDateInput.optional(),
  to: ZDateInput.optional(),
  trainerId: z.coerce.number().int().positive().optional(),
  state: ZTrainingSessionState.optional(),
  customerId: z.coerce.number().int().positive().optional(),
});
export type TTrainingSessionQuery = z.infer<typeof ZTrainingSessionQuery>;

/** Send the plan to: `contactId` (one of the customer's contacts with an address), or `to`, or the plan's own contact. */
export const ZSendTrainingPlan = z.strictObject({
  contactId: z.number().int().positive().optional(),
  to: z.email().max(200).optional(),
  message: z.string().trim().max(4000).optional(),
});
export type TSendTrainingPlan = z.infer<typeof ZSendTrainingPlan>;

/** How long a feedback link may stay valid (R-TRAIN-3: a limited time), and the choices the trainer is offered. */
export const FEEDBACK_LINK_MAX_HOURS = 72;
export const FEEDBACK_LINK_HOURS = [1, 3, 24, 72] as const;
export const ZFeedbackLinkInput = z.strictObject({ hours: z.number().int().min(1).max(FEEDBACK_LINK_MAX_HOURS).default(3) });
export const ZFeedbackLink = z.object({ url: z.string(), token: z.string(), expiresAt: ZTimestamp });
export type TFeedbackLink = z.infer<typeof ZFeedbackLink>;

/** What the public feedback page shows: that session's course, date and trainer, nothing else. */
export const ZPublicFeedbackForm = z.object({
  sessionId: z.number().int(),
  course: z.string(),
  date: z.string(),
  trainer: z.string(),
  expiresAt: ZTimestamp,
  answered: z.boolean(),
});
export type TPublicFeedbackForm = z.infer<typeof ZPublicFeedbackForm>;

/** What the public verification page shows about one certificate. */
export const ZPublicCertificate = z.object({
  number: z.string(),
  attendee: z.string(),
  course: z.string(),
  hours: z.number(),
  date: z.string(),
  issuer: z.string(),
  issuedAt: ZTimestamp,
});
export type TPublicCertificate = z.infer<typeof ZPublicCertificate>;

export const FEEDBACK_SCORE_GROUPS = ['session', 'trainer', 'course'] as const;
export const ZFeedbackScoreQuery = z.object({
  by: z.enum(FEEDBACK_SCORE_GROUPS).default('session'),
  from: ZDateInput.optional(),
  to: ZDateInput.optional(),
});
export type TFeedbackScoreQuery = z.infer<typeof ZFeedbackScoreQuery>;
export const ZFeedbackScore = z.object({
  key: z.string(),
  label: z.string(),
  answers: z.number().int(),
  averages: ZRatingAverages,
});
export type TFeedbackScore = z.infer<typeof ZFeedbackScore>;

export const ZAttendeeParams = z.strictObject({ id: z.coerce.number().int().positive(), attendeeId: z.coerce.number().int().positive() });

/** Issuing certificates; `override` (a technical manager's reason) when the session was never confirmed (R-TRAIN-2). */
export const ZIssueCertificates = z.strictObject({ override: ZGuardOverride.optional() });
export type TIssueCertificates = z.infer<typeof ZIssueCertificates>;

export const ZCertificatePdfQuery = z.object({ attendeeId: z.coerce.number().int().positive().optional() });
export const ZSignInSheetQuery = z.object({ lang: z.enum(['zh-CN', 'en']).optional() });

/** A session's debrief (R-INST-11): null until written, and for those who may not read it (`written` then says whether it is). */
export const ZTrainingDebrief = z.object({ debrief: ZDebrief.nullable(), written: z.boolean() });
export type TTrainingDebrief = z.infer<typeof ZTrainingDebrief>;
