import { FEEDBACK_RATING_LABELS, FEEDBACK_RATINGS, type TTrainingPlanDetail, type TTrainingSessionDetail } from '@contract/trainings';
import { type TFormBody, type TFormContext, formText } from '../../pdf/form-text';

/** How many rows the printed sign-in sheet offers to sign on: the expected headcount, at least 10. */
const MIN_BLANK_ROWS = 10;

/** The training plan as sent to the customer (R-TRAIN-1): the sessions with date, place, hours, trainer and headcount. */
export function trainingPlanForm(p: TTrainingPlanDetail, ctx: TFormContext): TFormBody {
  const { t, field, url, meta, time } = formText(ctx);
  const live = p.sessions.filter((s) => s.state !== 'cancelled');
  return {
    locale: ctx.locale,
    title: t('培训计划', 'Training Plan'),
    number: p.number,
    recordUrl: url(`/trainings/plans/${p.id}`),
    meta: meta(p.createdAt, p.createdBy?.name ?? null),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('客户', 'Customer', p.customer.name),
          field('合同编号', 'Contract number', p.contract.number),
          field('培训主题', 'Title', p.title, true),
          field('客户联系人', 'Customer contact', p.contactName),
          field('合同承诺培训天数', 'Training days committed', p.committedDays === null ? null : String(p.committedDays)),
          field('合同承诺培训人数', 'Attendees committed', p.committedAttendees === null ? null : String(p.committedAttendees)),
          field('计划课时', 'Planned hours', String(p.plannedHours)),
          field('备注', 'Notes', p.notes, true),
        ],
      },
      {
        kind: 'table',
        heading: t('培训安排', 'Sessions'),
        columns: [
          { label: t('课程', 'Course'), width: 4 },
          { label: t('开始时间', 'Starts'), width: 3 },
          { label: t('课时', 'Hours'), width: 1 },
          { label: t('地点', 'Place'), width: 4 },
          { label: t('讲师', 'Trainer'), width: 2 },
          { label: t('人数', 'Attendees'), width: 1 },
        ],
        rows: live.map((s) => [
          s.course,
          time(s.startsAt) ?? '',
          String(s.hours),
          s.place,
          s.trainer.name,
          String(s.confirmedAttendees ?? s.expectedAttendees),
        ]),
      },
    ],
  };
}

/** Training Sign-in Sheet 培训签到表: course, date, place, trainer; a row per attendee (signed) and blank rows to sign on paper. */
export function signInSheetForm(
  s: TTrainingSessionDetail,
  ctx: TFormContext,
  number: string,
  signatures: ReadonlyMap<number, Uint8Array> = new Map(),
): TFormBody {
  const { t, field, url, meta, time } = formText(ctx);
  const signed = s.attendees.map((a) => [
    a.name,
    a.company ?? '',
    a.contact ?? '',
    a.method === 'pad' ? t('已电子签名', 'Signed on tablet') : '',
  ]);
  const blanks = Math.max(MIN_BLANK_ROWS, (s.confirmedAttendees ?? s.expectedAttendees) - signed.length);
  return {
    locale: ctx.locale,
    title: t('培训签到表', 'Training Sign-in Sheet'),
    number,
    recordUrl: url(`/trainings/sessions/${s.id}`),
    meta: meta(s.confirmedAt ?? s.startsAt, s.trainer.name),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('客户', 'Customer', s.customer.name),
          field('课程', 'Course', s.course),
          field('日期', 'Date', time(s.startsAt)),
          field('课时', 'Hours', String(s.hours)),
          field('地点', 'Place', s.place),
          field('讲师', 'Trainer', s.trainer.name),
        ],
      },
      {
        kind: 'table',
        heading: t('学员签到', 'Attendees'),
        columns: [
          { label: t('姓名', 'Name'), width: 2 },
          { label: t('单位 / 部门', 'Company / department'), width: 3 },
          { label: t('联系方式', 'Contact'), width: 2 },
          { label: t('签名', 'Signature'), width: 3 },
        ],
        rows: [...signed, ...Array.from({ length: blanks }, () => ['', '', '', ''])],
      },
      ...(signatures.size > 0
        ? [
            {
              kind: 'signatures' as const,
              heading: t('平板签名', 'Signed on the tablet'),
              slots: s.attendees
                .filter((a) => signatures.has(a.id))
                .map((a) => ({ label: a.name, signerName: a.name, signedAt: time(a.signedAt), image: signatures.get(a.id) ?? null })),
            },
          ]
        : []),
    ],
  };
}

/** Training Feedback Form 培训反馈表: the session's answers (course, date, trainer, five ratings, comments, attendee if given). */
export function feedbackForm(s: TTrainingSessionDetail, ctx: TFormContext, number: string): TFormBody {
  const { t, field, url, meta, time, pick } = formText(ctx);
  const avg = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  return {
    locale: ctx.locale,
    title: t('培训反馈表', 'Training Feedback Form'),
    number,
    recordUrl: url(`/trainings/sessions/${s.id}`),
    meta: meta(s.startsAt, s.trainer.name),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('客户', 'Customer', s.customer.name),
          field('课程', 'Course', s.course),
          field('日期', 'Date', time(s.startsAt)),
          field('讲师', 'Trainer', s.trainer.name),
          field('反馈份数', 'Answers', String(s.feedback.length)),
          ...FEEDBACK_RATINGS.map((k) =>
            field(`平均分：${FEEDBACK_RATING_LABELS[k].zh}`, `Average: ${FEEDBACK_RATING_LABELS[k].en}`, avg(s.averages[k])),
          ),
          field('总平均分', 'Overall average', avg(s.averages.overall)),
        ],
      },
      {
        kind: 'table',
        heading: t('反馈明细（评分 1–5）', 'Answers (ratings 1–5)'),
        columns: [
          ...FEEDBACK_RATINGS.map((k) => ({ label: pick(FEEDBACK_RATING_LABELS[k]), width: 1 })),
          { label: t('意见建议', 'Comments'), width: 5 },
          { label: t('学员（选填）', 'Attendee (optional)'), width: 2 },
        ],
        rows: s.feedback.map((f) => [...FEEDBACK_RATINGS.map((k) => String(f.ratings[k])), f.comments ?? '', f.attendeeName ?? '']),
        emptyText: t('尚无反馈', 'No answers yet'),
      },
    ],
  };
}

export interface TCertificateFacts {
  number: string;
  attendee: string;
  company: string | null;
  course: string;
  hours: number;
  date: string;
  issuer: string;
  issuedAt: string;
  verifyUrl: string;
}

/** Training Certificate 培训证书: attendee, course, hours, date, certificate number, issuer; its verification link. */
export function certificateForm(c: TCertificateFacts, ctx: TFormContext): TFormBody {
  const { t, field, meta } = formText(ctx);
  return {
    locale: ctx.locale,
    title: t('培训证书', 'Training Certificate'),
    number: c.number,
    // The engine prints the record's address as a QR code beside the number: here, the verification page.
    recordUrl: c.verifyUrl,
    meta: meta(c.issuedAt, c.issuer),
    sections: [
      {
        kind: 'text',
        text: t(
          `兹证明 ${c.attendee} 于 ${c.date} 参加了「${c.course}」培训，共 ${c.hours} 课时，特发此证。`,
          `This certifies that ${c.attendee} attended the training "${c.course}" on ${c.date}, ${c.hours} hours.`,
        ),
      },
      {
        kind: 'fields',
        fields: [
          field('学员', 'Attendee', c.attendee),
          field('单位', 'Company', c.company),
          field('课程', 'Course', c.course),
          field('课时', 'Hours', String(c.hours)),
          field('培训日期', 'Date', c.date),
          field('证书编号', 'Certificate number', c.number),
          field('颁发单位', 'Issuer', c.issuer),
          field('验证网址', 'Verify at', c.verifyUrl, true),
        ],
      },
    ],
  };
}
