import { AutoComplete, DatePicker, Flex, Form, Input, InputNumber, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  PRODUCT_TYPE_SUGGESTIONS,
  type TEquipmentDetail,
  type TUpdateEquipment,
  ZCreateEquipment,
  ZUpdateEquipment,
} from '@contract/equipment';
import { isApiError } from '../../api/api-error';
import { useCreateEquipment, useEquipment, useUpdateEquipment } from '../../api/equipment.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankOrRule, blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';
import { DATE_FORMAT, fromDay, keepEnterInPicker, toDay, useDayjsLocale } from '../../ui/dates';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';

interface EquipmentFormValues {
  contractId?: number;
  productType: string;
  brand: string;
  model: string;
  pn?: string | null;
  sn?: string | null;
  quantity: number;
  site?: string | null;
  warrantyStart?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  vendorWarrantyEnd?: Dayjs | null;
  licenseKey?: string | null;
  hostid?: string | null;
  softwareSerial?: string | null;
  notes?: string | null;
}

const FIELD = ZCreateEquipment.shape;
const TEXT_FIELDS = ['pn', 'sn', 'site', 'licenseKey', 'hostid', 'softwareSerial', 'notes'] as const;
const DATE_FIELDS = ['warrantyStart', 'warrantyEnd', 'vendorWarrantyEnd'] as const;

/**
 * Registers a unit of the installed base (R-GOODS-6, R-INST-7) or edits one (`unitId`).
 * Opened from a contract, the contract is fixed (`contract`).
 */
export function EquipmentFormDrawer({
  unitId,
  contract,
  open,
  onClose,
}: {
  unitId?: number;
  contract?: { id: number; number: string };
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useLocale();
  const unit = useEquipment(unitId);
  const title = unitId ? t('equipment.edit') : t('equipment.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={640} testId="equipment">
      {unitId && !unit.data ? <Spin /> : <EquipmentForm unit={unit.data} contract={contract} onClose={onClose} />}
    </FormDrawer>
  );
}

const cell = { flex: '1 1 200px', minWidth: 0 } as const;

function EquipmentForm({
  unit,
  contract,
  onClose,
}: {
  unit?: TEquipmentDetail;
  contract?: { id: number; number: string };
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const [form] = Form.useForm<EquipmentFormValues>();
  const create = useCreateEquipment();
  const update = useUpdateEquipment();
  const notify = useNotify();
  const pending = create.isPending || update.isPending;
  const sn = Form.useWatch('sn', form);

  const initialValues: Partial<EquipmentFormValues> = unit
    ? {
        contractId: unit.contractId,
        productType: unit.productType,
        brand: unit.brand,
        model: unit.model,
        pn: unit.pn,
        sn: unit.sn,
        quantity: unit.quantity,
        site: unit.site,
        warrantyStart: fromDay(unit.warrantyStart),
        warrantyEnd: fromDay(unit.warrantyEnd),
        vendorWarrantyEnd: fromDay(unit.vendorWarrantyEnd),
        licenseKey: unit.licenseKey,
        hostid: unit.hostid,
        softwareSerial: unit.softwareSerial,
        notes: unit.notes,
      }
    : // Servers are what is most often registered; the type stays visible and editable.
      { contractId: contract?.id, productType: PRODUCT_TYPE_SUGGESTIONS[0], quantity: 1 };

  function onFailed(err: unknown) {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
      notify.error(err);
      onClose();
      return;
    }
    if (!showErrorsOnFields(form, err, locale, { codeToField: { EQUIPMENT_SN_TAKEN: ['sn'] } })) notify.error(err);
  }

  function submit(v: EquipmentFormValues) {
    const fields = {
      contractId: v.contractId,
      productType: v.productType,
      brand: v.brand,
      model: v.model,
      quantity: v.quantity,
      ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, blankToNull(v[k])])),
      ...Object.fromEntries(DATE_FIELDS.map((k) => [k, toDay(v[k])])),
    } as Record<string, unknown>;
    if (!unit) {
      const parsed = ZCreateEquipment.safeParse(fields);
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      create.mutate(parsed.data, {
        onSuccess: () => {
          notify.success(t('equipment.created'));
          onClose();
        },
        onError: onFailed,
      });
      return;
    }
    // Only what changed is sent, so the audit trail shows the real edit.
    const patch: Record<string, unknown> = { version: unit.version };
    for (const [k, value] of Object.entries(fields)) {
      if (value !== unit[k as keyof TEquipmentDetail]) patch[k] = value;
    }
    if (Object.keys(patch).length === 1) return onClose();
    const parsed = ZUpdateEquipment.safeParse(patch);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate(
      { id: unit.id, patch: parsed.data as TUpdateEquipment },
      {
        onSuccess: () => {
          notify.success(t('equipment.saved'));
          onClose();
        },
        onError: onFailed,
      },
    );
  }

  const date = (testId: string) => (
    <DatePicker format={DATE_FORMAT} onKeyDown={keepEnterInPicker} style={{ width: '100%' }} data-testid={testId} />
  );

  return (
    <DrawerForm<EquipmentFormValues> form={form} initialValues={initialValues} onFinish={submit} pending={pending}>
      <Form.Item name="contractId" label={t('equipment.contract')} required rules={[{ required: true, message: t('validation.required') }]}>
        {contract && !unit ? (
          <FixedContract number={contract.number} />
        ) : (
          <ContractSelect
            valueLabel={unit?.contractNumber}
            placeholder={t('equipment.contractPlaceholder')}
            data-testid="equipment-contract"
          />
        )}
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="productType" label={t('equipment.productType')} required rules={[zodRule(FIELD.productType, t)]} style={cell}>
          <AutoComplete
            options={PRODUCT_TYPE_SUGGESTIONS.map((p) => ({ value: p }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            data-testid="equipment-product-type"
          />
        </Form.Item>
        <Form.Item name="brand" label={t('equipment.brand')} required rules={[zodRule(FIELD.brand, t)]} style={cell}>
          <Input autoComplete="off" data-testid="equipment-brand" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="model" label={t('equipment.model')} required rules={[zodRule(FIELD.model, t)]} style={cell}>
          <Input autoComplete="off" data-testid="equipment-model" />
        </Form.Item>
        <Form.Item name="pn" label={t('equipment.pn')} rules={[blankOrRule(FIELD.pn, t)]} style={cell}>
          <Input autoComplete="off" data-testid="equipment-pn" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="sn" label={t('equipment.sn')} extra={t('equipment.snHelp')} rules={[blankOrRule(FIELD.sn, t)]} style={cell}>
          <Input autoComplete="off" autoCapitalize="characters" data-testid="equipment-sn" />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('equipment.quantity')}
          rules={[
            zodRule(FIELD.quantity.unwrap(), t),
            {
              validator: async (_r, q: number) => {
                if (sn?.trim() && q !== 1) throw new Error(t('equipment.snOneUnit'));
              },
            },
          ]}
          dependencies={['sn']}
          style={cell}
        >
          <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="equipment-quantity" />
        </Form.Item>
      </Flex>
      <Form.Item name="site" label={t('equipment.site')} rules={[blankOrRule(FIELD.site, t)]}>
        <Input autoComplete="off" data-testid="equipment-site" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="warrantyStart" label={t('equipment.warrantyStart')} style={cell}>
          {date('equipment-warranty-start')}
        </Form.Item>
        <Form.Item name="warrantyEnd" label={t('equipment.warrantyEnd')} style={cell}>
          {date('equipment-warranty-end')}
        </Form.Item>
        <Form.Item name="vendorWarrantyEnd" label={t('equipment.vendorWarrantyEnd')} style={cell}>
          {date('equipment-vendor-warranty-end')}
        </Form.Item>
      </Flex>
      <Typography.Text strong>{t('equipment.licenseSection')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('equipment.licenseHelp')}
      </Typography.Paragraph>
      <Flex gap={12} wrap>
        <Form.Item name="hostid" label={t('equipment.hostid')} rules={[blankOrRule(FIELD.hostid, t)]} style={cell}>
          <Input autoComplete="off" data-testid="equipment-hostid" />
        </Form.Item>
        <Form.Item name="softwareSerial" label={t('equipment.softwareSerial')} rules={[blankOrRule(FIELD.softwareSerial, t)]} style={cell}>
          <Input autoComplete="off" data-testid="equipment-software-serial" />
        </Form.Item>
      </Flex>
      <Form.Item name="licenseKey" label={t('equipment.licenseKey')} rules={[blankOrRule(FIELD.licenseKey, t)]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} data-testid="equipment-license-key" />
      </Form.Item>
      <Form.Item name="notes" label={t('equipment.notes')} rules={[blankOrRule(FIELD.notes, t)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="equipment-notes" />
      </Form.Item>
    </DrawerForm>
  );
}

function FixedContract({ number, id }: { number: string; id?: string }) {
  return <Input id={id} value={number} readOnly variant="filled" data-testid="equipment-contract-fixed" />;
}
