import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TServiceRequestAction } from '@contract/service-request-workflow';
import type { TServiceRequestStep } from '@contract/service-requests';
import { useLocale } from '../../app/locale-context';
import { TEXT_REQUIRED_ACTIONS, useSrLabels } from './sr-labels';

interface StepValues {
  reason?: string;
  plan?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * What a step asks before it is taken: the planned time for `schedule`, a reason for pauses,
 * cancel and reopen. Loaded when first opened (sr-actions.tsx): the date picker and the form
 * are a third of what a phone would otherwise load with the engineer's work page.
 */
export function SrStepDialog({
  action,
  pending,
  onCancel,
  onConfirm,
}: {
  action: TServiceRequestAction;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (body: TServiceRequestStep) => void;
}) {
  const { t } = useLocale();
  const labels = useSrLabels();
  const [form] = Form.useForm<StepValues>();

  function confirm(values: StepValues) {
    const body: TServiceRequestStep = {};
    if (values.reason?.trim()) body.reason = values.reason.trim();
    if (values.plan?.[0]) body.plannedStart = values.plan[0].toISOString();
    if (values.plan?.[1]) body.plannedEnd = values.plan[1].toISOString();
    onConfirm(body);
  }

  return (
    <Modal
      open
      title={labels.action(action)}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      data-testid="sr-step-dialog"
    >
      <Form<StepValues> form={form} layout="vertical" onFinish={confirm}>
        {action === 'schedule' ? (
          <Form.Item name="plan" label={t('sr.plannedTime')} extra={t('sr.plannedTimeHelp')}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="reason"
            label={action === 'resolve' ? t('sr.resolution') : action === 'close' ? t('sr.outcome') : t('sr.reason')}
            extra={action === 'resolve' ? t('sr.resolutionHelp') : action === 'close' ? t('sr.outcomeHelp') : undefined}
            rules={
              TEXT_REQUIRED_ACTIONS.includes(action) ? [{ required: true, whitespace: true, message: t('sr.textRequired') }] : undefined
            }
          >
            <Input.TextArea rows={3} maxLength={2000} autoFocus data-testid="sr-step-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
