import { CameraOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Input, InputNumber, Select, Spin, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { pick } from '@contract/bilingual';
import { evaluateChecklist, type TChecklistAnswers, type TChecklistItem } from '@contract/checklists';
import {
  type TRecordVisitUnit,
  type TUnitAction,
  type TVisit,
  type TVisitActionKind,
  UNIT_ACTIONS,
  VISIT_ACTION_KINDS,
  VISIT_ACTION_LABELS,
} from '@contract/visits';
import { isApiError } from '../../api/api-error';
import { useAddArrivalPhoto, useAddVisitPhoto, useUnitCandidates, useVisit, useVisitBriefing, useVisitStep } from '../../api/visits.hooks';
import { useLocale } from '../../app/locale-context';
import { companyDayStart, formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useGuardOverride } from '../../ui/guard-override';
import { ChecklistPhotoField } from '../checklists/checklist-photo-field';
import { StateTag } from '../service-requests/sr-tags';
import { useUnitActionLabel, VisitStageTag } from './visit-labels';

const BIG = { minHeight: 48 } as const;
const hm = (iso: string | null) => (iso ? formatCompanyTime(iso).slice(0, 16) : '—');

/** A failed step: the error in words, and each field's issue (a guard names the missing items). */
function StepError({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  // An upload's refusal says it all in its message; its issue carries the sniffer's detail, not for the engineer.
  const issues = isApiError(error) ? error.issues.filter((i) => i.path !== 'file') : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="visit-error"
      title={errorText(error)}
      description={issues.length > 0 ? issues.map((i) => <div key={i.path}>{i.message}</div>) : undefined}
    />
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="fuwu-card" data-testid={testId}>
      <div className="fuwu-card-head">
        <strong>{title}</strong>
      </div>
      <div className="fuwu-card-body">{children}</div>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <span className="fuwu-muted">{label}</span>
      {children}
    </label>
  );
}

/** 现场服务: one visit on the engineer's phone — before, on the way, on site, leaving. */
export function VisitPage() {
  const { t } = useLocale();
  const errorText = useErrorText();
  const id = Number(useParams().id);
  const visit = useVisit(id);
  if (visit.isError) return <Alert type="error" showIcon title={errorText(visit.error)} />;
  if (!visit.data) return <Spin />;
  const v = visit.data;
  return (
    <Flex vertical gap={12} data-testid="visit-page" style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <h1 className="fuwu-h1">{t('visits.title')}</h1>
        <VisitStageTag stage={v.stage} />
      </Flex>
      <VisitHeader v={v} />
      <Briefing v={v} />
      {v.stage === 'planned' && <PreVisitCall v={v} />}
      {v.stage === 'planned' && <TravelStart v={v} />}
      {(v.stage === 'planned' || v.stage === 'travelling') && <CheckIn v={v} />}
      {v.stage === 'on_site' && (
        <>
          <Photos v={v} />
          <Units v={v} />
          <Safeguards v={v} />
          <Problems v={v} />
          <ExtraRequests v={v} />
          <CheckOut v={v} />
        </>
      )}
      {v.stage === 'departed' && <Summary v={v} />}
    </Flex>
  );
}

function VisitHeader({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const sr = v.serviceRequest;
  return (
    <article className="fuwu-card" data-testid="visit-header">
      <div className="fuwu-card-head">
        <Link to={`/service-requests/${sr.id}`} style={{ fontWeight: 600 }}>
          {sr.number}
        </Link>
        <StateTag state={sr.state} testId="visit-request-state" />
      </div>
      <div className="fuwu-card-body">
        <strong style={{ fontSize: 16 }}>{sr.customer.name}</strong>
        {sr.siteAddress && <div>{sr.siteAddress}</div>}
        <div>
          <span className="fuwu-muted">{t('visits.travelStartedAt')}</span> {hm(v.travelStartedAt)}
        </div>
        <div>
          <span className="fuwu-muted">{t('visits.arrivedAt')}</span> {hm(v.arrivedAt)}{' '}
          {v.late === true && (
            <Tag color="red" data-testid="visit-late">
              {t('visits.late', { minutes: v.lateMinutes ?? 0 })}
            </Tag>
          )}
          {v.late === false && <Tag color="green">{t('visits.onTime')}</Tag>}
        </div>
        {v.arrivalDueAt && (
          <div>
            <span className="fuwu-muted">{t('visits.arrivalDueAt')}</span> {hm(v.arrivalDueAt)}
          </div>
        )}
        {v.departedAt && (
          <div>
            <span className="fuwu-muted">{t('visits.departedAt')}</span> {hm(v.departedAt)}
          </div>
        )}
        {(v.travelHours !== null || v.onSiteHours !== null) && (
          <div data-testid="visit-hours">
            {v.travelHours !== null && t('visits.travelHours', { hours: v.travelHours })}
            {v.travelHours !== null && v.onSiteHours !== null && ' · '}
            {v.onSiteHours !== null && t('visits.onSiteHours', { hours: v.onSiteHours })}
          </div>
        )}
        <div>
          <span className="fuwu-muted">{t('visits.engineers')}</span> {v.engineers.map((e) => e.name).join('、')}
        </div>
      </div>
    </article>
  );
}

/** Before the visit (R-INST-3): the contract without amounts, its documents, the site contacts. */
function Briefing({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const b = useVisitBriefing(v.id);
  return (
    <details className="fuwu-card" open={v.stage === 'planned'} data-testid="visit-briefing">
      <summary className="fuwu-card-head" style={{ cursor: 'pointer', minHeight: 44 }}>
        <strong>{t('visits.briefing')}</strong>
      </summary>
      <div className="fuwu-card-body">
        {!b.data ? (
          <Spin />
        ) : (
          <>
            <div style={{ whiteSpace: 'pre-wrap' }}>{b.data.description}</div>
            {b.data.contract && (
              <div>
                <span className="fuwu-muted">{t('sr.contract')}</span> {b.data.contract.number}
                {b.data.contract.endDate && ` · ${t('visits.contractEnds', { date: b.data.contract.endDate })}`}
              </div>
            )}
            {b.data.documents.length > 0 && (
              <div>
                <div className="fuwu-muted">{t('visits.documents')}</div>
                {b.data.documents.map((d) => (
                  <div key={d.id}>📄 {d.title}</div>
                ))}
              </div>
            )}
            <div className="fuwu-muted">{t('visits.contacts')}</div>
            {b.data.contacts.map((c) => (
              <Flex key={c.id} justify="space-between" align="center" gap={8} wrap>
                <span>
                  {c.name}
                  {c.title ? <span className="fuwu-muted"> · {c.title}</span> : null}
                </span>
                {c.phones[0] && (
                  <Button href={`tel:${c.phones[0]}`} icon={<PhoneOutlined />} style={BIG}>
                    {c.phones[0]}
                  </Button>
                )}
              </Flex>
            ))}
            {b.data.requestContact.phone && (
              <Flex justify="space-between" align="center" gap={8} wrap>
                <span>{b.data.requestContact.name}</span>
                <Button href={`tel:${b.data.requestContact.phone}`} icon={<PhoneOutlined />} style={BIG}>
                  {b.data.requestContact.phone}
                </Button>
              </Flex>
            )}
          </>
        )}
      </div>
    </details>
  );
}

/** R-INST-3: the call about site, power, network and time. */
function PreVisitCall({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const step = useVisitStep(v.id);
  const c = v.preVisitCall;
  const [f, setF] = useState({
    contactName: c?.contactName ?? '',
    site: c?.site ?? '',
    power: c?.power ?? '',
    network: c?.network ?? '',
    agreedTime: c?.agreedTime ?? '',
    note: c?.note ?? '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <Section title={t('visits.preVisitCall')} testId="visit-pre-call">
      {c && (
        <Tag color="green" data-testid="visit-pre-call-done">
          {t('visits.preVisitCallDone', { at: hm(c.calledAt) })}
        </Tag>
      )}
      <Field label={t('visits.callContact')}>
        <Input size="large" value={f.contactName} onChange={set('contactName')} data-testid="pre-call-contact" />
      </Field>
      <Field label={t('visits.callSite')}>
        <Input.TextArea autoSize value={f.site} onChange={set('site')} data-testid="pre-call-site" />
      </Field>
      <Field label={t('visits.callPower')}>
        <Input.TextArea autoSize value={f.power} onChange={set('power')} data-testid="pre-call-power" />
      </Field>
      <Field label={t('visits.callNetwork')}>
        <Input.TextArea autoSize value={f.network} onChange={set('network')} data-testid="pre-call-network" />
      </Field>
      <Field label={t('visits.callTime')}>
        <Input size="large" value={f.agreedTime} onChange={set('agreedTime')} data-testid="pre-call-time" />
      </Field>
      <Field label={t('visits.callNote')}>
        <Input.TextArea autoSize value={f.note} onChange={set('note')} />
      </Field>
      <StepError error={step.error} />
      <Button
        size="large"
        block
        style={BIG}
        loading={step.isPending}
        data-testid="pre-call-save"
        onClick={() =>
          step.mutate({
            step: 'pre-visit-call',
            body: { ...f, note: f.note || undefined, calledAt: new Date().toISOString(), version: v.version },
          })
        }
      >
        {t('visits.savePreVisitCall')}
      </Button>
    </Section>
  );
}

/** `YYYY-MM-DDTHH:mm` in the company's zone: the value of a datetime-local input. */
const wallOf = (ms: number) => formatCompanyTime(new Date(ms).toISOString()).slice(0, 16).replace(' ', 'T');

/** The instant of a company-zone `YYYY-MM-DDTHH:mm`. */
function instantOfWall(wall: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return undefined;
  return new Date(Date.parse(companyDayStart(m[1])) + (Number(m[2]) * 60 + Number(m[3])) * 60_000).toISOString();
}

/**
 * The time of a step, now unless the engineer corrects it (he set off or arrived before he had a
 * hand free): a phone's own date-and-time picker, in the company's zone. Untouched, the server's now is taken.
 */
function useStepTime() {
  const [wall, setWall] = useState<string | null>(null);
  return {
    /** What to send: the corrected instant, or nothing (now). */
    value: wall === null ? undefined : instantOfWall(wall),
    input: (label: string, testId: string) => <StepTimeInput label={label} testId={testId} wall={wall} onChange={setWall} />,
  };
}

function StepTimeInput({
  label,
  testId,
  wall,
  onChange,
}: {
  label: string;
  testId: string;
  wall: string | null;
  onChange: (wall: string | null) => void;
}) {
  const { t } = useLocale();
  const [now, setNow] = useState(() => wallOf(Date.now()));
  return (
    <Field label={label}>
      <Flex gap={8} align="center">
        <input
          type="datetime-local"
          className="ant-input ant-input-lg ant-input-outlined"
          style={{ ...BIG, flex: 1, minWidth: 0 }}
          value={wall ?? now}
          data-testid={testId}
          onFocus={() => wall === null && setNow(wallOf(Date.now()))}
          onChange={(e) => onChange(e.target.value || null)}
        />
        {wall !== null && (
          <Button size="large" style={BIG} onClick={() => onChange(null)} data-testid={`${testId}-now`}>
            {t('visits.timeNow')}
          </Button>
        )}
      </Flex>
    </Field>
  );
}

function TravelStart({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const step = useVisitStep(v.id);
  const time = useStepTime();
  return (
    <Section title={t('visits.travel')} testId="visit-travel">
      {time.input(t('visits.travelTime'), 'visit-travel-time')}
      <StepError error={step.error} />
      <Button
        type="primary"
        size="large"
        block
        style={BIG}
        loading={step.isPending}
        data-testid="visit-travel-start"
        onClick={() => step.mutate({ step: 'travel', body: { version: v.version, travelStartedAt: time.value } })}
      >
        {t('visits.startTravel')}
      </Button>
    </Section>
  );
}

/** One checklist item, for a thumb: yes/no as two wide buttons, numbers with their unit. */
function ChecklistItemInput({
  item,
  value,
  onChange,
}: {
  item: TChecklistItem;
  value: TChecklistAnswers[string] | undefined;
  onChange: (v: TChecklistAnswers[string]) => void;
}) {
  const { t, locale } = useLocale();
  const label = `${locale === 'en' ? item.labelEn : item.labelZh}${item.required ? ' *' : ''}`;
  switch (item.type) {
    case 'yes_no':
      return (
        <Field label={label}>
          <Flex gap={8} data-testid={`check-${item.key}`}>
            {[true, false].map((answer) => (
              <Button
                key={String(answer)}
                size="large"
                style={{ ...BIG, flex: 1 }}
                type={value === answer ? 'primary' : 'default'}
                danger={value === answer && !answer}
                aria-pressed={value === answer}
                onClick={() => onChange(answer)}
              >
                {answer ? t('visits.yes') : t('visits.no')}
              </Button>
            ))}
          </Flex>
        </Field>
      );
    case 'number':
      return (
        <Field label={`${label} (${item.unit})`}>
          <InputNumber
            size="large"
            style={{ width: '100%' }}
            value={typeof value === 'number' ? value : null}
            onChange={(x) => onChange(x)}
          />
        </Field>
      );
    case 'choice':
      return (
        <Field label={label}>
          <Select
            size="large"
            value={typeof value === 'string' ? value : undefined}
            options={item.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelZh }))}
            onChange={(x) => onChange(x)}
          />
        </Field>
      );
    case 'text':
      return (
        <Field label={label}>
          <Input.TextArea
            autoSize
            value={typeof value === 'string' ? value : ''}
            data-testid={`check-${item.key}`}
            onChange={(e) => onChange(e.target.value)}
          />
        </Field>
      );
    case 'photo':
      return null;
  }
}

/** A photo item of the arrival checklist: the photo is kept at once, its id goes into the answers sent at check-in. */
function ArrivalPhotoItem({
  visitId,
  item,
  value,
  onChange,
}: {
  visitId: number;
  item: TChecklistItem;
  value: TChecklistAnswers[string] | undefined;
  onChange: (v: TChecklistAnswers[string]) => void;
}) {
  const { locale } = useLocale();
  const add = useAddArrivalPhoto(visitId);
  const refs = Array.isArray(value) ? value : [];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <span className="fuwu-muted">{`${locale === 'en' ? item.labelEn : item.labelZh}${item.required ? ' *' : ''}`}</span>
      <ChecklistPhotoField
        itemKey={item.key}
        refs={refs}
        hrefOf={(ref) => `/api/visits/${visitId}/checklist-photos/${ref}`}
        pending={add.isPending}
        error={add.error}
        readOnly={false}
        onFile={(file) => add.mutate({ key: item.key, file }, { onSuccess: (p) => onChange([...refs, String(p.id)]) })}
      />
    </div>
  );
}

/** Check in (R-INST-2): site readiness and the plan confirmed with the arrival checklist. */
function CheckIn({ v }: { v: TVisit }) {
  const { t, locale } = useLocale();
  const b = useVisitBriefing(v.id);
  const step = useVisitStep(v.id);
  const [answers, setAnswers] = useState<TChecklistAnswers>({});
  const time = useStepTime();
  const checklist = b.data?.arrivalChecklist;
  const missing = checklist ? evaluateChecklist(checklist.items, answers).missing : [];
  return (
    <Section title={t('visits.checkIn')} testId="visit-check-in">
      {!checklist ? (
        <Spin />
      ) : (
        <>
          {checklist.items.map((item) =>
            item.type === 'photo' ? (
              <ArrivalPhotoItem
                key={item.key}
                visitId={v.id}
                item={item}
                value={answers[item.key]}
                onChange={(x) => setAnswers((a) => ({ ...a, [item.key]: x }))}
              />
            ) : (
              <ChecklistItemInput
                key={item.key}
                item={item}
                value={answers[item.key]}
                onChange={(x) => setAnswers((a) => ({ ...a, [item.key]: x }))}
              />
            ),
          )}
          {missing.length > 0 && (
            <div className="fuwu-muted" data-testid="check-in-missing">
              {t('visits.stillMissing', { items: missing.map((m) => pick(m.label, locale)).join('、') })}
            </div>
          )}
          {time.input(t('visits.arrivalTime'), 'visit-arrival-time')}
          <StepError error={step.error} />
          <Button
            type="primary"
            size="large"
            block
            style={BIG}
            loading={step.isPending}
            data-testid="visit-check-in-submit"
            onClick={() =>
              step.mutate({
                step: 'check-in',
                body: {
                  version: v.version,
                  arrivedAt: time.value,
                  checklist: { templateId: checklist.templateId, versionNo: checklist.versionNo, answers },
                },
              })
            }
          >
            {t('visits.checkInNow')}
          </Button>
        </>
      )}
    </Section>
  );
}

/** Photos from the phone's camera (the file picker offers the camera first). */
function Photos({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const add = useAddVisitPhoto(v.id);
  return (
    <Section title={t('visits.photos')} testId="visit-photos">
      {v.photos.map((p) => (
        <div key={p.id}>
          <a href={`/api/visits/${v.id}/photos/${p.id}`} data-testid="visit-photo">
            {p.fileName}
          </a>
        </div>
      ))}
      <StepError error={add.error} />
      <label
        className="ant-btn ant-btn-default ant-btn-lg ant-btn-block"
        style={{ ...BIG, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8 }}
      >
        <CameraOutlined />
        {add.isPending ? t('app.loading') : t('visits.takePhoto')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="visit-photo-input"
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) add.mutate(file);
            e.target.value = '';
          }}
        />
      </label>
    </Section>
  );
}

/** The unit's warranty when it was recorded (R-PM-5): under warranty, ended, or none known. */
function WarrantyTag({ under, end }: { under: boolean; end: string | null }) {
  const { t } = useLocale();
  if (under) return <Tag color="green">{t('visits.inWarranty')}</Tag>;
  return end ? <Tag color="red">{t('visits.outOfWarranty')}</Tag> : <Tag>{t('visits.noWarranty')}</Tag>;
}

/** Units served (R-PM-5 with the warranty state), installed, replaced, removed, put back (R-INST-7, R-EMER-7). */
function Units({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const actionLabel = useUnitActionLabel();
  const candidates = useUnitCandidates(v.id, true);
  const step = useVisitStep(v.id);
  const [action, setAction] = useState<TUnitAction>('served');
  const [equipmentId, setEquipmentId] = useState<number | undefined>();
  const [f, setF] = useState({ productType: '', brand: '', model: '', newPn: '', newSn: '', reason: '', note: '' });
  const [intermittent, setIntermittent] = useState(false);
  const [faultRecurred, setFaultRecurred] = useState(false);
  const [revertsId, setRevertsId] = useState<number | undefined>();
  const guard = useGuardOverride();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const chosen = candidates.data?.items.find((u) => u.id === equipmentId);
  const submit = () => {
    const body: TRecordVisitUnit = {
      action,
      ...(action !== 'installed' && action !== 'put_back' && { equipmentId }),
      ...(action === 'installed' && { productType: f.productType, brand: f.brand, model: f.model }),
      ...((action === 'installed' || action === 'replaced') && { newPn: f.newPn || undefined, newSn: f.newSn || undefined }),
      ...(f.reason && { reason: f.reason }),
      ...(f.note && { note: f.note }),
      ...(action === 'replaced' && { intermittent }),
      ...(action === 'served' && { faultRecurred }),
      ...(action === 'put_back' && { revertsId }),
    };
    // A missing reason is refused (R-EMER-7); a technical manager may go on with a written reason.
    guard
      .run((override) => step.mutateAsync({ step: 'units', body: { ...body, ...(override && { override }) } }))
      .then(() => setF({ productType: '', brand: '', model: '', newPn: '', newSn: '', reason: '', note: '' }))
      .catch(() => undefined);
  };
  return (
    <Section title={t('visits.units')} testId="visit-units">
      {guard.dialog}
      {v.units.map((u) => (
        <div key={u.id} data-testid="visit-unit">
          <Tag>{actionLabel(u.action)}</Tag> {u.brand} {u.model}
          {u.oldSn && <code className="fuwu-code">{u.oldSn}</code>}
          {u.newSn && (
            <>
              → <code className="fuwu-code">{u.newSn}</code>
            </>
          )}
          <WarrantyTag under={u.underWarranty} end={u.warrantyEnd} />
          {u.reason && <div className="fuwu-muted">{u.reason}</div>}
        </div>
      ))}
      {v.swapHistory.length > 0 && (
        <div data-testid="swap-history">
          <div className="fuwu-muted">{t('visits.swapHistory')}</div>
          {v.swapHistory.map((u) => (
            <div key={u.id}>
              {formatCompanyTime(u.recordedAt).slice(5, 16)} <Tag>{actionLabel(u.action)}</Tag>
              <code className="fuwu-code">{u.oldSn ?? '—'}</code>→<code className="fuwu-code">{u.newSn ?? '—'}</code>
              {u.intermittent && <Tag color="gold">{t('visits.intermittent')}</Tag>}
            </div>
          ))}
        </div>
      )}
      {v.swapProposals.map((p) => (
        <Alert
          key={p.revertsId}
          type="warning"
          showIcon
          data-testid="swap-proposal"
          title={t('visits.swapProposal', { putBack: p.putBackSn ?? '—', takeOut: p.takeOutSn ?? '—' })}
          action={
            <Button
              size="large"
              onClick={() => {
                setAction('put_back');
                setRevertsId(p.revertsId);
              }}
            >
              {t('visits.putBack')}
            </Button>
          }
        />
      ))}
      <Field label={t('visits.unitAction')}>
        <Select
          size="large"
          value={action}
          data-testid="unit-action"
          options={UNIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
          onChange={setAction}
        />
      </Field>
      {action !== 'installed' && action !== 'put_back' && (
        <Field label={t('visits.unit')}>
          <Select
            size="large"
            value={equipmentId}
            data-testid="unit-select"
            loading={candidates.isLoading}
            options={(candidates.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.brand} ${u.model} ${u.sn ?? ''} · ${u.underWarranty ? t('visits.inWarranty') : t('visits.outOfWarranty')}`,
            }))}
            onChange={setEquipmentId}
          />
        </Field>
      )}
      {chosen && (
        <div data-testid="unit-warranty">
          <Tag color={chosen.underWarranty ? 'green' : 'red'}>
            {chosen.underWarranty ? t('visits.inWarranty') : t('visits.outOfWarranty')}
          </Tag>
          {chosen.warrantyEnd && t('visits.warrantyEnds', { date: chosen.warrantyEnd })}
        </div>
      )}
      {action === 'installed' && (
        <>
          <Field label={t('visits.productType')}>
            <Input size="large" value={f.productType} onChange={set('productType')} />
          </Field>
          <Field label={t('visits.brand')}>
            <Input size="large" value={f.brand} onChange={set('brand')} />
          </Field>
          <Field label={t('visits.model')}>
            <Input size="large" value={f.model} onChange={set('model')} />
          </Field>
        </>
      )}
      {(action === 'installed' || action === 'replaced') && (
        <>
          <Field label="PN">
            <Input size="large" value={f.newPn} onChange={set('newPn')} data-testid="unit-pn" />
          </Field>
          <Field label="SN">
            <Input size="large" value={f.newSn} onChange={set('newSn')} data-testid="unit-sn" />
          </Field>
        </>
      )}
      {(action === 'replaced' || action === 'removed' || action === 'put_back') && (
        <Field label={t('visits.swapReason')}>
          <Input.TextArea autoSize value={f.reason} onChange={set('reason')} data-testid="unit-reason" />
        </Field>
      )}
      {action === 'replaced' && (
        <Checkbox
          checked={intermittent}
          onChange={(e) => setIntermittent(e.target.checked)}
          style={{ minHeight: 44, alignItems: 'center' }}
        >
          {t('visits.intermittent')}
        </Checkbox>
      )}
      {action === 'served' && (
        <Checkbox
          checked={faultRecurred}
          onChange={(e) => setFaultRecurred(e.target.checked)}
          style={{ minHeight: 44, alignItems: 'center' }}
        >
          {t('visits.faultRecurred')}
        </Checkbox>
      )}
      <StepError error={step.error} />
      <Button size="large" block style={BIG} loading={step.isPending} data-testid="unit-save" onClick={submit}>
        {t('visits.recordUnit')}
      </Button>
    </Section>
  );
}

/** R-EMER-5, R-EMER-6: backup, the customer's approvals, and the steps they guard. */
function Safeguards({ v }: { v: TVisit }) {
  const { t, locale } = useLocale();
  const step = useVisitStep(v.id);
  const [customerName, setCustomerName] = useState('');
  const [risk, setRisk] = useState('');
  const [kind, setKind] = useState<TVisitActionKind>('reproduce');
  const [description, setDescription] = useState('');
  const guard = useGuardOverride();
  return (
    <Section title={t('visits.safeguards')} testId="visit-safeguards">
      {guard.dialog}
      <div>
        {v.backup ? (
          <Tag color={v.backup.state === 'confirmed' ? 'green' : 'orange'}>
            {v.backup.state === 'confirmed' ? t('visits.backupConfirmed') : t('visits.backupRefused')} · {v.backup.customerName}
          </Tag>
        ) : (
          <Tag>{t('visits.noBackup')}</Tag>
        )}
        {v.approvals.map((a) => (
          <Tag key={`${a.kind}-${a.recordedAt}`} color="green">
            {a.kind === 'reproduce' ? t('visits.approvedReproduce') : t('visits.approvedFix')} · {a.customerName}
          </Tag>
        ))}
      </div>
      <Field label={t('visits.customerName')}>
        <Input size="large" value={customerName} onChange={(e) => setCustomerName(e.target.value)} />
      </Field>
      <Flex gap={8} wrap>
        <Button
          size="large"
          style={{ ...BIG, flex: '1 1 140px' }}
          onClick={() => step.mutate({ step: 'backup', body: { state: 'confirmed', customerName } })}
        >
          {t('visits.confirmBackup')}
        </Button>
        <Button
          size="large"
          style={{ ...BIG, flex: '1 1 140px' }}
          onClick={() => step.mutate({ step: 'approvals', body: { kind: 'reproduce', customerName } })}
        >
          {t('visits.approveReproduce')}
        </Button>
        <Button
          size="large"
          style={{ ...BIG, flex: '1 1 140px' }}
          onClick={() => step.mutate({ step: 'approvals', body: { kind: 'fix', customerName } })}
        >
          {t('visits.approveFix')}
        </Button>
      </Flex>
      <Field label={t('visits.riskStatement')}>
        <Input.TextArea autoSize value={risk} onChange={(e) => setRisk(e.target.value)} />
      </Field>
      <Button
        size="large"
        block
        style={BIG}
        onClick={() => step.mutate({ step: 'backup', body: { state: 'refused', customerName, riskStatement: risk || undefined } })}
      >
        {t('visits.recordRefusal')}
      </Button>
      {v.actions.map((a) => (
        <div key={a.id} data-testid="visit-step">
          <Tag color={a.overridden ? 'orange' : 'blue'}>{pick(VISIT_ACTION_LABELS[a.kind], locale)}</Tag> {a.description}
          {a.overridden && <Tag color="orange">{t('visits.overridden')}</Tag>}
        </div>
      ))}
      <Field label={t('visits.guardedStep')}>
        <Select
          size="large"
          value={kind}
          options={VISIT_ACTION_KINDS.map((k) => ({ value: k, label: pick(VISIT_ACTION_LABELS[k], locale) }))}
          onChange={setKind}
        />
      </Field>
      <Input.TextArea
        autoSize
        value={description}
        placeholder={t('visits.stepDescription')}
        data-testid="visit-step-description"
        onChange={(e) => setDescription(e.target.value)}
      />
      <StepError error={step.error} />
      <Button
        size="large"
        block
        style={BIG}
        loading={step.isPending}
        data-testid="visit-step-save"
        onClick={() =>
          guard
            .run((override) => step.mutateAsync({ step: 'actions', body: { kind, description, ...(override && { override }) } }))
            .then(() => setDescription(''))
            .catch(() => undefined)
        }
      >
        {t('visits.recordStep')}
      </Button>
    </Section>
  );
}

/**
 * A pair recorded on site and listed above its form: a problem and how it was solved (R-INST-5), or a
 * request outside the contract and the answer given (R-INST-4; the technical manager is told).
 */
function RecordedPairs({
  v,
  title,
  testId,
  rows,
  first,
  second,
  action,
  send,
}: {
  v: TVisit;
  title: string;
  testId: string;
  rows: { id: number; first: string; second: string | null }[];
  first: { label: string; testId?: string };
  second: { label: string; testId?: string };
  action: { label: string; testId?: string };
  send: (first: string, second: string) => Parameters<ReturnType<typeof useVisitStep>['mutate']>[0];
}) {
  const step = useVisitStep(v.id);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  return (
    <Section title={title} testId={testId}>
      {rows.map((r) => (
        <div key={r.id}>
          <div>{r.first}</div>
          {r.second && <div className="fuwu-muted">→ {r.second}</div>}
        </div>
      ))}
      <Field label={first.label}>
        <Input.TextArea autoSize value={a} onChange={(e) => setA(e.target.value)} data-testid={first.testId} />
      </Field>
      <Field label={second.label}>
        <Input.TextArea autoSize value={b} onChange={(e) => setB(e.target.value)} data-testid={second.testId} />
      </Field>
      <StepError error={step.error} />
      <Button
        size="large"
        block
        style={BIG}
        loading={step.isPending}
        data-testid={action.testId}
        onClick={() =>
          step.mutate(send(a, b), {
            onSuccess: () => {
              setA('');
              setB('');
            },
          })
        }
      >
        {action.label}
      </Button>
    </Section>
  );
}

function Problems({ v }: { v: TVisit }) {
  const { t } = useLocale();
  return (
    <RecordedPairs
      v={v}
      title={t('visits.problems')}
      testId="visit-problems"
      rows={v.problems.map((p) => ({ id: p.id, first: p.problem, second: p.solution }))}
      first={{ label: t('visits.problem'), testId: 'problem-text' }}
      second={{ label: t('visits.solution'), testId: 'problem-solution' }}
      action={{ label: t('visits.recordProblem'), testId: 'problem-save' }}
      send={(problem, solution) => ({ step: 'problems', body: { problem, solution: solution || undefined } })}
    />
  );
}

function ExtraRequests({ v }: { v: TVisit }) {
  const { t } = useLocale();
  return (
    <RecordedPairs
      v={v}
      title={t('visits.extraRequests')}
      testId="visit-extra"
      rows={v.extraRequests.map((x) => ({ id: x.id, first: x.request, second: x.answer }))}
      first={{ label: t('visits.extraRequest'), testId: 'extra-request-text' }}
      second={{ label: t('visits.answerGiven'), testId: 'extra-request-answer' }}
      action={{ label: t('visits.recordExtraRequest'), testId: 'extra-request-save' }}
      send={(request, answer) => ({ step: 'extra-requests', body: { request, answer } })}
    />
  );
}

function CheckOut({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const step = useVisitStep(v.id);
  const [workDone, setWorkDone] = useState(v.workDone ?? '');
  const time = useStepTime();
  return (
    <Section title={t('visits.checkOut')} testId="visit-check-out">
      <Field label={t('visits.workDone')}>
        <Input.TextArea autoSize={{ minRows: 3 }} value={workDone} onChange={(e) => setWorkDone(e.target.value)} data-testid="work-done" />
      </Field>
      {time.input(t('visits.departureTime'), 'visit-departure-time')}
      <StepError error={step.error} />
      <Button
        type="primary"
        size="large"
        block
        style={BIG}
        loading={step.isPending}
        data-testid="visit-check-out-submit"
        onClick={() => step.mutate({ step: 'check-out', body: { version: v.version, workDone, departedAt: time.value } })}
      >
        {t('visits.checkOutNow')}
      </Button>
    </Section>
  );
}

function Summary({ v }: { v: TVisit }) {
  const { t } = useLocale();
  const actionLabel = useUnitActionLabel();
  return (
    <Section title={t('visits.summary')} testId="visit-summary">
      <div style={{ whiteSpace: 'pre-wrap' }}>{v.workDone}</div>
      {v.problems.map((p) => (
        <div key={p.id}>
          {p.problem}
          {p.solution && <span className="fuwu-muted"> → {p.solution}</span>}
        </div>
      ))}
      {v.units.map((u) => (
        <div key={u.id}>
          <Tag>{actionLabel(u.action)}</Tag> {u.brand} {u.model} {u.newSn ?? u.oldSn ?? ''}
        </div>
      ))}
      <div className="fuwu-muted">{t('visits.photoCount', { n: v.photos.length })}</div>
      <Link to={`/service-reports?visitId=${v.id}`} data-testid="visit-make-report">
        <Button type="primary" size="large" block style={BIG}>
          {t('visits.makeReport')}
        </Button>
      </Link>
    </Section>
  );
}
