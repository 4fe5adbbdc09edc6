import { ArrowLeftOutlined, BellOutlined, MailOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Spin,
  Table,
  type TableProps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CALL_CHANNELS, CALL_SEVERITIES, type TCallAction, type TCallChannel, type TCallDetail, type TCallStep } from '@contract/calls';
import type { TDelivery } from '@contract/notification-delivery';
import { SERVICE_REQUEST_KINDS } from '@contract/service-request-workflow';
import {
  useCall,
  useCallStep,
  useForwardTargets,
  useLogCallContact,
  useRecentCalls,
  useRemindCall,
  useSendCallEmail,
  useUpdateCall,
} from '../../api/calls.hooks';
import { roleKey } from '../../app/i18n';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { showErrorsOnFields } from '../../ui/zod-form';
import { UserSelect } from '../../ui/user-select';
import { DeliveryError, DeliveryTarget } from '../notifications/delivery-cells';
import { useSrLabels } from '../service-requests/sr-labels';
import { CallStateTag, formatWorkingMinutes, SeverityTag, useCallLabels } from './call-labels';
import { EntitlementPanel } from './entitlement-panel';

const dash = '—';
const STEP_FIELDS = [
  'holderId',
  'engineerId',
  'reason',
  'note',
  'duplicateOfId',
  'kind',
  'contractId',
  'responsibleEngineerId',
  'siteAddress',
];

/** One call: the record, the triage decisions open to the reader, the entitlement and the handling log (R-CALL-3..6). */
export function CallDetailPage() {
  const { t } = useLocale();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const labels = useCallLabels();
  const id = Number(useParams().id);
  const call = useCall(Number.isInteger(id) && id > 0 ? id : undefined);
  if (call.isError) return <Alert type="error" showIcon title={errorText(call.error)} />;
  if (!call.data) return <Spin />;
  const c = call.data;
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="call-title">{c.number}</span>
          <CallStateTag state={c.state} />
          <SeverityTag severity={c.severity} />
          {c.seriousProblem && <Tag color="red">{labels.serious(c.seriousProblem)}</Tag>}
          {!c.knownCustomer && <Tag color="orange">{t('calls.notCustomerYet')}</Tag>}
        </Flex>
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <CallActions call={c} />
            <CallFacts call={c} />
            <CallLog call={c} />
            {c.severity === 'critical' && <CallDeliveries call={c} />}
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <EntitlementPanel entitlement={c.entitlement} />
        </Col>
      </Row>
    </Card>
  );
}

function CallFacts({ call: c }: { call: TCallDetail }) {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const notify = useNotify();
  const labels = useCallLabels();
  const update = useUpdateCall();
  return (
    <Descriptions
      bordered
      size="small"
      column={isPhone ? 1 : 2}
      items={[
        { key: 'caller', label: t('calls.callerName'), children: c.callerName },
        { key: 'phone', label: t('calls.phone'), children: <a href={`tel:${c.phoneNumber ?? c.phone}`}>{c.phone}</a> },
        {
          key: 'company',
          label: t('calls.company'),
          children: c.customer ? <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link> : c.company,
        },
        {
          key: 'contract',
          label: t('calls.contract'),
          children: c.contract ? <Link to={`/contracts/${c.contract.id}`}>{c.contract.number}</Link> : dash,
        },
        { key: 'product', label: t('calls.productType'), children: c.productType },
        {
          key: 'unit',
          label: t('calls.unit'),
          children: c.equipment ? (
            <Link to={`/equipment/${c.equipment.id}`}>{`${c.equipment.model} ${c.equipment.sn ?? ''}`}</Link>
          ) : (
            (c.equipmentSn ?? dash)
          ),
        },
        {
          key: 'symptom',
          label: t('calls.symptom'),
          span: isPhone ? 1 : 2,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.symptom}</span>,
        },
        { key: 'calledAt', label: t('calls.calledAt'), children: formatCompanyTime(c.calledAt) },
        { key: 'receiver', label: t('calls.receivedBy'), children: c.receivedBy?.name ?? dash },
        { key: 'holder', label: t('calls.holder'), children: <span data-testid="call-holder">{c.holder?.name ?? dash}</span> },
        {
          key: 'severity',
          label: t('calls.severity'),
          children: c.may.edit ? (
            <Select
              size="small"
              value={c.severity}
              onChange={(severity) => update.mutate({ id: c.id, patch: { version: c.version, severity } }, { onError: notify.error })}
              options={CALL_SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) }))}
              style={{ width: 120 }}
              data-testid="call-severity-select"
            />
          ) : (
            labels.severity(c.severity)
          ),
        },
        {
          key: 'sr',
          label: t('calls.serviceRequest'),
          children: c.serviceRequest ? (
            <Link to={`/service-requests/${c.serviceRequest.id}`} data-testid="call-sr">
              {c.serviceRequest.number}
            </Link>
          ) : (
            dash
          ),
        },
        {
          key: 'duplicate',
          label: t('calls.duplicateOf'),
          children: c.duplicateOf ? <Link to={`/calls/${c.duplicateOf.id}`}>{c.duplicateOf.number}</Link> : dash,
        },
        { key: 'outcome', label: t('calls.outcomeNote'), children: c.outcomeNote ?? dash },
        { key: 'firstResponse', label: t('calls.firstResponse'), children: formatWorkingMinutes(c.firstResponseMinutes, t) },
        { key: 'resolution', label: t('calls.resolutionTime'), children: formatWorkingMinutes(c.resolutionMinutes, t) },
        {
          key: 'email',
          label: t('calls.email'),
          children: c.email ? `${c.email}${c.statusEmails ? ` · ${t('calls.statusEmailsOn')}` : ''}` : dash,
        },
      ]}
    />
  );
}

function CallActions({ call: c }: { call: TCallDetail }) {
  const { t, locale } = useLocale();
  const isPhone = useIsPhone();
  const notify = useNotify();
  const labels = useCallLabels();
  const srLabels = useSrLabels();
  const step = useCallStep();
  const remind = useRemindCall();
  const [open, setOpen] = useState<TCallAction | null>(null);
  const [form] = Form.useForm<TCallStep>();
  const targets = useForwardTargets(c.customer?.id);
  const recent = useRecentCalls(c.customer ? { customerId: c.customer.id } : { phone: c.phone });

  function run(action: TCallAction, body: TCallStep) {
    step.mutate(
      { id: c.id, action, body: { ...body, version: c.version } },
      {
        onSuccess: () => {
          notify.success(t('sr.stepDone', { action: labels.action(action) }));
          setOpen(null);
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: STEP_FIELDS })) notify.error(err);
        },
      },
    );
  }

  const fieldsOf = (a: TCallAction) => {
    switch (a) {
      case 'forward':
        return (
          <Form.Item name="holderId" label={t('calls.forwardTo')} rules={[{ required: true, message: t('calls.required') }]}>
            <Select
              autoFocus
              options={(targets.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.name}（${u.isSalesOwner ? t('calls.salesOwner') : t(roleKey(u.role))}）`,
              }))}
              data-testid="step-holder"
            />
          </Form.Item>
        );
      case 'assign_remote':
        return (
          <Form.Item
            name="engineerId"
            label={t('calls.engineer')}
            rules={[{ required: true, message: t('calls.required') }]}
            extra={t('calls.remoteFirst')}
          >
            <UserSelect holding="engineer" data-testid="step-engineer" />
          </Form.Item>
        );
      case 'convert':
        return (
          <>
            <Form.Item name="kind" label={t('sr.kind')} initialValue="emergency_repair">
              <Select options={SERVICE_REQUEST_KINDS.map((k) => ({ value: k, label: srLabels.kind(k) }))} data-testid="step-kind" />
            </Form.Item>
            <Form.Item name="contractId" label={t('calls.contract')} initialValue={c.contract?.id ?? c.entitlement.contracts[0]?.id}>
              <Select
                allowClear
                options={c.entitlement.contracts.map((k) => ({ value: k.id, label: k.number }))}
                data-testid="step-contract"
              />
            </Form.Item>
            <Form.Item name="responsibleEngineerId" label={t('calls.engineer')}>
              <UserSelect holding="engineer" data-testid="step-sr-engineer" />
            </Form.Item>
            <Form.Item name="siteAddress" label={t('sr.siteAddress')}>
              <Input maxLength={500} data-testid="step-site" />
            </Form.Item>
          </>
        );
      case 'decline':
        return (
          <Form.Item
            name="reason"
            label={t('calls.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
          >
            <Input.TextArea autoFocus rows={3} maxLength={2000} data-testid="step-reason" />
          </Form.Item>
        );
      case 'mark_duplicate':
        return (
          <Form.Item name="duplicateOfId" label={t('calls.duplicateOf')} rules={[{ required: true, message: t('calls.required') }]}>
            <Select
              options={(recent.data?.items ?? [])
                .filter((x) => x.id !== c.id)
                .map((x) => ({ value: x.id, label: `${x.number} · ${x.symptom.slice(0, 30)}` }))}
              data-testid="step-duplicate"
            />
          </Form.Item>
        );
      default:
        return (
          <Form.Item name="note" label={t('calls.outcomeNote')}>
            <Input.TextArea autoFocus rows={3} maxLength={4000} data-testid="step-note" />
          </Form.Item>
        );
    }
  };

  if (c.allowedActions.length === 0 && !c.may.remind) return null;
  return (
    <>
      <Flex gap={8} wrap vertical={isPhone}>
        {c.allowedActions.map((a) => (
          <Button
            key={a}
            type={a === 'assign_remote' || a === 'resolve' ? 'primary' : 'default'}
            danger={a === 'decline'}
            block={isPhone}
            onClick={() => {
              form.resetFields();
              setOpen(a);
            }}
            data-testid={`call-action-${a}`}
          >
            {labels.action(a)}
          </Button>
        ))}
        {c.may.remind && (
          <Button
            icon={<BellOutlined />}
            loading={remind.isPending}
            onClick={() => remind.mutate(c.id, { onSuccess: () => notify.success(t('calls.reminded')), onError: notify.error })}
            data-testid="call-remind"
          >
            {t('calls.remind')}
          </Button>
        )}
      </Flex>
      <Modal
        open={open !== null}
        title={open ? labels.action(open) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={step.isPending}
        okButtonProps={{ id: 'step-ok' }}
        destroyOnHidden
      >
        {open && (
          <Form<TCallStep> form={form} layout="vertical" onFinish={(v) => run(open, v)}>
            {fieldsOf(open)}
          </Form>
        )}
      </Modal>
    </>
  );
}

/** R-CALL-5: each message the call's notifications went out as, with its attempts and last error. */
function CallDeliveries({ call: c }: { call: TCallDetail }) {
  const { t } = useLocale();
  const columns: TableProps<TDelivery>['columns'] = [
    { key: 'createdAt', title: t('delivery.createdAt'), render: (_v, d) => formatCompanyTime(d.createdAt).slice(0, 16) },
    { key: 'channel', title: t('delivery.channel'), render: (_v, d) => <DeliveryTarget delivery={d} /> },
    {
      key: 'state',
      title: t('calls.deliveryState'),
      render: (_v, d) => (
        <Tag color={d.state === 'sent' ? 'green' : d.state === 'dead' ? 'red' : undefined}>{t(`delivery.state.${d.state}`)}</Tag>
      ),
    },
    { key: 'attempts', dataIndex: 'attempts', title: t('delivery.attempts') },
    { key: 'lastError', title: t('delivery.lastError'), render: (_v, d) => <DeliveryError error={d.lastError} maxWidth={240} /> },
  ];
  return (
    <Card size="small" title={t('calls.deliveries')} data-testid="call-deliveries">
      <Table<TDelivery>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={c.deliveries}
        pagination={false}
        locale={{ emptyText: t('calls.deliveriesNone') }}
      />
    </Card>
  );
}

function CallLog({ call: c }: { call: TCallDetail }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const labels = useCallLabels();
  const log = useLogCallContact();
  const email = useSendCallEmail();
  const [logForm] = Form.useForm<{ channel: TCallChannel; text: string; hours?: number }>();
  const [mailForm] = Form.useForm<{ to?: string; subject: string; text: string }>();
  const [mailing, setMailing] = useState(false);
  return (
    <Card size="small" title={t('calls.log')} data-testid="call-log">
      <Timeline
        items={c.log.map((l) => ({
          key: l.id,
          color: l.kind === 'notice' ? 'red' : l.kind === 'step' ? 'blue' : 'green',
          content: (
            <Flex vertical gap={2} data-testid={`log-${l.kind}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatCompanyTime(l.at).slice(0, 16)} · {labels.channel(l.channel)} {l.by ? `· ${l.by.name}` : ''}{' '}
                {l.hours !== null ? `· ${l.hours} h` : ''}
              </Typography.Text>
              {l.subject && (
                <Typography.Text strong>
                  {l.subject} → {l.emailTo}{' '}
                  {l.deliveryState && (
                    <Tag
                      color={l.deliveryState === 'sent' ? 'green' : l.deliveryState === 'pending' ? undefined : 'red'}
                      title={l.deliveryError ?? undefined}
                      data-testid="email-delivery-state"
                    >
                      {t(`calls.email.${l.deliveryState}`)}
                    </Tag>
                  )}
                  {l.deliveryError && (
                    <Typography.Text type="danger" style={{ fontSize: 12, fontWeight: 'normal' }}>
                      {' '}
                      {l.deliveryError}
                    </Typography.Text>
                  )}
                </Typography.Text>
              )}
              <span style={{ whiteSpace: 'pre-wrap' }}>{l.text}</span>
            </Flex>
          ),
        }))}
      />
      {c.may.log && (
        <Form
          form={logForm}
          layout="inline"
          initialValues={{ channel: 'phone' }}
          onFinish={(v) =>
            log.mutate(
              {
                id: c.id,
                body: { channel: v.channel as Exclude<TCallChannel, 'in_app'>, text: v.text, ...(v.hours != null && { hours: v.hours }) },
              },
              {
                onSuccess: () => logForm.resetFields(),
                onError: (err) => {
                  if (!showErrorsOnFields(logForm, err, locale, { fields: ['channel', 'text', 'hours'] })) notify.error(err);
                },
              },
            )
          }
          style={{ rowGap: 8 }}
        >
          <Form.Item name="channel">
            <Select
              style={{ width: 120 }}
              options={CALL_CHANNELS.filter((ch) => ch !== 'in_app').map((ch) => ({ value: ch, label: labels.channel(ch) }))}
            />
          </Form.Item>
          <Form.Item
            name="text"
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input placeholder={t('calls.logPlaceholder')} data-testid="log-text" />
          </Form.Item>
          <Form.Item name="hours">
            <InputNumber min={0} max={24} step={0.5} placeholder={t('calls.hours')} style={{ width: 90 }} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={log.isPending} data-testid="log-save">
            {t('calls.logSave')}
          </Button>
          <Button icon={<MailOutlined />} onClick={() => setMailing(true)} data-testid="log-email">
            {t('calls.sendSteps')}
          </Button>
        </Form>
      )}
      <Modal
        open={mailing}
        title={t('calls.sendSteps')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setMailing(false)}
        onOk={() => mailForm.submit()}
        confirmLoading={email.isPending}
        destroyOnHidden
      >
        <Form
          form={mailForm}
          layout="vertical"
          initialValues={{ to: c.email ?? undefined }}
          onFinish={(v) =>
            email.mutate(
              { id: c.id, body: { ...(v.to?.trim() && { to: v.to.trim() }), subject: v.subject, text: v.text } },
              {
                onSuccess: () => setMailing(false),
                onError: (err) => {
                  if (!showErrorsOnFields(mailForm, err, locale, { fields: ['to', 'subject', 'text'] })) notify.error(err);
                },
              },
            )
          }
        >
          <Form.Item name="to" label={t('calls.emailTo')}>
            <Input type="email" />
          </Form.Item>
          <Form.Item
            name="subject"
            label={t('calls.emailSubject')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('calls.emailText')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
            extra={t('calls.emailOutboxNote')}
          >
            <Input.TextArea rows={6} maxLength={8000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
