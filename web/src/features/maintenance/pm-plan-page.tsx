import { CalendarOutlined, MailOutlined, SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  TimePicker,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { PM_RECURRENCE_PRESETS, type TPmPlan, type TPmVisit } from '@contract/maintenance';
import { useContract } from '../../api/contracts.hooks';
import {
  useAgreePmVisit,
  useContractPmPlan,
  useGeneratePmPlan,
  usePmCompletion,
  usePmVisit,
  useSendPmPlan,
  useUpdatePmVisit,
} from '../../api/maintenance.hooks';
import { useCan, useMe } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { DATE_FORMAT, keepEnterInPicker, useDayjsLocale } from '../../ui/dates';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { UserSelect } from '../../ui/user-select';
import { showErrorsOnFields } from '../../ui/zod-form';
import { PmStateTag } from './maintenance-page';
import { CustomerContactSelect } from '../customers/customer-contact-select';

type TPreset = keyof typeof PM_RECURRENCE_PRESETS | 'custom';

interface TGenerateForm {
  preset: TPreset;
  rrule?: string;
  startTime: dayjs.Dayjs;
  durationMinutes: number;
  downtimeMinutes: number;
  responsibleEngineerId?: number;
  backupEngineerId?: number;
  equipmentIds?: number[];
}

function presetOf(rrule: string | null): TPreset {
  if (rrule === null) return 'perYear';
  const found = Object.entries(PM_RECURRENCE_PRESETS).find(([, v]) => v === rrule);
  return (found?.[0] as TPreset | undefined) ?? 'custom';
}

/** A contract's PM timetable (R-PM-2): generate, regenerate, move a visit, send to the customer, agree each visit (R-PM-4). */
export function PmPlanPage() {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const notify = useNotify();
  const contractId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const contract = useContract(contractId);
  const planQuery = useContractPmPlan(contractId);
  const plan = planQuery.data?.plan ?? null;
  const completion = usePmCompletion({ contractId });
  const canPlan = useCan('maintenance.plan');
  const canAgree = useCan('maintenance.agree');
  const me = useMe();
  const generate = useGeneratePmPlan();
  const send = useSendPmPlan();
  const move = useUpdatePmVisit();
  const [generating, setGenerating] = useState(false);
  const [moving, setMoving] = useState<TPmVisit | null>(null);
  const [sendContactId, setSendContactId] = useState<number | undefined>(undefined);
  const agreeId = Number(params.get('agree')) || null;
  const agreeing = plan?.visits.find((v) => v.id === agreeId) ?? null;
  const [form] = Form.useForm<TGenerateForm>();
  const preset = Form.useWatch('preset', form);

  function submit(v: TGenerateForm) {
    const rrule = v.preset === 'perYear' ? null : v.preset === 'custom' ? (v.rrule ?? '').trim() : PM_RECURRENCE_PRESETS[v.preset];
    generate.mutate(
      {
        contractId,
        body: {
          ...(plan && { version: plan.version }),
          rrule,
          startTime: v.startTime.format('HH:mm'),
          durationMinutes: v.durationMinutes,
          downtimeMinutes: v.downtimeMinutes,
          responsibleEngineerId: v.responsibleEngineerId ?? 0,
          backupEngineerId: v.backupEngineerId ?? 0,
          ...(v.equipmentIds?.length && { equipmentIds: v.equipmentIds }),
        },
      },
      {
        onSuccess: (p) => {
          notify.success(t('pm.generated', { n: p.visits.filter((x) => x.state !== 'cancelled').length }));
          setGenerating(false);
        },
        onError: (err) => {
          if (
            !showErrorsOnFields(form, err, locale, {
              fields: [
                'rrule',
                'startTime',
                'durationMinutes',
                'downtimeMinutes',
                'responsibleEngineerId',
                'backupEngineerId',
                'equipmentIds',
              ],
            })
          )
            notify.error(err);
        },
      },
    );
  }

  const c = contract.data;
  const year = completion.data?.items[0];
  return (
    <Flex vertical gap={16} data-testid="pm-plan-page">
      <QueryErrorAlert query={planQuery} />
      <Card
        title={
          <Space>
            <CalendarOutlined />
            {t('pm.openTimetable')} — {c ? <Link to={`/contracts/${c.id}`}>{c.number}</Link> : null} {c?.customer.name}
          </Space>
        }
        extra={
          <Flex gap={8} wrap>
            {plan && <PrintPdfButton href={`/api/maintenance/plans/${plan.id}/form.pdf`} testId="pm-pdf" />}
            {plan && (
              <Button href={`/api/maintenance/plans/${plan.id}/timetable.ics`} download icon={<CalendarOutlined />}>
                {t('pm.ics')}
              </Button>
            )}
            {canPlan && (
              <Button
                icon={<SyncOutlined />}
                type={plan ? 'default' : 'primary'}
                onClick={() => {
                  form.resetFields();
                  setGenerating(true);
                }}
                data-testid="pm-generate"
              >
                {plan ? t('pm.regenerate') : t('pm.generate')}
              </Button>
            )}
            {canPlan && plan && (
              <Popconfirm
                title={t('pm.send')}
                description={
                  <Flex vertical gap={4}>
                    <span>{t('pm.sendTo')}</span>
                    <CustomerContactSelect
                      customerId={c?.customer.id}
                      value={sendContactId}
                      onChange={setSendContactId}
                      notFound={t('pm.noContactEmail')}
                      testId="pm-send-contact"
                    />
                  </Flex>
                }
                onConfirm={() =>
                  send.mutate(
                    { id: plan.id, ...(sendContactId !== undefined && { contactId: sendContactId }) },
                    { onSuccess: (r) => notify.success(t('pm.sent', { to: r.to })), onError: notify.error },
                  )
                }
                okButtonProps={{ id: 'pm-send-confirm' }}
              >
                <Button type="primary" icon={<MailOutlined />} loading={send.isPending} data-testid="pm-send">
                  {t('pm.send')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        }
      >
        {c && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('pm.period')}>{`${c.startDate ?? '—'} – ${c.endDate ?? '—'}`}</Descriptions.Item>
            <Descriptions.Item label={t('pm.visitsPerYear')}>{c.commitments.pmVisitsPerYear ?? '—'}</Descriptions.Item>
            {plan && <Descriptions.Item label={t('pm.recurrence')}>{plan.rrule ?? t('pm.recurrence.perYear')}</Descriptions.Item>}
            {plan && <Descriptions.Item label={t('pm.responsible')}>{plan.responsibleEngineer.name}</Descriptions.Item>}
            {plan && <Descriptions.Item label={t('pm.backup')}>{plan.backupEngineer.name}</Descriptions.Item>}
            {plan && (
              <Descriptions.Item label={t('pm.sentAt')}>
                {plan.sentAt ? `${formatCompanyTime(plan.sentAt).slice(0, 16)} ${plan.sentTo ?? ''}` : t('pm.notSent')}
              </Descriptions.Item>
            )}
            {plan && (
              <Descriptions.Item label={t('pm.equipment')} span={3}>
                {plan.equipment.map((e) => `${e.brand} ${e.model}${e.sn ? ` (${e.sn})` : ''}`).join('；') || '—'}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {plan?.sentAt && plan.unsentChanges > 0 && (
          <Alert type="warning" showIcon title={t('pm.unsent', { n: plan.unsentChanges })} style={{ marginTop: 12 }} />
        )}
        {!plan && !planQuery.isLoading && <Typography.Text type="secondary">{t('pm.noPlan')}</Typography.Text>}
      </Card>

      {year && (
        <Card size="small" title={`${t('pm.view.completion')} ${completion.data?.year ?? ''}`}>
          <Flex gap={48} wrap>
            <Statistic title={t('pm.planned')} value={year.planned} />
            <Statistic title={t('pm.done')} value={year.done} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title={t('pm.due')} value={year.due} />
            <Statistic title={t('pm.overdue')} value={year.overdue} styles={{ content: year.overdue > 0 ? { color: '#cf1322' } : {} }} />
          </Flex>
        </Card>
      )}

      {plan && (
        <Card title={t('pm.visits')}>
          <VisitTable
            plan={plan}
            canPlan={canPlan}
            canAgreeVisit={(v) =>
              canAgree &&
              (me.data?.roles.includes('tech_manager') || v.responsibleEngineer.id === me.data?.id || v.backupEngineer.id === me.data?.id)
            }
            onMove={setMoving}
            onAgree={(v) => setParams({ agree: String(v.id) }, { replace: true })}
          />
        </Card>
      )}

      {generating && (
        <FormDrawer
          onClose={() => setGenerating(false)}
          title={plan ? t('pm.regenerate') : t('pm.generate')}
          width={520}
          testId="pm-generate"
        >
          <DrawerForm<TGenerateForm>
            form={form}
            pending={generate.isPending}
            onFinish={submit}
            submitLabel={plan ? t('pm.regenerate') : t('pm.generate')}
            initialValues={{
              preset: presetOf(plan?.rrule ?? null),
              rrule: plan?.rrule ?? undefined,
              startTime: dayjs(`2000-01-01T${plan?.startTime ?? '09:00'}`),
              durationMinutes: plan?.durationMinutes ?? 240,
              downtimeMinutes: plan?.downtimeMinutes ?? 0,
              responsibleEngineerId: plan?.responsibleEngineer.id,
              backupEngineerId: plan?.backupEngineer.id,
            }}
          >
            <Form.Item name="preset" label={t('pm.recurrence')}>
              <Radio.Group
                options={(['perYear', 'monthly', 'quarterly', 'firstTuesdayOfQuarter', 'custom'] as const).map((p) => ({
                  value: p,
                  label: t(`pm.recurrence.${p}`),
                }))}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                data-testid="pm-preset"
              />
            </Form.Item>
            {preset === 'custom' && (
              <Form.Item name="rrule" label={t('pm.rrule')} rules={[{ required: true }]}>
                <Input placeholder="FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE" data-testid="pm-rrule" />
              </Form.Item>
            )}
            <Flex gap={12}>
              <Form.Item name="startTime" label={t('pm.startTime')} rules={[{ required: true }]}>
                <TimePicker format="HH:mm" minuteStep={15} allowClear={false} />
              </Form.Item>
              <Form.Item name="durationMinutes" label={t('pm.duration')} rules={[{ required: true }]}>
                <InputNumber min={15} max={1440} step={30} />
              </Form.Item>
              <Form.Item name="downtimeMinutes" label={t('pm.downtime')} rules={[{ required: true }]}>
                <InputNumber min={0} max={1440} step={30} data-testid="pm-downtime" />
              </Form.Item>
            </Flex>
            <Form.Item name="responsibleEngineerId" label={t('pm.responsible')} rules={[{ required: true }]}>
              <UserSelect holding="engineer" data-testid="pm-responsible" valueLabel={plan?.responsibleEngineer.name} />
            </Form.Item>
            <Form.Item name="backupEngineerId" label={t('pm.backup')} rules={[{ required: true }]}>
              <UserSelect holding="engineer" data-testid="pm-backup" valueLabel={plan?.backupEngineer.name} />
            </Form.Item>
            <Form.Item name="equipmentIds" label={t('pm.equipment')} extra={t('pm.allEquipment')}>
              <Select
                mode="multiple"
                options={(plan?.equipment ?? []).map((e) => ({ value: e.id, label: `${e.brand} ${e.model} ${e.sn ?? ''}` }))}
              />
            </Form.Item>
          </DrawerForm>
        </FormDrawer>
      )}

      {moving && (
        <MoveDrawer
          visit={moving}
          pending={move.isPending}
          onClose={() => setMoving(null)}
          onMove={(date) =>
            move.mutate(
              { id: moving.id, patch: { version: moving.version, plannedDate: date } },
              { onSuccess: () => setMoving(null), onError: notify.error },
            )
          }
        />
      )}
      {agreeing && <AgreeDrawer visit={agreeing} onClose={() => setParams({}, { replace: true })} />}
    </Flex>
  );
}

function VisitTable({
  plan,
  canPlan,
  canAgreeVisit,
  onMove,
  onAgree,
}: {
  plan: TPmPlan;
  canPlan: boolean;
  canAgreeVisit: (v: TPmVisit) => boolean | undefined;
  onMove: (v: TPmVisit) => void;
  onAgree: (v: TPmVisit) => void;
}) {
  const { t } = useLocale();
  const open = (v: TPmVisit) => v.state === 'planned' || v.state === 'agreeing';
  return (
    <Table<TPmVisit>
      rowKey="id"
      size="middle"
      dataSource={plan.visits}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="pm-visits"
      rowClassName={(v) => (v.state === 'cancelled' ? 'fuwu-row-muted' : '')}
      columns={[
        { key: 'no', title: '#', render: (_v, _r, i) => i + 1 },
        {
          key: 'date',
          title: t('pm.plannedDate'),
          render: (_v, r) => (
            <span data-testid={`pm-visit-date-${r.id}`}>
              {r.plannedDate} {r.startTime}
              {r.naturalDate !== r.plannedDate && r.state !== 'agreed' && r.state !== 'done' && (
                <Typography.Text type="secondary">
                  {' '}
                  ({t('pm.natural')} {r.naturalDate})
                </Typography.Text>
              )}
            </span>
          ),
        },
        { key: 'responsible', title: t('pm.responsible'), render: (_v, r) => r.responsibleEngineer.name },
        { key: 'backup', title: t('pm.backup'), render: (_v, r) => r.backupEngineer.name },
        { key: 'downtime', title: t('pm.downtime'), render: (_v, r) => r.downtimeMinutes },
        { key: 'state', title: t('pm.state'), render: (_v, r) => <PmStateTag state={r.state} /> },
        {
          key: 'agreed',
          title: t('pm.place'),
          render: (_v, r) => (r.agreedPlace ? `${r.agreedPlace}${r.openProblems ? ` · ${r.openProblems}` : ''}` : null),
        },
        {
          key: 'sr',
          title: t('pm.serviceRequest'),
          render: (_v, r) =>
            r.serviceRequest ? <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link> : null,
        },
        {
          key: 'actions',
          title: '',
          render: (_v, r) =>
            open(r) && (
              <Space>
                {canPlan && (
                  <Button size="small" onClick={() => onMove(r)} data-testid={`pm-move-${r.id}`}>
                    {t('pm.move')}
                  </Button>
                )}
                {canAgreeVisit(r) && (
                  <Button size="small" type="primary" onClick={() => onAgree(r)} data-testid={`pm-agree-${r.id}`}>
                    {t('pm.agreeShort')}
                  </Button>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}

function MoveDrawer({
  visit,
  pending,
  onClose,
  onMove,
}: {
  visit: TPmVisit;
  pending: boolean;
  onClose: () => void;
  onMove: (date: string) => void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ date: dayjs.Dayjs }>();
  return (
    <FormDrawer onClose={onClose} title={`${t('pm.move')} ${visit.plannedDate}`} width={420} testId="pm-move">
      <DrawerForm<{ date: dayjs.Dayjs }>
        form={form}
        pending={pending}
        initialValues={{ date: dayjs(visit.plannedDate) }}
        onFinish={(v) => onMove(v.date.format(DATE_FORMAT))}
      >
        <Form.Item name="date" label={t('pm.plannedDate')} rules={[{ required: true }]} extra={t('pm.movedNote')}>
          <DatePicker format={DATE_FORMAT} allowClear={false} onKeyDown={keepEnterInPicker} />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}

interface TAgreeForm {
  date: dayjs.Dayjs;
  startTime: dayjs.Dayjs;
  place: string;
  systemState: string;
  downtime: string;
  openProblems?: string;
}

/** R-PM-4: what the engineer agreed with the customer; saving creates the PM service request. */
function AgreeDrawer({ visit, onClose }: { visit: TPmVisit; onClose: () => void }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const agree = useAgreePmVisit();
  const [form] = Form.useForm<TAgreeForm>();
  return (
    <FormDrawer onClose={onClose} title={`${t('pm.agree')} — ${visit.customer.name}`} width={520} testId="pm-agree">
      <DrawerForm<TAgreeForm>
        form={form}
        pending={agree.isPending}
        submitLabel={t('pm.agree')}
        initialValues={{
          date: dayjs(visit.plannedDate),
          startTime: dayjs(`2000-01-01T${visit.startTime}`),
          downtime: `${visit.downtimeMinutes} min`,
        }}
        onFinish={(v) =>
          agree.mutate(
            {
              id: visit.id,
              body: {
                version: visit.version,
                date: v.date.format(DATE_FORMAT),
                startTime: v.startTime.format('HH:mm'),
                place: v.place,
                systemState: v.systemState,
                downtime: v.downtime,
                openProblems: v.openProblems?.trim() || null,
              },
            },
            {
              onSuccess: (r) => {
                notify.success(t('pm.agreed', { number: r.serviceRequest?.number ?? '' }));
                onClose();
              },
              onError: (err) => {
                if (
                  !showErrorsOnFields(form, err, locale, {
                    fields: ['date', 'startTime', 'place', 'systemState', 'downtime', 'openProblems'],
                  })
                )
                  notify.error(err);
              },
            },
          )
        }
      >
        <Flex gap={12}>
          <Form.Item name="date" label={t('pm.agreedDate')} rules={[{ required: true }]}>
            <DatePicker format={DATE_FORMAT} allowClear={false} onKeyDown={keepEnterInPicker} />
          </Form.Item>
          <Form.Item name="startTime" label={t('pm.startTime')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={15} allowClear={false} />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={t('pm.place')} rules={[{ required: true }]}>
          <Input data-testid="pm-agree-place" />
        </Form.Item>
        <Form.Item name="systemState" label={t('pm.systemState')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="pm-agree-system" />
        </Form.Item>
        <Form.Item name="downtime" label={t('pm.agreedDowntime')} rules={[{ required: true }]}>
          <Input data-testid="pm-agree-downtime" />
        </Form.Item>
        <Form.Item name="openProblems" label={t('pm.openProblems')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}

/** A notification's link (`/maintenance/visits/:id`): the visit's timetable, with its agree form open. */
export function PmVisitPage() {
  const id = Number(useParams().id);
  const visit = usePmVisit(id);
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (visit.data) setTarget(`/maintenance/contracts/${visit.data.contract.id}?agree=${visit.data.id}`);
  }, [visit.data]);
  if (target) return <Navigate to={target} replace />;
  return <QueryErrorAlert query={visit} />;
}
