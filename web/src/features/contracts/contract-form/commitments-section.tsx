import { Alert, Checkbox, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { COVERAGE_KINDS, ONSITE_KINDS, ZServiceCommitmentsInput } from '@contract/contracts';
import { useT } from '../../../app/locale-context';
import { zodRule } from '../../../ui/zod-form';
import type { ContractFormValues } from './contract-form-values';
import { cell, datePicker, Section } from './section';

const COMMIT = ZServiceCommitmentsInput.shape;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The service commitments (entitlement, R-EMER-3): coverage, response and arrival times, visits, training, warranty, vendor. */
export function CommitmentsSection({ onRemoteOnlyChange }: { onRemoteOnlyChange: () => void }) {
  const t = useT();
  const form = Form.useFormInstance<ContractFormValues>();
  const kinds = Form.useWatch('serviceKinds', form) ?? [];
  const coverage = Form.useWatch(['commitments', 'coverage'], form);
  const remoteOnly = Form.useWatch(['commitments', 'remoteOnly'], form);
  const onsiteWithRemote = remoteOnly === true && kinds.some((k) => ONSITE_KINDS.includes(k));
  const hours = (testId: string) => (
    <InputNumber min={0} step={1} style={{ width: '100%' }} suffix={t('contracts.hoursUnit')} data-testid={testId} />
  );
  const count = (testId: string, suffix?: string) => (
    <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={suffix} data-testid={testId} />
  );
  return (
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
          <Switch onChange={onRemoteOnlyChange} data-testid="commit-remote-only" />
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
  );
}
