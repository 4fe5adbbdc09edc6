import { Checkbox, Flex, Form, Input, Select, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { CONTRACT_STAGES, CONTRACT_STATUSES, SERVICE_KINDS, type TContractView, ZCreateContract } from '@contract/contracts';
import type { TCustomerRef } from '@contract/customers';
import { useT } from '../../../app/locale-context';
import { useLabels } from '../../../ui/labels';
import { UserSelect } from '../../../ui/user-select';
import { blankOrRule, zodRule } from '../../../ui/zod-form';
import { CustomerSelect } from '../../customers/customer-select';
import { cell, datePicker, Section } from './section';

const FIELD = ZCreateContract.shape;

/** Number, customer, service kinds, status, dates, the people responsible, notes. */
export function BasicsSection({ contract, initialCustomer }: { contract?: TContractView; initialCustomer?: TCustomerRef }) {
  const t = useT();
  const labels = useLabels();
  return (
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
  );
}
