import { Button, Flex, Form, Input, Modal, Radio } from 'antd';
import { ESCALATION_KINDS, type TEscalationKind, ZRaiseEscalation } from '@contract/escalations';
import { useRaiseEscalation } from '../../api/escalations.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields, zodRule } from '../../ui/zod-form';
import { useEscalationLabels } from './escalation-labels';

interface RaiseValues {
  kind?: TEscalationKind;
  text?: string;
}

/** "Call the technical manager": the kind and what is wrong. Loaded when first opened (service-request-escalations.tsx). */
export function RaiseEscalationModal({ request, onClose }: { request: { id: number; number: string }; onClose: () => void }) {
  const { t, locale } = useLocale();
  const labels = useEscalationLabels();
  const notify = useNotify();
  const raise = useRaiseEscalation();
  const [form] = Form.useForm<RaiseValues>();

  function submit(values: RaiseValues) {
    if (!values.kind) return;
    raise.mutate(
      { serviceRequestId: request.id, body: { kind: values.kind, text: (values.text ?? '').trim() } },
      {
        onSuccess: () => {
          notify.success(t('escalation.raised'));
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: ['kind', 'text'] })) notify.error(err);
        },
      },
    );
  }

  return (
    <Modal
      open
      title={t('escalation.raiseTitle', { number: request.number })}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger loading={raise.isPending} onClick={() => form.submit()} data-testid="escalation-submit">
            {t('escalation.raise')}
          </Button>
        </Flex>
      }
      destroyOnHidden
      data-testid="escalation-dialog"
    >
      <Form<RaiseValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={t('escalation.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group>
            <Flex vertical gap={4}>
              {ESCALATION_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`escalation-kind-${k}`}>
                  {labels.kind(k)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="text" label={t('escalation.text')} required rules={[zodRule(ZRaiseEscalation.shape.text, t)]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="escalation-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
