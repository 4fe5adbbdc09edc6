import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import {
  CONTRACT_STAGES,
  CONTRACT_STATUSES,
  COVERAGE_KINDS,
  defaultRemoteOnly,
  ONSITE_KINDS,
  SERVICE_KINDS,
  type TContractStatus,
  type TContractView,
  type TCoverageInput,
  type TServiceCommitments,
  type TServiceCommitmentsInput,
  type TServiceKind,
  type TStage,
  type TUpdateContract,
  ZContractItemInput,
  ZCreateContract,
  ZServiceCommitmentsInput,
  ZUpdateContract,
} from '@contract/contracts';
import type { TCustomerRef } from '@contract/customers';
import { fenToYuan, formatFen, yuanToFen } from '@contract/formats';
import type { TFieldPath } from '@contract/form-errors';
import { isApiError } from '../../api/api-error';
import { useCreateContract, useUpdateContract } from '../../api/contracts.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankOrRule, blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { CustomerSelect } from '../customers/customer-select';
import { useLabels } from '../../ui/labels';
import { UserSelect } from '../../ui/user-select';
import { DATE_FORMAT, fromDay, keepEnterInPicker, toDay, useDayjsLocale } from '../../ui/dates';
import { FormActions, FormDrawer } from '../../ui/form-drawer';

interface ItemValues {
  description?: string;
  model?: string | null;
  quantity?: number | null;
  /** Yuan, two decimals; sent as fen. */
  unitPrice?: number | null;
}

interface CommitmentValues {
  coverage: TCoverageInput['kind'];
  coverageDays?: number[];
  coverageStart?: number | null;
  coverageEnd?: number | null;
  responseHours?: number | null;
  arrivalHours?: number | null;
  resolutionHours?: number | null;
  pmVisitsPerYear?: number | null;
  onsiteVisitsIncluded?: number | null;
  trainingDays?: number | null;
  trainingAttendees?: number | null;
  warrantyMonths?: number | null;
  warrantyStart?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  vendorExtraYears?: number | null;
  vendorScope?: string | null;
  vendorRegion?: string | null;
  remoteOnly: boolean;
}

interface ContractFormValues {
  number?: string | null;
  customerId?: number;
  serviceKinds: TServiceKind[];
  status: TContractStatus;
  stage?: TStage;
  signedAt?: Dayjs | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  salesOwnerId?: number | null;
  commerceContactId?: number | null;
  notes?: string | null;
  /** Yuan; empty means "the sum of the items". */
  totalAmount?: number | null;
  items: ItemValues[];
  commitments: CommitmentValues;
}

const FIELD = ZCreateContract.shape;
const ITEM = ZContractItemInput.shape;
const COMMIT = ZServiceCommitmentsInput.shape;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Where the server's issue paths land in this form (coverage is flattened into three fields). */
function formPath(path: TFieldPath): TFieldPath | null {
  if (path[0] === 'commitments' && path[1] === 'coverage') {
    const sub = path[2];
    if (sub === 'days') return ['commitments', 'coverageDays'];
    if (sub === 'startHour') return ['commitments', 'coverageStart'];
    if (sub === 'endHour') return ['commitments', 'coverageEnd'];
    return ['commitments', 'coverage'];
  }
  return path;
}

function commitmentValues(c: TServiceCommitments): CommitmentValues {
  return {
    coverage: c.coverage.kind,
    coverageDays: c.coverage.days,
    coverageStart: c.coverage.startHour,
    coverageEnd: c.coverage.endHour,
    responseHours: c.responseHours,
    arrivalHours: c.arrivalHours,
    resolutionHours: c.resolutionHours,
    pmVisitsPerYear: c.pmVisitsPerYear,
    onsiteVisitsIncluded: c.onsiteVisitsIncluded,
    trainingDays: c.trainingDays,
    trainingAttendees: c.trainingAttendees,
    warrantyMonths: c.warrantyMonths,
    warrantyStart: fromDay(c.warrantyStart),
    warrantyEnd: fromDay(c.warrantyEnd),
    vendorExtraYears: c.vendorExtraYears,
    vendorScope: c.vendorScope,
    vendorRegion: c.vendorRegion,
    remoteOnly: c.remoteOnly,
  };
}

function commitmentsInput(v: CommitmentValues, sendRemoteOnly: boolean): TServiceCommitmentsInput {
  const coverage: TCoverageInput =
    v.coverage === 'custom'
      ? {
          kind: 'custom',
          days: [...(v.coverageDays ?? [])].sort((a, b) => a - b),
          startHour: v.coverageStart ?? 0,
          endHour: v.coverageEnd ?? 0,
        }
      : { kind: v.coverage };
  const num = (n: number | null | undefined) => (n === undefined || n === null ? null : n);
  return {
    coverage,
    responseHours: num(v.responseHours),
    arrivalHours: num(v.arrivalHours),
    resolutionHours: num(v.resolutionHours),
    pmVisitsPerYear: num(v.pmVisitsPerYear),
    onsiteVisitsIncluded: num(v.onsiteVisitsIncluded),
    trainingDays: num(v.trainingDays),
    trainingAttendees: num(v.trainingAttendees),
    warrantyMonths: num(v.warrantyMonths),
    warrantyStart: toDay(v.warrantyStart),
    warrantyEnd: toDay(v.warrantyEnd),
    vendorExtraYears: num(v.vendorExtraYears),
    vendorScope: blankToNull(v.vendorScope),
    vendorRegion: blankToNull(v.vendorRegion),
    ...(sendRemoteOnly && { remoteOnly: v.remoteOnly }),
  };
}

function itemsInput(items: ItemValues[]) {
  return items.map((i) => ({
    description: (i.description ?? '').trim(),
    model: blankToNull(i.model),
    quantity: i.quantity ?? 0,
    unitPrice: yuanToFen(i.unitPrice) ?? 0,
  }));
}

function itemsSumFen(items: ItemValues[] | undefined): number {
  return (items ?? []).reduce((sum, i) => sum + (i.quantity ?? 0) * (yuanToFen(i.unitPrice) ?? 0), 0);
}

/**
 * Creates a contract (`contract` absent) or edits one. Priced items and the total exist in
 * this form only for `contracts.prices` (R-ORG-5); the service commitments (entitlement,
 * R-EMER-3) are edited here for everyone who may manage contracts.
 */
export function ContractFormDrawer({
  contract,
  initialCustomer,
  open,
  onClose,
  onSaved,
}: {
  contract?: TContractView;
  initialCustomer?: TCustomerRef;
  open: boolean;
  onClose: () => void;
  onSaved?: (contract: TContractView) => void;
}) {
  const { t } = useLocale();
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={contract ? t('contracts.editTitle', { number: contract.number }) : t('contracts.new')}
      width={800}
      testId="contract-form"
    >
      <ContractForm contract={contract} initialCustomer={initialCustomer} onClose={onClose} onSaved={onSaved} />
    </FormDrawer>
  );
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <Flex justify="space-between" align="center" style={{ margin: '8px 0 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

/** Fields side by side on wide screens, one per line on phones. */
const cell = { flex: '1 1 200px', minWidth: 0 } as const;

function ContractForm({
  contract,
  initialCustomer,
  onClose,
  onSaved,
}: {
  contract?: TContractView;
  initialCustomer?: TCustomerRef;
  onClose: () => void;
  onSaved?: (contract: TContractView) => void;
}) {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const labels = useLabels();
  const me = useCurrentUser();
  const canSeePrices = useCan('contracts.prices');
  const [form] = Form.useForm<ContractFormValues>();
  const create = useCreateContract();
  const update = useUpdateContract();
  const notify = useNotify();
  const pending = create.isPending || update.isPending;
  const [remoteTouched, setRemoteTouched] = useState(false);
  const { token } = theme.useToken();

  const kinds = Form.useWatch('serviceKinds', form) ?? [];
  const coverage = Form.useWatch(['commitments', 'coverage'], form);
  const remoteOnly = Form.useWatch(['commitments', 'remoteOnly'], form);
  const items = Form.useWatch('items', form);
  const totalYuan = Form.useWatch('totalAmount', form);
  const itemsSum = itemsSumFen(items);

  // R-SCOPE-2: pure distribution is remote-only by default, until the user decides otherwise.
  const kindsKey = kinds.join(',');
  useEffect(() => {
    if (remoteTouched || kindsKey === (contract?.serviceKinds.join(',') ?? '')) return;
    form.setFieldValue(['commitments', 'remoteOnly'], defaultRemoteOnly(kindsKey ? (kindsKey.split(',') as TServiceKind[]) : []));
  }, [kindsKey, remoteTouched, contract, form]);

  const holds = (role: 'sales' | 'commerce') => me.roles.includes(role);
  const initialValues: Partial<ContractFormValues> = contract
    ? {
        number: contract.number,
        customerId: contract.customer.id,
        serviceKinds: contract.serviceKinds,
        status: contract.status,
        signedAt: fromDay(contract.signedAt),
        startDate: fromDay(contract.startDate),
        endDate: fromDay(contract.endDate),
        salesOwnerId: contract.salesOwner?.id ?? null,
        commerceContactId: contract.commerceContact?.id ?? null,
        notes: contract.notes,
        totalAmount: contract.pricesVisible ? fenToYuan(contract.totalAmount) : null,
        items: contract.pricesVisible
          ? contract.items.map((i) => ({
              description: i.description,
              model: i.model,
              quantity: i.quantity,
              unitPrice: fenToYuan(i.unitPrice),
            }))
          : [],
        commitments: commitmentValues(contract.commitments),
      }
    : {
        customerId: initialCustomer?.id,
        serviceKinds: [],
        status: 'draft',
        stage: 'customer_demand',
        // Without the user list, whoever creates the contract owns their part of it.
        salesOwnerId: holds('sales') ? me.id : null,
        commerceContactId: holds('commerce') ? me.id : null,
        items: [],
        commitments: { coverage: '5x8', remoteOnly: false },
      };

  function onFailed(err: unknown) {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
      notify.error(err);
      onClose();
      return;
    }
    const placed = showErrorsOnFields(form, err, locale, {
      mapPath: formPath,
      codeToField: { CONTRACT_NUMBER_TAKEN: ['number'], CONTRACT_REMOTE_ONLY_ONSITE: ['commitments', 'remoteOnly'] },
    });
    if (!placed) notify.error(err);
  }

  function submit(v: ContractFormValues) {
    const serviceKinds = SERVICE_KINDS.filter((k) => v.serviceKinds.includes(k));
    const common = {
      customerId: v.customerId,
      serviceKinds,
      status: v.status,
      signedAt: toDay(v.signedAt),
      startDate: toDay(v.startDate),
      endDate: toDay(v.endDate),
      salesOwnerId: v.salesOwnerId ?? null,
      commerceContactId: v.commerceContactId ?? null,
      notes: blankToNull(v.notes),
    };
    const priced = canSeePrices ? { items: itemsInput(v.items ?? []), totalAmount: yuanToFen(v.totalAmount) ?? undefined } : {};

    if (!contract) {
      const number = blankToNull(v.number);
      const parsed = ZCreateContract.safeParse({
        ...common,
        ...(number && { number }),
        stage: v.stage,
        ...priced,
        commitments: commitmentsInput(v.commitments, remoteTouched),
      });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, formPath);
      create.mutate(parsed.data, {
        onSuccess: (created) => {
          notify.success(t('contracts.created', { number: created.number }));
          onSaved ? onSaved(created) : onClose();
        },
        onError: onFailed,
      });
      return;
    }

    // Only what changed is sent, so the audit trail shows the real edit.
    const patch: TUpdateContract = { version: contract.version };
    const number = blankToNull(v.number);
    if (number && number !== contract.number) patch.number = number;
    if (common.customerId !== undefined && common.customerId !== contract.customer.id) patch.customerId = common.customerId;
    if (serviceKinds.join() !== contract.serviceKinds.join()) patch.serviceKinds = serviceKinds;
    if (common.status !== contract.status) patch.status = common.status;
    if (common.signedAt !== contract.signedAt) patch.signedAt = common.signedAt;
    if (common.startDate !== contract.startDate) patch.startDate = common.startDate;
    if (common.endDate !== contract.endDate) patch.endDate = common.endDate;
    if (common.salesOwnerId !== (contract.salesOwner?.id ?? null)) patch.salesOwnerId = common.salesOwnerId;
    if (common.commerceContactId !== (contract.commerceContact?.id ?? null)) patch.commerceContactId = common.commerceContactId;
    if (common.notes !== contract.notes) patch.notes = common.notes;
    if (canSeePrices && contract.pricesVisible) {
      const before = contract.items.map((i) => ({
        description: i.description,
        model: i.model,
        quantity: i.quantity,
        unitPrice: i.unitPrice,
      }));
      if (JSON.stringify(priced.items) !== JSON.stringify(before)) patch.items = priced.items;
      const total = yuanToFen(v.totalAmount);
      if (total !== null && total !== contract.totalAmount) patch.totalAmount = total;
    }
    const commitments = commitmentsInput(v.commitments, remoteTouched);
    const original = commitmentsInput(commitmentValues(contract.commitments), remoteTouched);
    if (JSON.stringify(commitments) !== JSON.stringify(original)) patch.commitments = commitments;
    if (Object.keys(patch).length === 1) return onClose();

    const parsed = ZUpdateContract.safeParse(patch);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, formPath);
    update.mutate(
      { id: contract.id, patch: parsed.data },
      {
        onSuccess: (saved) => {
          notify.success(t('contracts.saved'));
          onSaved ? onSaved(saved) : onClose();
        },
        onError: onFailed,
      },
    );
  }

  const onsiteWithRemote = remoteOnly === true && kinds.some((k) => ONSITE_KINDS.includes(k));
  const datePicker = (testId: string) => (
    <DatePicker format={DATE_FORMAT} onKeyDown={keepEnterInPicker} style={{ width: '100%' }} data-testid={testId} />
  );
  const hours = (testId: string) => (
    <InputNumber min={0} step={1} style={{ width: '100%' }} suffix={t('contracts.hoursUnit')} data-testid={testId} />
  );
  const count = (testId: string, suffix?: string) => (
    <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={suffix} data-testid={testId} />
  );

  return (
    <Form<ContractFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      disabled={pending}
      scrollToFirstError
    >
      <Section title={t('contracts.sectionBasics')}>
        <Flex gap={12} wrap>
          <Form.Item
            name="number"
            label={t('contracts.number')}
            extra={contract ? undefined : t('contracts.numberHelp')}
            rules={[blankOrRule(FIELD.number, t)]}
            style={cell}
          >
            <Input autoComplete="off" data-testid="contract-number" />
          </Form.Item>
          <Form.Item
            name="customerId"
            label={t('contracts.customer')}
            required
            rules={[{ required: true, message: t('validation.required') }]}
            style={cell}
          >
            <CustomerSelect
              placeholder={t('contracts.customerPlaceholder')}
              valueLabel={contract?.customer.name ?? initialCustomer?.name}
              data-testid="contract-customer"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="serviceKinds" label={t('contracts.serviceKinds')} required rules={[zodRule(FIELD.serviceKinds, t)]}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}>
            {SERVICE_KINDS.map((k) => (
              <Tooltip key={k} title={labels.serviceKindScope(k)} placement="topLeft">
                <Checkbox value={k} data-testid={`contract-kind-${k}`}>
                  {labels.serviceKind(k)}
                </Checkbox>
              </Tooltip>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="status" label={t('contracts.status')} style={cell}>
            <Select options={CONTRACT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))} data-testid="contract-status" />
          </Form.Item>
          {!contract && (
            <Form.Item name="stage" label={t('contracts.initialStage')} extra={t('contracts.initialStageHelp')} style={cell}>
              <Select
                options={CONTRACT_STAGES.map((s) => ({ value: s.code, label: `${s.no}. ${labels.stage(s.code)}` }))}
                data-testid="contract-stage"
              />
            </Form.Item>
          )}
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="signedAt" label={t('contracts.signedAt')} style={cell}>
            {datePicker('contract-signed')}
          </Form.Item>
          <Form.Item name="startDate" label={t('contracts.startDate')} style={cell}>
            {datePicker('contract-start')}
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('contracts.endDate')}
            dependencies={['startDate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_r, end: Dayjs | null) => {
                  const start = getFieldValue('startDate') as Dayjs | null;
                  if (start && end?.isBefore(start, 'day')) throw new Error(t('contracts.endBeforeStart'));
                },
              }),
            ]}
            style={cell}
          >
            {datePicker('contract-end')}
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="salesOwnerId" label={t('contracts.salesOwner')} style={cell}>
            <UserSelect holding="sales" valueLabel={contract?.salesOwner?.name} data-testid="contract-sales-owner" />
          </Form.Item>
          <Form.Item name="commerceContactId" label={t('contracts.commerceContact')} style={cell}>
            <UserSelect holding="commerce" valueLabel={contract?.commerceContact?.name} data-testid="contract-commerce-contact" />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('contracts.notes')} rules={[zodRule(FIELD.notes, t)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="contract-notes" />
        </Form.Item>
      </Section>

      {canSeePrices && (
        <Section
          title={t('contracts.sectionItems')}
          extra={
            <Button
              icon={<PlusOutlined />}
              onClick={() => form.setFieldValue('items', [...(form.getFieldValue('items') ?? []), { quantity: 1 }])}
              data-testid="contract-item-add"
            >
              {t('contracts.addItem')}
            </Button>
          }
        >
          <Form.List name="items">
            {(fields, { remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 12 }}>
                {fields.length === 0 && <Typography.Text type="secondary">{t('contracts.noItems')}</Typography.Text>}
                {fields.map((f) => {
                  const item: ItemValues | undefined = items?.[f.name];
                  const amount = (item?.quantity ?? 0) * (yuanToFen(item?.unitPrice) ?? 0);
                  return (
                    <Flex key={f.key} gap={8} wrap align="flex-start" data-testid={`contract-item-${f.name}`}>
                      <Form.Item
                        name={[f.name, 'description']}
                        rules={[zodRule(ITEM.description, t)]}
                        style={{ flex: '3 1 180px', marginBottom: 0 }}
                      >
                        <Input
                          placeholder={t('contracts.itemDescription')}
                          aria-label={t('contracts.itemDescription')}
                          data-testid={`contract-item-desc-${f.name}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'model']}
                        rules={[blankOrRule(ITEM.model, t)]}
                        style={{ flex: '2 1 110px', marginBottom: 0 }}
                      >
                        <Input
                          placeholder={t('contracts.itemModel')}
                          aria-label={t('contracts.itemModel')}
                          data-testid={`contract-item-model-${f.name}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'quantity']}
                        rules={[zodRule(ITEM.quantity, t)]}
                        style={{ flex: '0 0 76px', marginBottom: 0 }}
                      >
                        <InputNumber
                          min={1}
                          precision={0}
                          placeholder={t('contracts.itemQuantity')}
                          aria-label={t('contracts.itemQuantity')}
                          style={{ width: '100%' }}
                          data-testid={`contract-item-qty-${f.name}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'unitPrice']}
                        rules={[{ required: true, message: t('validation.required') }]}
                        style={{ flex: '1 1 120px', marginBottom: 0 }}
                      >
                        <InputNumber
                          min={0}
                          precision={2}
                          prefix="¥"
                          placeholder={t('contracts.itemUnitPrice')}
                          aria-label={t('contracts.itemUnitPrice')}
                          style={{ width: '100%' }}
                          data-testid={`contract-item-price-${f.name}`}
                        />
                      </Form.Item>
                      <div
                        style={{ flex: '0 0 104px', lineHeight: '32px', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
                        data-testid={`contract-item-amount-${f.name}`}
                      >
                        {formatFen(amount, locale)}
                      </div>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                    </Flex>
                  );
                })}
              </Flex>
            )}
          </Form.List>
          <Flex gap={12} wrap align="flex-start">
            <Form.Item
              name="totalAmount"
              label={t('contracts.totalAmount')}
              extra={t('contracts.totalHelp', { sum: formatFen(itemsSum, locale) })}
              style={cell}
            >
              <InputNumber
                min={0}
                precision={2}
                prefix="¥"
                placeholder={(itemsSum / 100).toFixed(2)}
                style={{ width: '100%' }}
                data-testid="contract-total"
              />
            </Form.Item>
            <div style={{ ...cell, paddingTop: 30 }}>
              {totalYuan != null && itemsSum > 0 && yuanToFen(totalYuan) !== itemsSum && (
                <Alert type="info" showIcon title={t('contracts.totalDiffers', { sum: formatFen(itemsSum, locale) })} />
              )}
            </div>
          </Flex>
        </Section>
      )}

      <Section title={t('contracts.sectionCommitments')}>
        <Flex gap={12} wrap>
          <Form.Item name={['commitments', 'coverage']} label={t('commit.coverage')} style={cell}>
            <Select options={COVERAGE_KINDS.map((k) => ({ value: k, label: t(`commit.coverage.${k}`) }))} data-testid="commit-coverage" />
          </Form.Item>
          <Form.Item
            name={['commitments', 'remoteOnly']}
            label={t('commit.remoteOnly')}
            valuePropName="checked"
            extra={t('commit.remoteOnlyHelp')}
            style={cell}
          >
            <Switch onChange={() => setRemoteTouched(true)} data-testid="commit-remote-only" />
          </Form.Item>
        </Flex>
        {onsiteWithRemote && <Alert type="warning" showIcon title={t('commit.remoteOnlyConflict')} style={{ marginBottom: 12 }} />}
        {coverage === 'custom' && (
          <Flex gap={12} wrap>
            <Form.Item
              name={['commitments', 'coverageDays']}
              label={t('commit.days')}
              rules={[{ required: true, type: 'array', min: 1, message: t('validation.minItems', { min: 1 }) }]}
              style={{ flex: '2 1 320px' }}
            >
              <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`commit.weekday.${d}`) }))} data-testid="commit-days" />
            </Form.Item>
            <Form.Item
              name={['commitments', 'coverageStart']}
              label={t('commit.startHour')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '1 1 100px' }}
            >
              <InputNumber min={0} max={23} precision={0} suffix=":00" style={{ width: '100%' }} data-testid="commit-start-hour" />
            </Form.Item>
            <Form.Item
              name={['commitments', 'coverageEnd']}
              label={t('commit.endHour')}
              dependencies={[['commitments', 'coverageStart']]}
              rules={[
                { required: true, message: t('validation.required') },
                ({ getFieldValue }) => ({
                  validator: async (_r, end: number | null) => {
                    const start = getFieldValue(['commitments', 'coverageStart']) as number | null;
                    if (start != null && end != null && end <= start) throw new Error(t('commit.endAfterStart'));
                  },
                }),
              ]}
              style={{ flex: '1 1 100px' }}
            >
              <InputNumber min={1} max={24} precision={0} suffix=":00" style={{ width: '100%' }} data-testid="commit-end-hour" />
            </Form.Item>
          </Flex>
        )}
        <Flex gap={12} wrap>
          <Form.Item
            name={['commitments', 'responseHours']}
            label={t('commit.response')}
            rules={[zodRule(COMMIT.responseHours, t)]}
            style={cell}
          >
            {hours('commit-response')}
          </Form.Item>
          <Form.Item
            name={['commitments', 'arrivalHours']}
            label={t('commit.arrival')}
            rules={[zodRule(COMMIT.arrivalHours, t)]}
            style={cell}
          >
            {hours('commit-arrival')}
          </Form.Item>
          <Form.Item
            name={['commitments', 'resolutionHours']}
            label={t('commit.resolution')}
            rules={[zodRule(COMMIT.resolutionHours, t)]}
            style={cell}
          >
            {hours('commit-resolution')}
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name={['commitments', 'pmVisitsPerYear']}
            label={t('commit.pmVisits')}
            rules={[zodRule(COMMIT.pmVisitsPerYear, t)]}
            style={cell}
          >
            {count('commit-pm-visits', t('commit.perYear'))}
          </Form.Item>
          <Form.Item
            name={['commitments', 'onsiteVisitsIncluded']}
            label={t('commit.onsiteVisits')}
            extra={t('commit.onsiteVisitsHelp')}
            rules={[zodRule(COMMIT.onsiteVisitsIncluded, t)]}
            style={cell}
          >
            {count('commit-onsite-visits', t('commit.times'))}
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name={['commitments', 'trainingDays']}
            label={t('commit.trainingDays')}
            rules={[zodRule(COMMIT.trainingDays, t)]}
            style={cell}
          >
            <InputNumber min={0} step={0.5} style={{ width: '100%' }} suffix={t('commit.daysUnit')} data-testid="commit-training-days" />
          </Form.Item>
          <Form.Item
            name={['commitments', 'trainingAttendees']}
            label={t('commit.trainingAttendees')}
            rules={[zodRule(COMMIT.trainingAttendees, t)]}
            style={cell}
          >
            {count('commit-training-attendees', t('commit.people'))}
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name={['commitments', 'warrantyMonths']}
            label={t('commit.warrantyMonths')}
            rules={[zodRule(COMMIT.warrantyMonths, t)]}
            style={cell}
          >
            {count('commit-warranty-months', t('commit.months'))}
          </Form.Item>
          <Form.Item name={['commitments', 'warrantyStart']} label={t('commit.warrantyStart')} style={cell}>
            {datePicker('commit-warranty-start')}
          </Form.Item>
          <Form.Item name={['commitments', 'warrantyEnd']} label={t('commit.warrantyEnd')} extra={t('commit.warrantyEndHelp')} style={cell}>
            {datePicker('commit-warranty-end')}
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('commit.vendor')}</Typography.Text>
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          <Form.Item
            name={['commitments', 'vendorExtraYears']}
            label={t('commit.vendorExtraYears')}
            rules={[zodRule(COMMIT.vendorExtraYears, t)]}
            style={cell}
          >
            {count('commit-vendor-years', t('commit.years'))}
          </Form.Item>
          <Form.Item
            name={['commitments', 'vendorRegion']}
            label={t('commit.vendorRegion')}
            rules={[zodRule(COMMIT.vendorRegion, t)]}
            style={cell}
          >
            <Input data-testid="commit-vendor-region" />
          </Form.Item>
        </Flex>
        <Form.Item name={['commitments', 'vendorScope']} label={t('commit.vendorScope')} rules={[zodRule(COMMIT.vendorScope, t)]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="commit-vendor-scope" />
        </Form.Item>
      </Section>

      <FormActions
        onCancel={onClose}
        pending={pending}
        submitTestId="contract-submit"
        style={{ position: 'sticky', bottom: 0, padding: '12px 0', background: token.colorBgElevated, zIndex: 2 }}
      />
    </Form>
  );
}
