import { Button, DatePicker, Flex, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TServiceRequestAction, TServiceRequestKind } from '@contract/service-request-workflow';
import type { TServiceRequestDetail, TServiceRequestStep } from '@contract/service-requests';
import { useServiceRequestStep } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { FORWARD_ACTIONS, REASON_ACTIONS, useSrLabels } from './sr-labels';

export interface SrActionTarget {
  id: number;
  kind: TServiceRequestKind;
  /** Sent when known, so a step on a stale view is refused instead of applied. */
  version?: number;
  allowedActions: readonly TServiceRequestAction[];
}

interface StepValues {
  reason?: string;
  plan?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * The workflow steps the caller may take now, as buttons (`data-testid="action-<action>"`):
 * exactly the server's `allowedActions`. Pauses, cancel and reopen ask for a reason first;
 * schedule for the planned time.
 */
export function SrActions({
  target,
  block,
  onDone,
}: {
  target: SrActionTarget;
  /** Full-width buttons (phones). */
  block?: boolean;
  onDone?: (sr: TServiceRequestDetail) => void;
}) {
  const { t } = useLocale();
  const labels = useSrLabels();
  const notify = useNotify();
  const step = useServiceRequestStep();
  const [asking, setAsking] = useState<TServiceRequestAction | null>(null);
  const [form] = Form.useForm<StepValues>();

  function run(action: TServiceRequestAction, body: TServiceRequestStep = {}) {
    step.mutate(
      { id: target.id, action, body: { ...body, version: target.version } },
      {
        onSuccess: (sr) => {
          notify.success(t('sr.stepDone', { action: labels.action(action) }));
          setAsking(null);
          onDone?.(sr);
        },
        onError: notify.error,
      },
    );
  }

  function click(action: TServiceRequestAction) {
    if (REASON_ACTIONS.includes(action) || action === 'schedule') {
      form.resetFields();
      setAsking(action);
      return;
    }
    run(action);
  }

  function confirm(values: StepValues) {
    if (!asking) return;
    const body: TServiceRequestStep = {};
    if (values.reason?.trim()) body.reason = values.reason.trim();
    if (values.plan?.[0]) body.plannedStart = values.plan[0].toISOString();
    if (values.plan?.[1]) body.plannedEnd = values.plan[1].toISOString();
    run(asking, body);
  }

  if (target.allowedActions.length === 0) return null;
  return (
    <>
      <Flex gap={8} wrap vertical={block} data-testid="sr-actions">
        {target.allowedActions.map((a) => (
          <Button
            key={a}
            type={FORWARD_ACTIONS.includes(a) ? 'primary' : 'default'}
            danger={a === 'cancel'}
            block={block}
            size={block ? 'large' : undefined}
            loading={step.isPending && step.variables?.action === a}
            disabled={step.isPending && step.variables?.action !== a}
            onClick={() => click(a)}
            data-testid={`action-${a}`}
          >
            {labels.action(a)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={asking !== null}
        title={asking ? labels.action(asking) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        confirmLoading={step.isPending}
        destroyOnHidden
        data-testid="sr-step-dialog"
      >
        <Form<StepValues> form={form} layout="vertical" onFinish={confirm}>
          {asking === 'schedule' ? (
            <Form.Item name="plan" label={t('sr.plannedTime')} extra={t('sr.plannedTimeHelp')}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          ) : (
            <Form.Item name="reason" label={t('sr.reason')}>
              <Input.TextArea rows={3} maxLength={2000} autoFocus data-testid="sr-step-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
