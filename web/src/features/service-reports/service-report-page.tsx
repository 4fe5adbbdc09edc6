import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Radio, Rate, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TChecklistAnswers } from '@contract/checklists';
import {
  ACCEPTANCE_CONCLUSION_LABELS,
  ACCEPTANCE_CONCLUSIONS,
  REPORT_RESULT_LABELS,
  REPORT_RESULTS,
  REQUIRED_SIGNERS,
  SERVICE_REPORT_KIND_LABELS,
  SERVICE_REPORT_STATE_LABELS,
  SIGNER_ROLE_LABELS,
  type TReportFields,
  type TServiceReport,
  type TSignerRole,
} from '@contract/service-reports';
import { isApiError } from '../../api/api-error';
import { useCan } from '../../api/me.hooks';
import {
  useCorrectServiceReport,
  useCreateDebrief,
  useDebriefOf,
  useServiceReport,
  useSignServiceReport,
  useUpdateServiceReport,
  useAddReportChecklistPhoto,
  useVerifyServiceReport,
} from '../../api/service-reports.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { FullPageSpin } from '../../ui/full-page-spin';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { SignaturePad } from '../../ui/signature-pad';
import { ReportChecklist } from './report-checklist';
import { DebriefDetails, DebriefForm } from './debrief-parts';

type SignDraft = { name: string; image: string | null; method: 'pad' | 'scan' };

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });

/**
 * A customer-signed report on the engineer's phone (R-INST-6, R-PM-7, R-INST-8): fill the fields
 * and the checklist (out-of-range values flagged at once), the customer signs on the screen (or a
 * signed, stamped scan is uploaded), then it is frozen: the PDF, the hash check, a correction.
 */
export function ServiceReportPage() {
  const id = Number(useParams().id);
  const { t, locale } = useLocale();
  const notify = useNotify();
  const pick = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const canWrite = useCan('service_reports.write');
  const report = useServiceReport(id);
  const update = useUpdateServiceReport();
  const sign = useSignServiceReport();
  const correct = useCorrectServiceReport();
  const verify = useVerifyServiceReport();
  const [fields, setFields] = useState<TReportFields>({});
  const [answers, setAnswers] = useState<TChecklistAnswers>({});
  const [signers, setSigners] = useState<Partial<Record<TSignerRole, SignDraft>>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const addPhoto = useAddReportChecklistPhoto(id);
  const [photoKey, setPhotoKey] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<{ key: string; error: unknown } | null>(null);
  const r = report.data;
  useEffect(() => {
    if (!r) return;
    setFields(r.fields);
    setAnswers(r.checklist?.answers ?? {});
    setSigners((s) =>
      Object.keys(s).length
        ? s
        : Object.fromEntries(
            REQUIRED_SIGNERS[r.kind].map((role) => [
              role,
              { name: role === 'customer' ? (r.fields.contactName ?? '') : '', image: null, method: 'pad' },
            ]),
          ),
    );
  }, [r]);

  if (!r) return report.isError ? <QueryErrorAlert query={report} /> : <FullPageSpin />;
  const draft = r.state === 'draft' && canWrite;
  const set = <K extends keyof TReportFields>(k: K, v: TReportFields[K]) => setFields((f) => ({ ...f, [k]: v }));

  const save = (then?: (saved: TServiceReport) => void) =>
    update.mutate(
      {
        id,
        body: {
          version: r.version,
          fields,
          ...(r.checklist && { checklist: { templateId: r.checklist.templateId, answers } }),
        },
      },
      {
        onSuccess: (saved) => {
          setMissing([]);
          if (then) then(saved);
          else notify.success(t('reports.saved'));
        },
        onError: notify.error,
      },
    );

  const submitSignature = () => {
    const roles = REQUIRED_SIGNERS[r.kind];
    if (roles.some((role) => !signers[role]?.image || !signers[role]?.name.trim())) {
      notify.error(new Error(t('reports.signatureMissing')));
      return;
    }
    save((saved) =>
      sign.mutate(
        {
          id,
          body: {
            version: saved.version,
            signatures: roles.map((role) => {
              const s = signers[role] as SignDraft;
              return { role, signerName: s.name.trim(), method: s.method, image: s.image as string };
            }),
          },
        },
        {
          onSuccess: () => notify.success(t('reports.signedOk')),
          onError: (err) => {
            if (isApiError(err) && err.code === 'SERVICE_REPORT_CHECKLIST_INCOMPLETE')
              setMissing(err.issues.map((i) => i.path.replace('checklist.answers.', '')));
            notify.error(err);
          },
        },
      ),
    );
  };

  const text = (k: keyof TReportFields, label: string, rows = 3) => (
    <Form.Item label={label}>
      <Input.TextArea
        rows={rows}
        value={(fields[k] as string | null | undefined) ?? ''}
        onChange={(e) => set(k, e.target.value as never)}
        data-testid={`report-${k}`}
      />
    </Form.Item>
  );

  return (
    <Flex vertical gap={12} style={{ maxWidth: 880, margin: '0 auto' }} data-testid="report-page">
      <Card size="small">
        <Flex justify="space-between" align="start" gap={8} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {pick(SERVICE_REPORT_KIND_LABELS[r.kind])} {r.number}
              {r.revision > 1 && <Typography.Text type="secondary"> {t('reports.revision', { n: r.revision })}</Typography.Text>}
            </Typography.Title>
            <Space wrap size={4} style={{ marginTop: 4 }}>
              <Tag color={r.state === 'signed' ? 'green' : r.state === 'draft' ? 'blue' : 'default'} data-testid="report-state">
                {pick(SERVICE_REPORT_STATE_LABELS[r.state])}
              </Tag>
              <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link>
              <span>{r.customer.name}</span>
            </Space>
          </div>
          <Space wrap>
            <PrintPdfButton href={`/api/service-reports/${id}/report.pdf`} testId="report-pdf" />
            {r.contentHash && (
              <Button
                data-testid="report-verify"
                loading={verify.isPending}
                onClick={() =>
                  verify.mutate(id, {
                    onSuccess: (v) =>
                      v.valid ? notify.success(t('reports.verifyOk')) : notify.error(new Error(t('reports.verifyFailed'))),
                    onError: notify.error,
                  })
                }
              >
                {t('reports.verify')}
              </Button>
            )}
          </Space>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {r.serviceRequest.description}
        </Typography.Paragraph>
      </Card>

      {r.state !== 'draft' && (
        <Alert
          type="info"
          showIcon
          message={t('reports.frozen')}
          action={
            canWrite &&
            r.state === 'signed' && (
              <Button size="small" data-testid="report-correct" onClick={() => correct.mutate({ id, body: {} }, { onError: notify.error })}>
                {t('reports.correct')}
              </Button>
            )
          }
        />
      )}
      {correct.data && (
        <Alert
          type="success"
          showIcon
          message={
            <Link
              to={`/service-reports/${correct.data.id}`}
            >{`${correct.data.number} · ${t('reports.revision', { n: correct.data.revision })}`}</Link>
          }
        />
      )}

      <Card size="small">
        <Form layout="vertical" disabled={!draft}>
          <Flex gap={12} wrap>
            <Form.Item label={t('reports.contact')} style={{ flex: '1 1 200px' }}>
              <Input size="large" value={fields.contactName ?? ''} onChange={(e) => set('contactName', e.target.value)} />
            </Form.Item>
            <Form.Item label={t('reports.contactEmail')} style={{ flex: '1 1 240px' }}>
              <Input
                size="large"
                type="email"
                inputMode="email"
                value={fields.contactEmail ?? ''}
                onChange={(e) => set('contactEmail', e.target.value || null)}
                data-testid="report-contactEmail"
              />
            </Form.Item>
          </Flex>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('reports.site')}>{fields.siteAddress ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reports.engineers')}>{(fields.engineers ?? []).join('、') || '—'}</Descriptions.Item>
            {r.kind === 'service' && (
              <Descriptions.Item label={`${t('reports.arrivedAt')} / ${t('reports.departedAt')}`}>
                {fields.arrivedAt ? formatCompanyTime(fields.arrivedAt).slice(0, 16) : '—'} –{' '}
                {fields.departedAt ? formatCompanyTime(fields.departedAt).slice(0, 16) : '—'}
              </Descriptions.Item>
            )}
          </Descriptions>
          {r.kind === 'service' && (
            <>
              {text('faultFound', t('reports.faultFound'))}
              {text('workDone', t('reports.workDone'))}
            </>
          )}
          {r.kind === 'installation' && text('configuration', t('reports.configuration'), 4)}
          {r.kind === 'acceptance' && (
            <>
              <Form.Item label={t('reports.project')}>
                <Input size="large" value={fields.project ?? ''} onChange={(e) => set('project', e.target.value)} />
              </Form.Item>
              <Form.Item label={t('reports.acceptanceDate')}>
                <DatePicker
                  size="large"
                  style={{ width: '100%' }}
                  value={fields.acceptanceDate ? dayjs(fields.acceptanceDate) : null}
                  onChange={(d) => set('acceptanceDate', d ? d.format('YYYY-MM-DD') : null)}
                />
              </Form.Item>
              <Form.Item label={t('reports.documentsHandedOver')}>
                <Input.TextArea
                  rows={3}
                  value={(fields.documentsHandedOver ?? []).join('\n')}
                  onChange={(e) =>
                    set(
                      'documentsHandedOver',
                      e.target.value.split('\n').filter((l) => l.trim() !== ''),
                    )
                  }
                />
              </Form.Item>
              <Form.Item label={t('reports.conclusion')}>
                <Select
                  size="large"
                  value={fields.conclusion ?? undefined}
                  onChange={(v) => set('conclusion', v)}
                  options={ACCEPTANCE_CONCLUSIONS.map((c) => ({ value: c, label: pick(ACCEPTANCE_CONCLUSION_LABELS[c]) }))}
                />
              </Form.Item>
              {text('conditions', t('reports.conditions'), 2)}
            </>
          )}
          {r.kind !== 'acceptance' && (
            <>
              <Form.Item label={t('reports.result')}>
                <Radio.Group
                  size="large"
                  optionType="button"
                  buttonStyle="solid"
                  value={fields.result ?? undefined}
                  onChange={(e) => set('result', e.target.value)}
                  options={REPORT_RESULTS.map((x) => ({ value: x, label: pick(REPORT_RESULT_LABELS[x]) }))}
                  data-testid="report-result"
                />
              </Form.Item>
              {fields.result === 'pending' && text('nextStep', t('reports.nextStep'), 2)}
              <Form.Item label={t('reports.satisfaction')}>
                <Rate value={fields.satisfaction ?? 0} onChange={(v) => set('satisfaction', v || null)} style={{ fontSize: 28 }} />
              </Form.Item>
              {text('customerComments', t('reports.customerComments'), 2)}
            </>
          )}
        </Form>
      </Card>

      {r.checklist && (
        <ReportChecklist
          checklist={{ ...r.checklist, answers }}
          answers={answers}
          missing={missing}
          readOnly={!draft}
          onChange={(key, value) => setAnswers((a) => ({ ...a, [key]: value }))}
          photos={{
            hrefOf: (ref) => `/api/service-reports/${id}/checklist-photos/${ref}`,
            pendingKey: photoKey,
            error: photoError,
            // What was typed is saved first: the report the upload answers then holds it all.
            onFile: (key, file) => {
              setPhotoError(null);
              save(() => {
                setPhotoKey(key);
                addPhoto.mutate(
                  { key, file },
                  {
                    onSuccess: () => setMissing((m) => m.filter((k) => k !== key)),
                    onError: (error) => setPhotoError({ key, error }),
                    onSettled: () => setPhotoKey(null),
                  },
                );
              });
            },
          }}
        />
      )}

      {draft && (
        <Button size="large" block onClick={() => save()} loading={update.isPending && !sign.isPending} data-testid="report-save">
          {t('reports.save')}
        </Button>
      )}

      {draft && (
        <Card size="small" title={t('reports.sign')}>
          <Flex vertical gap={16}>
            {REQUIRED_SIGNERS[r.kind].map((role) => {
              const s = signers[role] ?? { name: '', image: null, method: 'pad' as const };
              const setS = (patch: Partial<SignDraft>) => setSigners((all) => ({ ...all, [role]: { ...s, ...patch } }));
              return (
                <Flex key={role} vertical gap={8} data-testid={`sign-${role}`}>
                  <Typography.Text strong>{pick(SIGNER_ROLE_LABELS[role])}</Typography.Text>
                  <Input
                    size="large"
                    placeholder={t('reports.signerName')}
                    value={s.name}
                    onChange={(e) => setS({ name: e.target.value })}
                    data-testid={`sign-${role}-name`}
                  />
                  <SignaturePad testId={`sign-${role}-pad`} onChange={(image) => setS({ image, method: 'pad' })} />
                  <label className="fuwu-link-button">
                    {t('reports.orScan')}
                    <input
                      type="file"
                      accept="image/png,image/jpeg"
                      capture="environment"
                      hidden
                      data-testid={`sign-${role}-scan`}
                      onChange={async (e) => {
                        const file = e.target.files?.[0];
                        e.target.value = '';
                        if (file) setS({ image: await readAsDataUrl(file), method: 'scan' });
                      }}
                    />
                  </label>
                  {s.method === 'scan' && s.image && <Tag color="blue">{t('reports.orScan')}</Tag>}
                </Flex>
              );
            })}
            <Button type="primary" size="large" block loading={sign.isPending} onClick={submitSignature} data-testid="report-sign">
              {t('reports.confirmSign')}
            </Button>
          </Flex>
        </Card>
      )}

      {r.signatures.length > 0 && (
        <Card size="small" title={t('reports.signatures')}>
          <Descriptions size="small" column={1}>
            {r.signatures.map((s) => (
              <Descriptions.Item key={s.id} label={pick(SIGNER_ROLE_LABELS[s.role as TSignerRole] ?? { zh: s.role, en: s.role })}>
                <span data-testid="report-signer">{s.signerName}</span>　{formatCompanyTime(s.signedAt).slice(0, 16)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}

      {r.serviceRequest.state === 'closed' && <DebriefCard requestId={r.serviceRequest.id} />}
    </Flex>
  );
}

/** R-INST-11: the request's debrief, or the form to write it once the request is closed. */
function DebriefCard({ requestId }: { requestId: number }) {
  const { t } = useLocale();
  const notify = useNotify();
  const canWrite = useCan('debriefs.write');
  const debrief = useDebriefOf(requestId, true);
  const create = useCreateDebrief();
  const d = debrief.data?.debrief;
  return (
    <Card size="small" title={t('reports.debrief')}>
      {d ? (
        <DebriefDetails d={d} />
      ) : (
        canWrite && (
          <DebriefForm
            pending={create.isPending}
            onSubmit={(v) => create.mutate({ requestId, body: v }, { onSuccess: () => void debrief.refetch(), onError: notify.error })}
          />
        )
      )}
    </Card>
  );
}
