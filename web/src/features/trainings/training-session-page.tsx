import { CheckOutlined, QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Rate,
  Row,
  Segmented,
  Select,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import QRCode from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TChecklistAnswers, TChecklistItem } from '@contract/checklists';
import {
  FEEDBACK_LINK_HOURS,
  FEEDBACK_RATINGS,
  type TTrainingAttendee,
  type TTrainingFeedback,
  type TTrainingSessionDetail,
} from '@contract/trainings';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import {
  useAddTrainingAttendee,
  useArchiveTrainingSession,
  useConfirmTrainingSession,
  useCreateTrainingDebrief,
  useFeedbackLink,
  useIssueCertificates,
  usePaperFeedback,
  useSaveTrainingChecklist,
  useTrainingDebrief,
  useTrainingSession,
  useUploadSignInScan,
} from '../../api/trainings.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useGuardOverride } from '../../ui/guard-override';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { SignaturePad } from '../../ui/signature-pad';
import { blankToNull } from '../../ui/zod-form';
import { DebriefDetails, DebriefForm } from '../service-reports/debrief-parts';
import { scoreText, SessionStateTag } from './training-labels';

/** A training session (R-TRAIN-2, R-TRAIN-3, R-TRAIN-4): confirm, room check, sign-in, feedback, certificates, archive. */
export function TrainingSessionPage() {
  const { t } = useLocale();
  const id = Number(useParams().id);
  const session = useTrainingSession(id);
  const me = useCurrentUser();
  const canRun = useCan('trainings.run');
  const canWriteDebrief = useCan('debriefs.write');
  const s = session.data;
  if (!s) return <QueryErrorAlert query={session} />;
  const runs = canRun && (me.roles.includes('tech_manager') || s.trainer.id === me.id) && s.state !== 'cancelled';
  return (
    <Flex vertical gap={16} data-testid="training-session-page">
      <Card
        title={`${s.course}`}
        extra={
          <Flex gap={8} wrap>
            <SessionStateTag state={s.state} />
          </Flex>
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('trainings.customer')}>{s.customer.name}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.plan')}>
            <Link to={`/trainings/plans/${s.plan.id}`}>{s.plan.number}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('trainings.startsAt')}>{formatCompanyTime(s.startsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.hours')}>{s.hours}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.place')}>{s.place}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.trainer')}>{s.trainer.name}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.expected')}>{s.expectedAttendees}</Descriptions.Item>
          <Descriptions.Item label={t('trainings.confirmedAttendees')}>
            {s.confirmedAttendees ?? '—'}
            {s.confirmedBy && s.confirmedAt && (
              <span style={{ color: '#888', marginLeft: 8 }}>
                {t('trainings.confirmedBy', { name: s.confirmedBy.name, at: formatCompanyTime(s.confirmedAt) })}
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('trainings.signedIn')}>{s.attendees.length}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ConfirmCard s={s} runs={runs} />
        </Col>
        <Col xs={24} xl={12}>
          <ChecklistCard s={s} runs={runs} />
        </Col>
      </Row>
      <SignInCard s={s} runs={runs} />
      <FeedbackCard s={s} runs={runs} />
      <TrainingDebriefCard s={s} writes={runs && canWriteDebrief} />
    </Flex>
  );
}

function ConfirmCard({ s, runs }: { s: TTrainingSessionDetail; runs: boolean }) {
  const { t } = useLocale();
  const notify = useNotify();
  const confirm = useConfirmTrainingSession();
  const [form] = Form.useForm<{ date: string; startTime: string; place: string; attendees: number | null }>();
  return (
    <Card title={t('trainings.confirm')} size="small" style={{ height: '100%' }} data-testid="training-confirm">
      <p style={{ color: '#666', marginTop: 0 }}>{t('trainings.confirmHint')}</p>
      <Form
        form={form}
        layout="vertical"
        disabled={!runs || confirm.isPending}
        initialValues={{ date: s.date, startTime: s.startTime, place: s.place, attendees: s.confirmedAttendees ?? s.expectedAttendees }}
        onFinish={(v) =>
          confirm.mutate(
            { id: s.id, body: { version: s.version, date: v.date, startTime: v.startTime, place: v.place, attendees: v.attendees ?? 0 } },
            { onSuccess: () => notify.success(t('trainings.confirmedOk')), onError: notify.error },
          )
        }
      >
        <Flex gap={12} wrap>
          <Form.Item name="date" label={t('trainings.date')} style={{ flex: '1 1 140px' }}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="startTime" label={t('trainings.startTime')} style={{ flex: '1 1 100px' }}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="attendees" label={t('trainings.confirmedAttendees')} style={{ flex: '1 1 100px' }}>
            <InputNumber style={{ width: '100%' }} data-testid="training-confirm-attendees" />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={t('trainings.place')}>
          <Input />
        </Form.Item>
        {runs && (
          <Button
            type="primary"
            htmlType="submit"
            icon={<CheckOutlined />}
            loading={confirm.isPending}
            data-testid="training-confirm-submit"
          >
            {t('trainings.confirm')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function ChecklistCard({ s, runs }: { s: TTrainingSessionDetail; runs: boolean }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const save = useSaveTrainingChecklist();
  const [answers, setAnswers] = useState<TChecklistAnswers>(s.checklist.answers);
  useEffect(() => setAnswers(s.checklist.answers), [s.checklist.answers]);
  const items = s.checklist.items as TChecklistItem[];
  const label = (i: { labelZh: string; labelEn: string }) => (locale === 'en' ? i.labelEn : i.labelZh);
  const out = new Set(s.checklist.outOfRange.map((o) => o.key));
  const set = (key: string, v: TChecklistAnswers[string]) => setAnswers((a) => ({ ...a, [key]: v }));
  return (
    <Card
      title={locale === 'en' ? s.checklist.nameEn : s.checklist.nameZh}
      size="small"
      style={{ height: '100%' }}
      extra={s.checklistComplete ? <Tag color="green">{t('trainings.checklistComplete')}</Tag> : null}
      data-testid="training-checklist"
    >
      <Flex vertical gap={8}>
        {items
          .filter((i) => i.type !== 'photo')
          .map((i) => (
            <Flex key={i.key} justify="space-between" align="center" gap={12} wrap>
              <span>
                {label(i)}
                {i.required && <span style={{ color: '#cf1322' }}> *</span>}
                {out.has(i.key) && (
                  <Tag color="orange" style={{ marginLeft: 6 }}>
                    {t('trainings.outOfRange')}
                  </Tag>
                )}
              </span>
              {i.type === 'yes_no' && (
                <Checkbox
                  disabled={!runs}
                  checked={answers[i.key] === true}
                  onChange={(e) => set(i.key, e.target.checked)}
                  data-testid={`check-${i.key}`}
                />
              )}
              {i.type === 'number' && (
                <InputNumber
                  disabled={!runs}
                  value={typeof answers[i.key] === 'number' ? (answers[i.key] as number) : null}
                  onChange={(v) => set(i.key, v ?? null)}
                  addonAfter={i.unit || undefined}
                  style={{ width: 150 }}
                  data-testid={`check-${i.key}`}
                />
              )}
              {i.type === 'choice' && (
                <Select
                  disabled={!runs}
                  value={answers[i.key] as string | undefined}
                  onChange={(v) => set(i.key, v)}
                  options={i.options.map((o) => ({ value: o.value, label: label(o) }))}
                  style={{ width: 150 }}
                />
              )}
              {i.type === 'text' && (
                <Input
                  disabled={!runs}
                  value={(answers[i.key] as string) ?? ''}
                  onChange={(e) => set(i.key, e.target.value)}
                  style={{ width: 200 }}
                />
              )}
            </Flex>
          ))}
        {s.checklist.missing.length > 0 && (
          <Alert
            type="info"
            showIcon
            title={t('trainings.checklistMissing', {
              items: s.checklist.missing.map((m) => (locale === 'en' ? m.label.en : m.label.zh)).join('、'),
            })}
          />
        )}
        {runs && (
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { id: s.id, body: { version: s.version, answers } },
                { onSuccess: () => notify.success(t('trainings.checklistSaved')), onError: notify.error },
              )
            }
            data-testid="training-checklist-save"
          >
            {t('trainings.checklistSave')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

function SignInCard({ s, runs }: { s: TTrainingSessionDetail; runs: boolean }) {
  const { t } = useLocale();
  const notify = useNotify();
  const add = useAddTrainingAttendee();
  const upload = useUploadSignInScan();
  const issue = useIssueCertificates();
  const guard = useGuardOverride();
  const [method, setMethod] = useState<'pad' | 'paper'>('pad');
  const [signature, setSignature] = useState<string | null>(null);
  const [padKey, setPadKey] = useState(0);
  const [form] = Form.useForm<{ name: string; company?: string; contact?: string }>();
  const submit = (v: { name: string; company?: string; contact?: string }) =>
    add.mutate(
      {
        id: s.id,
        body: {
          name: v.name?.trim() ?? '',
          company: blankToNull(v.company),
          contact: blankToNull(v.contact),
          method,
          ...(method === 'pad' && { signature }),
        },
      },
      {
        onSuccess: (a) => {
          notify.success(t('trainings.signedInOk', { name: a.name }));
          form.resetFields();
          setSignature(null);
          setPadKey((k) => k + 1);
        },
        onError: notify.error,
      },
    );
  return (
    <Card
      title={t('trainings.signIn')}
      size="small"
      data-testid="training-sign-in"
      extra={
        <Flex gap={8} wrap>
          <PrintPdfButton href={`/api/training-sessions/${s.id}/sign-in-sheet.pdf`} testId="training-sign-in-sheet" />
          {runs && (
            <Upload
              showUploadList={false}
              accept="application/pdf,image/png,image/jpeg"
              beforeUpload={(file) => {
                upload.mutate({ id: s.id, file }, { onSuccess: () => notify.success(t('trainings.scanFiled')), onError: notify.error });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="training-upload-scan">
                {t('trainings.uploadScan')}
              </Button>
            </Upload>
          )}
        </Flex>
      }
    >
      <Row gutter={[24, 16]}>
        {runs && (
          <Col xs={24} lg={10}>
            <Segmented
              value={method}
              onChange={(v) => setMethod(v as 'pad' | 'paper')}
              options={[
                { value: 'pad', label: t('trainings.signInTablet') },
                { value: 'paper', label: t('trainings.signInPaper') },
              ]}
              style={{ marginBottom: 12 }}
              data-testid="training-sign-in-method"
            />
            <Form form={form} layout="vertical" onFinish={submit} disabled={add.isPending}>
              <Form.Item
                name="name"
                label={t('trainings.attendeeName')}
                required
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input data-testid="training-attendee-name" />
              </Form.Item>
              <Form.Item name="company" label={t('trainings.attendeeCompany')}>
                <Input data-testid="training-attendee-company" />
              </Form.Item>
              <Form.Item name="contact" label={t('trainings.attendeeContact')}>
                <Input data-testid="training-attendee-contact" />
              </Form.Item>
              {method === 'pad' && (
                <Form.Item label={t('trainings.signature')} required>
                  <SignaturePad key={padKey} onChange={setSignature} />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="training-attendee-submit">
                {t('trainings.signInSave')}
              </Button>
            </Form>
          </Col>
        )}
        <Col xs={24} lg={runs ? 14 : 24}>
          <Table<TTrainingAttendee>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.attendees}
            data-testid="training-attendees"
            scroll={{ x: 600 }}
            columns={[
              { key: 'name', title: t('trainings.attendeeName'), dataIndex: 'name' },
              { key: 'company', title: t('trainings.attendeeCompany'), render: (_, a) => a.company ?? '—' },
              { key: 'contact', title: t('trainings.attendeeContact'), render: (_, a) => a.contact ?? '—' },
              { key: 'method', title: t('trainings.signature'), width: 100, render: (_, a) => t(`trainings.method.${a.method}`) },
              {
                key: 'cert',
                title: t('trainings.certificateNumber'),
                width: 170,
                render: (_, a) =>
                  a.certificateNumber ? (
                    <a
                      href={`/api/training-sessions/${s.id}/certificate.pdf?attendeeId=${a.id}`}
                      download
                      data-testid={`certificate-${a.id}`}
                    >
                      {a.certificateNumber}
                    </a>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          {runs && (
            <Button
              style={{ marginTop: 12 }}
              type="primary"
              ghost
              loading={issue.isPending}
              onClick={() =>
                guard
                  .run((override) => issue.mutateAsync({ id: s.id, override }))
                  .then(() => notify.success(t('trainings.certificatesIssued')), notify.error)
              }
              data-testid="training-issue-certificates"
            >
              {t('trainings.issueCertificates')}
            </Button>
          )}
          {s.certificateCount > 0 && (
            <Button
              style={{ marginTop: 12, marginLeft: 8 }}
              href={`/api/training-sessions/${s.id}/certificate.pdf`}
              download
              data-testid="training-all-certificates"
            >
              {t('trainings.allCertificates')}
            </Button>
          )}
        </Col>
      </Row>
      {guard.dialog}
    </Card>
  );
}

const ZERO_RATINGS = { content: 0, trainer: 0, materials: 0, organisation: 0, usefulness: 0 };

function FeedbackCard({ s, runs }: { s: TTrainingSessionDetail; runs: boolean }) {
  const { t } = useLocale();
  const notify = useNotify();
  const link = useFeedbackLink();
  const paper = usePaperFeedback();
  const archive = useArchiveTrainingSession();
  const [qr, setQr] = useState<{ url: string; image: string; expiresAt: string } | null>(null);
  const [hours, setHours] = useState<number>(3);
  const [ratings, setRatings] = useState(ZERO_RATINGS);
  const [comments, setComments] = useState('');

  const showQr = () =>
    link.mutate(
      { id: s.id, hours },
      {
        onSuccess: async (l) =>
          setQr({ url: l.url, expiresAt: l.expiresAt, image: await QRCode.toDataURL(l.url, { width: 360, margin: 1 }) }),
        onError: notify.error,
      },
    );
  return (
    <Card
      title={t('trainings.feedback')}
      size="small"
      data-testid="training-feedback"
      extra={
        <Flex gap={8} wrap>
          <PrintPdfButton href={`/api/training-sessions/${s.id}/feedback-form.pdf`} testId="training-feedback-pdf" />
          {runs && (
            <Select
              value={hours}
              onChange={setHours}
              style={{ width: 150 }}
              aria-label={t('trainings.linkValidity')}
              options={FEEDBACK_LINK_HOURS.map((h) => ({ value: h, label: t(`trainings.linkValidity.${h}`) }))}
              data-testid="training-feedback-hours"
            />
          )}
          {runs && (
            <Button type="primary" icon={<QrcodeOutlined />} loading={link.isPending} onClick={showQr} data-testid="training-feedback-qr">
              {t('trainings.feedbackQr')}
            </Button>
          )}
          {runs && (
            <Button
              loading={archive.isPending}
              onClick={() => archive.mutate(s.id, { onSuccess: () => notify.success(t('trainings.archived')), onError: notify.error })}
              data-testid="training-archive"
            >
              {t('trainings.archive')}
            </Button>
          )}
        </Flex>
      }
    >
      <Descriptions size="small" column={{ xs: 2, md: 3, xl: 6 }} title={t('trainings.averages')} data-testid="training-averages">
        {FEEDBACK_RATINGS.map((k) => (
          <Descriptions.Item key={k} label={t(`trainings.rating.${k}`)}>
            {scoreText(s.averages[k])}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('trainings.overall')}>
          <strong>{scoreText(s.averages.overall)}</strong>
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={[24, 16]} style={{ marginTop: 12 }}>
        {runs && (
          <Col xs={24} lg={10}>
            <h4 style={{ marginTop: 0 }}>{t('trainings.paperFeedback')}</h4>
            {FEEDBACK_RATINGS.map((k) => (
              <Flex key={k} justify="space-between" align="center">
                <span>{t(`trainings.rating.${k}`)}</span>
                <Rate value={ratings[k]} onChange={(v) => setRatings((r) => ({ ...r, [k]: v }))} />
              </Flex>
            ))}
            <Input.TextArea
              rows={2}
              placeholder={t('trainings.comments')}
              value={comments}
              onChange={(e) => setComments(e.target.value)}
              style={{ margin: '8px 0' }}
            />
            <Button
              loading={paper.isPending}
              onClick={() =>
                paper.mutate(
                  { id: s.id, body: { ratings, comments: blankToNull(comments) } },
                  {
                    onSuccess: () => {
                      notify.success(t('trainings.feedbackSaved'));
                      setRatings(ZERO_RATINGS);
                      setComments('');
                    },
                    onError: notify.error,
                  },
                )
              }
            >
              {t('trainings.paperFeedback')}
            </Button>
          </Col>
        )}
        <Col xs={24} lg={runs ? 14 : 24}>
          <Table<TTrainingFeedback>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.feedback}
            scroll={{ x: 600 }}
            data-testid="training-feedback-list"
            columns={[
              ...FEEDBACK_RATINGS.map((k) => ({
                key: k,
                title: t(`trainings.rating.${k}`),
                width: 70,
                render: (_: unknown, f: TTrainingFeedback) => f.ratings[k],
              })),
              { key: 'comments', title: t('trainings.comments'), render: (_, f) => f.comments ?? '' },
              { key: 'source', title: '', width: 70, render: (_, f) => (f.source === 'paper' ? t('trainings.method.paper') : 'QR') },
            ]}
          />
        </Col>
      </Row>
      <Modal open={qr !== null} onCancel={() => setQr(null)} footer={null} title={t('trainings.feedbackQr')} centered width={460}>
        {qr && (
          <Flex vertical align="center" gap={8} data-testid="training-feedback-qr-modal">
            <img src={qr.image} alt={qr.url} width={360} height={360} />
            <p style={{ textAlign: 'center' }}>{t('trainings.feedbackQrHint', { at: formatCompanyTime(qr.expiresAt) })}</p>
            <a href={qr.url} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }} data-testid="training-feedback-url">
              {qr.url}
            </a>
          </Flex>
        )}
      </Modal>
    </Card>
  );
}

/** R-INST-11: after the session is held, the trainer's debrief — read by the technical manager and the contract's sales owner. */
function TrainingDebriefCard({ s, writes }: { s: TTrainingSessionDetail; writes: boolean }) {
  const { t } = useLocale();
  const notify = useNotify();
  const debrief = useTrainingDebrief(s.id);
  const create = useCreateTrainingDebrief();
  const d = debrief.data?.debrief;
  let body: ReactNode;
  if (d) body = <DebriefDetails d={d} withAuthor />;
  else if (debrief.data?.written) body = <Typography.Text type="secondary">{t('trainings.debriefWrittenHidden')}</Typography.Text>;
  else if (s.state !== 'held') body = <Typography.Text type="secondary">{t('trainings.debriefAfterHeld')}</Typography.Text>;
  else if (writes)
    body = (
      <DebriefForm
        pending={create.isPending}
        onSubmit={(v) =>
          create.mutate({ id: s.id, body: v }, { onSuccess: () => notify.success(t('trainings.debriefSaved')), onError: notify.error })
        }
      />
    );
  else body = <Typography.Text type="secondary">{t('trainings.debriefNone')}</Typography.Text>;
  return (
    <Card title={t('trainings.debrief')} size="small" data-testid="training-debrief">
      <QueryErrorAlert query={debrief} />
      {body}
    </Card>
  );
}
