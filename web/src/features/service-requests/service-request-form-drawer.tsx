import { Alert, Checkbox, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { SERVICE_REQUEST_KINDS, type TServiceRequestKind } from '@contract/service-request-workflow';
import {
  kindWithinContract,
  REQUEST_KIND_SERVICE_KINDS,
  SERVICE_REQUEST_PRIORITIES,
  SERVICE_REQUEST_WARNINGS,
  type TServiceRequestDetail,
  type TServiceRequestPriority,
  type TUpdateServiceRequest,
  ZCreateServiceRequestForm,
  ZCreateUrgentServiceRequest,
  ZUpdateServiceRequest,
} from '@contract/service-requests';
import { useContract } from '../../api/contracts.hooks';
import { useCustomer } from '../../api/customers.hooks';
import { useContractEquipment } from '../../api/equipment.hooks';
import { useCreateServiceRequest, useUpdateServiceRequest } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { useGuardOverride } from '../../ui/guard-override';
import { useNotify } from '../../ui/notify';
import { blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { useSrLabels } from './sr-labels';
import { DATE_FORMAT, fromDay, keepEnterInPicker, toDay, useDayjsLocale } from '../../ui/dates';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useMessage } from '../../ui/message';
import { useLabels } from '../../ui/labels';

interface FormValues {
  mode: 'full' | 'urgent';
  kind: TServiceRequestKind;
  customerId?: number;
  contractId?: number | null;
  equipmentIds: number[];
  description?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  siteAddress?: string | null;
  responsibleEngineerId?: number | null;
  backupEngineerId?: number | null;
  requestedDate?: Dayjs | null;
  plan?: [Dayjs | null, Dayjs | null] | null;
  agreedArrivalAt?: Dayjs | null;
  priority: TServiceRequestPriority;
  remarks?: string | null;
  issue: boolean;
}

const FIELDS = [
  'kind',
  'customerId',
  'contractId',
  'equipmentIds',
  'description',
  'contactName',
  'contactPhone',
  'siteAddress',
  'responsibleEngineerId',
  'backupEngineerId',
  'requestedDate',
  'plan',
  'agreedArrivalAt',
  'priority',
  'remarks',
] as const;
const FIELD = ZCreateServiceRequestForm.shape;
const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

const iso = (v: Dayjs | null | undefined) => (v ? v.toISOString() : null);
const day = (v: string | null) => (v ? dayjs(v) : null);

/** The units of the chosen contract (R-PM-5), to name the ones the request is about. */
function EquipmentPicker({
  contractId,
  value,
  onChange,
  id,
}: {
  contractId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const { t } = useLocale();
  const units = useContractEquipment(contractId, { page: 1, pageSize: 200, sort: 'model' });
  const options = (units.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.brand} ${e.model}${e.sn ? ` · SN ${e.sn}` : ''}`,
  }));
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={units.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('sr.equipmentPlaceholder')}
      notFoundContent={t('common.noMatch')}
      data-testid="sr-equipment"
    />
  );
}

/**
 * 服务要求单: creates a request (the full form, or R-EMER-1's urgent phone dispatch with only
 * customer, symptom and engineer) or edits one — completing an urgent one's form.
 * `contractId` prefills the contract (and its customer) when opened from a contract.
 */
export function ServiceRequestFormDrawer({
  request,
  contractId: presetContractId,
  open,
  onClose,
  onSaved,
}: {
  request?: TServiceRequestDetail;
  contractId?: number;
  open: boolean;
  onClose: () => void;
  onSaved: (sr: TServiceRequestDetail) => void;
}) {
  const { t, locale, pick } = useLocale();
  useDayjsLocale(locale);
  const labels = useSrLabels();
  const notify = useNotify();
  const message = useMessage();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateServiceRequest();
  const update = useUpdateServiceRequest();
  const pending = create.isPending || update.isPending;
  const isEdit = request !== undefined;

  const mode = Form.useWatch('mode', form) ?? 'full';
  const customerId = Form.useWatch('customerId', form);
  const contractId = Form.useWatch('contractId', form);
  const kind = Form.useWatch('kind', form);
  const customer = useCustomer(customerId ?? undefined);
  const presetContract = useContract(presetContractId);
  const chosenContract = useContract(contractId ?? undefined);
  // The contract the kind is weighed against (R-SCOPE-1): the one chosen, once loaded.
  const scopeContract = chosenContract.data?.id === contractId ? chosenContract.data : undefined;
  const serviceLabels = useLabels();

  // Opened from a contract: its customer comes with it.
  useEffect(() => {
    const c = presetContract.data;
    if (c && !form.getFieldValue('customerId')) form.setFieldsValue({ customerId: c.customer.id, contractId: c.id });
  }, [presetContract.data, form]);

  // A customer chosen: its address and primary contact fill what is still empty.
  useEffect(() => {
    const c = customer.data;
    if (!c || isEdit) return;
    const primary = c.contacts.find((x) => x.primary) ?? c.contacts[0];
    const patch: Partial<FormValues> = {};
    if (!form.getFieldValue('siteAddress') && c.address) patch.siteAddress = c.address;
    if (!form.getFieldValue('contactName') && primary) patch.contactName = primary.name;
    if (!form.getFieldValue('contactPhone') && primary?.phones[0]) patch.contactPhone = primary.phones[0].raw;
    form.setFieldsValue(patch);
  }, [customer.data, form, isEdit]);

  const initialValues: Partial<FormValues> = request
    ? {
        mode: 'full',
        kind: request.kind,
        customerId: request.customer.id,
        contractId: request.contract?.id ?? null,
        equipmentIds: request.equipment.map((e) => e.id),
        description: request.description,
        contactName: request.contactName,
        contactPhone: request.contactPhone,
        siteAddress: request.siteAddress,
        responsibleEngineerId: request.responsibleEngineer?.id ?? null,
        backupEngineerId: request.backupEngineer?.id ?? null,
        requestedDate: fromDay(request.requestedDate),
        plan: request.plannedStart || request.plannedEnd ? [day(request.plannedStart), day(request.plannedEnd)] : null,
        agreedArrivalAt: day(request.agreedArrivalAt),
        priority: request.priority,
        remarks: request.remarks,
        issue: false,
      }
    : { mode: 'full', kind: 'emergency_repair', equipmentIds: [], priority: 'normal', issue: false, contractId: presetContractId ?? null };

  function onFailed(err: unknown) {
    const placed = showErrorsOnFields(form, err, locale, {
      fields: FIELDS,
      codeToField: {
        SERVICE_REQUEST_CONTRACT_REQUIRED: 'contractId',
        SERVICE_REQUEST_CONTRACT_MISMATCH: 'contractId',
        SERVICE_REQUEST_EQUIPMENT_MISMATCH: 'equipmentIds',
        SERVICE_REQUEST_ENGINEER_REQUIRED: 'responsibleEngineerId',
        SERVICE_REQUEST_NOT_ENGINEER: 'responsibleEngineerId',
        SERVICE_REQUEST_PLAN_ORDER: 'plan',
      },
    });
    if (!placed) notify.error(err);
  }

  const guard = useGuardOverride();

  function saved(sr: TServiceRequestDetail) {
    // Warnings (remote-only contract, double booking…) do not refuse the write: say them.
    for (const w of sr.warnings) void message.warning(w.message, 8);
    notify.success(isEdit ? t('sr.saved') : t('sr.created', { number: sr.number }));
    onSaved(sr);
  }

  function submit(v: FormValues) {
    if (!isEdit && v.mode === 'urgent') {
      const parsed = ZCreateUrgentServiceRequest.safeParse({
        urgent: true,
        kind: v.kind,
        customerId: v.customerId,
        description: v.description ?? '',
        responsibleEngineerId: v.responsibleEngineerId ?? undefined,
        contactPhone: blankToNull(v.contactPhone),
      });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      create.mutate(parsed.data, { onSuccess: saved, onError: onFailed });
      return;
    }
    const fields = {
      kind: v.kind,
      contractId: v.contractId ?? null,
      equipmentIds: v.equipmentIds ?? [],
      description: v.description ?? '',
      contactName: blankToNull(v.contactName),
      contactPhone: blankToNull(v.contactPhone),
      siteAddress: blankToNull(v.siteAddress),
      responsibleEngineerId: v.responsibleEngineerId ?? null,
      backupEngineerId: v.backupEngineerId ?? null,
      requestedDate: toDay(v.requestedDate),
      plannedStart: iso(v.plan?.[0]),
      plannedEnd: iso(v.plan?.[1]),
      agreedArrivalAt: iso(v.agreedArrivalAt),
      priority: v.priority,
      remarks: blankToNull(v.remarks),
    };
    if (!request) {
      const parsed = ZCreateServiceRequestForm.safeParse({ ...fields, customerId: v.customerId, issue: v.issue });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      // Issued at once, a kind outside the contract (R-SCOPE-1) is refused; a technical manager may override with a reason.
      guard.run((override) => create.mutateAsync(override ? { ...parsed.data, override } : parsed.data)).then(saved, onFailed);
      return;
    }
    const parsed = ZUpdateServiceRequest.safeParse({ ...fields, version: request.version } satisfies TUpdateServiceRequest);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate({ id: request.id, patch: parsed.data }, { onSuccess: saved, onError: onFailed });
  }

  const urgent = !isEdit && mode === 'urgent';
  const engineerSelect = (testId: string, valueLabel?: string | null) => (
    <UserSelect holding="engineer" valueLabel={valueLabel} data-testid={testId} />
  );

  const title = isEdit ? t('sr.editTitle', { number: request.number }) : t('sr.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={640} testId="sr">
      {guard.dialog}
      <DrawerForm<FormValues>
        form={form}
        initialValues={initialValues}
        onFinish={submit}
        pending={pending}
        submitLabel={urgent ? t('sr.dispatchNow') : t('common.save')}
      >
        {!isEdit && (
          <Form.Item name="mode" extra={mode === 'urgent' ? t('sr.urgentHelp') : undefined}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="sr-mode">
              <Radio.Button value="full">
                <span data-testid="sr-mode-full">{t('sr.modeFull')}</span>
              </Radio.Button>
              <Radio.Button value="urgent">
                <span data-testid="sr-mode-urgent">{t('sr.modeUrgent')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        )}
        {isEdit && request.incomplete && <Alert type="warning" showIcon title={t('sr.completeHint')} style={{ marginBottom: 16 }} />}
        <Flex gap={16} wrap>
          <Form.Item name="kind" label={t('sr.kind')} required style={{ flex: '1 1 240px' }}>
            <Select
              options={SERVICE_REQUEST_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
              popupMatchSelectWidth={false}
              data-testid="sr-kind"
            />
          </Form.Item>
          {!urgent && (
            <Form.Item name="priority" label={t('sr.priority')} style={{ flex: '1 1 160px' }}>
              <Select
                options={SERVICE_REQUEST_PRIORITIES.map((p) => ({ value: p, label: labels.priority(p) }))}
                data-testid="sr-priority"
              />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="customerId" label={t('sr.customer')} required rules={[{ required: true, message: t('validation.required') }]}>
          <CustomerSelect
            disabled={isEdit}
            valueLabel={request?.customer.name ?? customer.data?.name}
            onChange={() => form.setFieldsValue({ contractId: null, equipmentIds: [] })}
            data-testid="sr-customer"
          />
        </Form.Item>
        {!urgent && (
          <>
            <Form.Item name="contractId" label={t('sr.contract')} extra={t('sr.contractHelp')}>
              <ContractSelect
                allowClear
                customerId={customerId ?? undefined}
                disabled={!customerId}
                valueLabel={request?.contract?.number ?? presetContract.data?.number}
                onChange={() => form.setFieldsValue({ equipmentIds: [] })}
                data-testid="sr-contract"
              />
            </Form.Item>
            {kind && scopeContract && !kindWithinContract(kind, scopeContract.serviceKinds) && (
              // R-SCOPE-1 before save, by the rule the server applies on save and on issue.
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="sr-kind-outside-contract"
                title={pick(SERVICE_REQUEST_WARNINGS.SR_KIND_OUTSIDE_CONTRACT)}
                description={t('sr.kindScopeNeeds', {
                  kind: labels.kind(kind),
                  needed: REQUEST_KIND_SERVICE_KINDS[kind].map(serviceLabels.serviceKind).join('、'),
                  contract: scopeContract.number,
                  has: scopeContract.serviceKinds.map(serviceLabels.serviceKind).join('、'),
                })}
              />
            )}
            {contractId ? (
              <Form.Item name="equipmentIds" label={t('sr.equipment')}>
                <EquipmentPicker contractId={contractId} />
              </Form.Item>
            ) : null}
          </>
        )}
        <Form.Item name="description" label={t('sr.description')} required rules={[zodRule(FIELD.description, t)]}>
          <Input.TextArea rows={4} placeholder={t('sr.descriptionPlaceholder')} data-testid="sr-description" />
        </Form.Item>
        <Flex gap={16} wrap>
          {!urgent && (
            <Form.Item name="contactName" label={t('sr.contactName')} style={{ flex: '1 1 200px' }}>
              <Input autoComplete="off" data-testid="sr-contact-name" />
            </Form.Item>
          )}
          <Form.Item name="contactPhone" label={t('sr.contactPhone')} style={{ flex: '1 1 200px' }}>
            <Input autoComplete="off" inputMode="tel" data-testid="sr-contact-phone" />
          </Form.Item>
        </Flex>
        {!urgent && (
          <Form.Item name="siteAddress" label={t('sr.siteAddress')}>
            <Input autoComplete="off" data-testid="sr-site-address" />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item
            name="responsibleEngineerId"
            label={t('sr.responsibleEngineer')}
            required={urgent}
            rules={urgent ? [{ required: true, message: t('validation.required') }] : undefined}
            style={{ flex: '1 1 200px' }}
          >
            {engineerSelect('sr-engineer', request?.responsibleEngineer?.name)}
          </Form.Item>
          {!urgent && (
            <Form.Item name="backupEngineerId" label={t('sr.backupEngineer')} style={{ flex: '1 1 200px' }}>
              {engineerSelect('sr-backup-engineer', request?.backupEngineer?.name)}
            </Form.Item>
          )}
        </Flex>
        {!urgent && (
          <>
            <Flex gap={16} wrap>
              <Form.Item name="requestedDate" label={t('sr.requestedDate')} style={{ flex: '1 1 160px' }}>
                <DatePicker format={DATE_FORMAT} onKeyDown={keepEnterInPicker} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="agreedArrivalAt"
                label={t('sr.agreedArrival')}
                extra={t('sr.agreedArrivalHelp')}
                style={{ flex: '1 1 200px' }}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm', minuteStep: 5 }}
                  format={DATE_TIME_FORMAT}
                  onKeyDown={keepEnterInPicker}
                  style={{ width: '100%' }}
                  data-testid="sr-agreed-arrival"
                />
              </Form.Item>
            </Flex>
            <Form.Item name="plan" label={t('sr.plannedTime')}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                showTime={{ format: 'HH:mm', minuteStep: 15 }}
                format={DATE_TIME_FORMAT}
                onKeyDown={keepEnterInPicker}
                style={{ width: '100%' }}
                data-testid="sr-plan"
              />
            </Form.Item>
            <Form.Item name="remarks" label={t('sr.remarks')}>
              <Input.TextArea rows={2} data-testid="sr-remarks" />
            </Form.Item>
            {!isEdit && (
              <Form.Item name="issue" valuePropName="checked" extra={t('sr.issueNowHelp')}>
                <Checkbox data-testid="sr-issue-now">{t('sr.issueNow')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
      </DrawerForm>
    </FormDrawer>
  );
}
