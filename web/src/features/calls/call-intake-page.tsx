import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Empty, Flex, Form, Input, List, Radio, Row, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { SERIOUS_PROBLEMS, type TCall, type TSeriousProblem } from '@contract/calls';
import type { TPhoneLookupResult } from '@contract/customers';
import { useCreateCall, useEntitlement, useForwardTargets, usePhoneLookup, useRecentCalls } from '../../api/calls.hooks';
import { roleKey } from '../../app/i18n';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';
import { CallStateTag, useCallLabels } from './call-labels';
import { useDebounced } from '../../ui/use-debounced';
import { EntitlementPanel } from './entitlement-panel';

interface TIntakeForm {
  phone: string;
  callerName: string;
  company: string;
  productType: string;
  symptom: string;
  seriousProblem: TSeriousProblem | 'none';
  equipmentId?: number;
  contractId?: number;
  email?: string;
  statusEmails: boolean;
  forwardToId?: number;
  calledAt?: Dayjs | null;
}

const FIELDS = [
  'phone',
  'callerName',
  'company',
  'productType',
  'symptom',
  'seriousProblem',
  'equipmentId',
  'contractId',
  'email',
  'forwardToId',
  'calledAt',
];

/**
 * 来电登记 (R-CALL-1): the screen the receiver keeps open while on the phone. As the number is typed
 * the caller is matched (contact → customer → contracts → units) with no extra click; the last
 * calls and the entitlement (R-EMER-3) show beside the form; Ctrl+Enter / ⌘+Enter saves.
 */
export function CallIntakePage() {
  const { t, locale } = useLocale();
  const labels = useCallLabels();
  const notify = useNotify();
  const [form] = Form.useForm<TIntakeForm>();
  const create = useCreateCall();
  const [saved, setSaved] = useState<TCall | null>(null);
  const [match, setMatch] = useState<{ customerId: number; contactId: number } | null>(null);
  const phone = useDebounced(Form.useWatch('phone', form) ?? '', 200);
  const contractId = Form.useWatch('contractId', form);
  const equipmentId = Form.useWatch('equipmentId', form);
  const lookup = usePhoneLookup(phone.trim());
  const matches = lookup.data?.items ?? [];
  const customerId = match?.customerId;
  const entitlement = useEntitlement({ customerId, contractId, equipmentId });
  const recent = useRecentCalls(customerId ? { customerId } : { phone: phone.trim() });
  const targets = useForwardTargets(customerId);

  /** The caller is this contact of this customer: fill what the receiver has not typed himself. */
  const applyMatch = useCallback(
    (m: TPhoneLookupResult['items'][number]) => {
      setMatch({ customerId: m.customer.id, contactId: m.contact.id });
      const v = form.getFieldsValue();
      form.setFieldsValue({
        callerName: v.callerName?.trim() ? v.callerName : m.contact.name,
        company: m.customer.name,
        email: v.email?.trim() ? v.email : (m.contact.email ?? undefined),
        contractId: undefined,
        equipmentId: undefined,
      });
    },
    [form],
  );

  // The first match is taken as the caller at once; the receiver may pick another beside the form.
  useEffect(() => {
    if (!lookup.data || lookup.isPlaceholderData) return;
    const first = lookup.data.items[0];
    if (first) applyMatch(first);
    else setMatch(null);
  }, [lookup.data, lookup.isPlaceholderData, applyMatch]);

  function submit(v: TIntakeForm) {
    create.mutate(
      {
        phone: v.phone,
        callerName: v.callerName ?? '',
        company: v.company ?? '',
        productType: v.productType ?? '',
        symptom: v.symptom ?? '',
        seriousProblem: v.seriousProblem === 'none' ? null : v.seriousProblem,
        equipmentId: v.equipmentId ?? null,
        contractId: v.contractId ?? null,
        customerId: match?.customerId ?? null,
        contactId: match?.contactId ?? null,
        email: v.email?.trim() ? v.email.trim() : null,
        statusEmails: Boolean(v.statusEmails && v.email?.trim()),
        ...(v.forwardToId && { forwardToId: v.forwardToId }),
        ...(v.calledAt && { calledAt: v.calledAt.toISOString() }),
      },
      {
        onSuccess: (call) => {
          setSaved(call);
          notify.success(t('calls.saved', { number: call.number }));
          form.resetFields();
          setMatch(null);
          document.getElementById('intake_phone')?.focus();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: FIELDS })) notify.error(err);
        },
      },
    );
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  }

  const contracts = entitlement.data?.contracts ?? [];
  const units = entitlement.data?.units ?? [];
  const matched = matches.find((m) => m.contact.id === match?.contactId);

  return (
    <Row gutter={16} onKeyDown={onKeyDown} data-testid="call-intake">
      <Col xs={24} lg={14}>
        <Card
          title={
            <Flex gap={8} align="center">
              <PhoneOutlined />
              {t('calls.intakeTitle')}
            </Flex>
          }
          extra={<Typography.Text type="secondary">{t('calls.saveHint')}</Typography.Text>}
        >
          {saved && (
            <Alert
              type="success"
              showIcon
              closable
              onClose={() => setSaved(null)}
              style={{ marginBottom: 12 }}
              title={
                <span data-testid="intake-saved">
                  {t('calls.saved', { number: '' })}
                  <Link to={`/calls/${saved.id}`}>{saved.number}</Link>
                </span>
              }
            />
          )}
          <Form<TIntakeForm>
            form={form}
            name="intake"
            layout="vertical"
            onFinish={submit}
            initialValues={{ statusEmails: false, seriousProblem: 'none' }}
            requiredMark
          >
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="phone" label={t('calls.phone')} required>
                  <Input autoFocus inputMode="tel" autoComplete="off" placeholder="138 0013 8000" data-testid="intake-phone" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="callerName" label={t('calls.callerName')} required>
                  <Input autoComplete="off" data-testid="intake-caller" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="company" label={t('calls.company')} required>
                  <Input autoComplete="off" data-testid="intake-company" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="productType" label={t('calls.productType')} required>
                  <Input autoComplete="off" placeholder={t('calls.productTypeHint')} data-testid="intake-product" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="symptom" label={t('calls.symptom')} required>
              <Input.TextArea rows={4} maxLength={4000} data-testid="intake-symptom" />
            </Form.Item>
            <Form.Item name="seriousProblem" label={t('calls.seriousProblem')}>
              <Radio.Group data-testid="intake-serious">
                <Radio value="none">{t('calls.notSerious')}</Radio>
                {SERIOUS_PROBLEMS.map((p) => (
                  <Radio key={p} value={p} data-testid={`intake-serious-${p}`}>
                    {labels.serious(p)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="contractId" label={t('calls.contract')}>
                  <Select
                    allowClear
                    disabled={!customerId}
                    placeholder={customerId ? t('common.choose') : t('calls.matchFirst')}
                    options={contracts.map((c) => ({ value: c.id, label: c.number }))}
                    data-testid="intake-contract"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="equipmentId" label={t('calls.unit')}>
                  <Select
                    allowClear
                    disabled={!customerId}
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={customerId ? t('calls.unitHint') : t('calls.matchFirst')}
                    options={units.map((u) => ({ value: u.id, label: `${u.sn ?? '—'} · ${u.brand} ${u.model}` }))}
                    data-testid="intake-unit"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="email" label={t('calls.email')}>
                  <Input type="email" autoComplete="off" data-testid="intake-email" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="forwardToId" label={t('calls.forwardTo')}>
                  <Select
                    allowClear
                    placeholder={t('calls.forwardLater')}
                    options={(targets.data?.items ?? []).map((u) => ({
                      value: u.id,
                      label: `${u.name}（${u.isSalesOwner ? t('calls.salesOwner') : t(roleKey(u.role))}）`,
                    }))}
                    data-testid="intake-forward"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12} align="middle">
              <Col xs={24} md={12}>
                <Form.Item name="calledAt" label={t('calls.calledAt')}>
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    placeholder={t('calls.calledNow')}
                    style={{ width: '100%' }}
                    data-testid="intake-called-at"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="statusEmails" valuePropName="checked">
                  <Checkbox data-testid="intake-status-emails">{t('calls.statusEmails')}</Checkbox>
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="intake-save">
              {t('calls.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Flex vertical gap={12}>
          <Card size="small" title={t('calls.caller')} data-testid="intake-match">
            {phone.replace(/\D/g, '').length < 7 ? (
              <Typography.Text type="secondary">{t('calls.typeNumber')}</Typography.Text>
            ) : matches.length === 0 ? (
              lookup.isFetching ? null : (
                <Tag color="orange" data-testid="intake-not-customer">
                  {t('calls.notCustomerYet')}
                </Tag>
              )
            ) : (
              <Flex vertical gap={6}>
                {matched && (
                  <Typography.Text strong data-testid="intake-customer">
                    {matched.customer.name} · {matched.contact.name}
                  </Typography.Text>
                )}
                {matches.length > 1 && (
                  <Select
                    value={match?.contactId}
                    onChange={(contact) => {
                      const m = matches.find((x) => x.contact.id === contact);
                      if (m) applyMatch(m);
                    }}
                    options={matches.map((m) => ({ value: m.contact.id, label: `${m.customer.name} · ${m.contact.name}` }))}
                    data-testid="intake-match-pick"
                  />
                )}
                <Flex gap={4} wrap data-testid="intake-contracts">
                  {contracts.map((c) => (
                    <Tag key={c.id} color="blue">
                      {c.number}
                    </Tag>
                  ))}
                </Flex>
              </Flex>
            )}
          </Card>
          <EntitlementPanel entitlement={customerId ? entitlement.data : undefined} loading={entitlement.isFetching} />
          <Card size="small" title={t('calls.lastCalls')} data-testid="intake-recent">
            {(recent.data?.items ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls.noEarlierCalls')} />
            ) : (
              <List
                size="small"
                dataSource={recent.data?.items}
                renderItem={(c) => (
                  <List.Item key={c.id}>
                    <Flex vertical gap={2} style={{ width: '100%' }}>
                      <Flex gap={6} align="center" wrap>
                        <Link to={`/calls/${c.id}`}>{c.number}</Link>
                        <CallStateTag state={c.state} />
                        <Typography.Text type="secondary">{formatCompanyTime(c.calledAt).slice(0, 16)}</Typography.Text>
                      </Flex>
                      <Typography.Text ellipsis>{c.symptom}</Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}
