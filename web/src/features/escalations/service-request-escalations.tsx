import { AlertOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { ESCALATION_KINDS, type TEscalation, type TEscalationKind, ZRaiseEscalation } from '@contract/escalations';
import { useEscalations, useRaiseEscalation } from '../../api/escalations.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { showErrorsOnFields, zodRule } from '../../ui/zod-form';
import { EscalationStateTag, useEscalationLabels } from './escalation-labels';

interface RaiseValues {
  kind?: TEscalationKind;
  text?: string;
}

/**
 * R-EMER-9 on the service request page: "call the technical manager" (a button and its dialog)
 * and the request's escalations with their state.
 */
export function ServiceRequestEscalations({ request }: { request: { id: number; number: string } }) {
  const { t } = useLocale();
  const canRead = useCan('escalations.read');
  const canRaise = useCan('escalations.raise');
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const labels = useEscalationLabels();
  const list = useEscalations({ page: 1, pageSize: 50, serviceRequestId: request.id }, { enabled: canRead });
  const [raising, setRaising] = useState(false);

  if (!canRead && !canRaise) return null;
  return (
    <section data-testid="sr-escalations">
      <Flex align="center" justify="space-between" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('escalation.sectionTitle')}
        </Typography.Title>
        {canRaise && (
          <Button danger icon={<AlertOutlined />} onClick={() => setRaising(true)} data-testid="sr-escalate">
            {t('escalation.raise')}
          </Button>
        )}
      </Flex>
      {canRead && list.isError && <Alert type="error" showIcon title={errorText(list.error)} />}
      {canRead && !list.isError && (
        <Table<TEscalation>
          rowKey="id"
          size="small"
          data-testid="sr-escalations-table"
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('escalation.none') }}
          columns={[
            {
              key: 'state',
              title: t('escalation.state'),
              render: (_v, e) => <EscalationStateTag state={e.state} testId={`sr-escalation-state-${e.id}`} />,
            },
            { key: 'kind', title: t('escalation.kind'), render: (_v, e) => labels.kind(e.kind) },
            { key: 'text', title: t('escalation.text'), ellipsis: true, width: isPhone ? 160 : 320, render: (_v, e) => e.text },
            { key: 'by', title: t('escalation.raisedBy'), render: (_v, e) => e.raisedBy?.name ?? '—' },
            {
              key: 'at',
              title: t('escalation.raisedAt'),
              render: (_v, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatCompanyTime(e.raisedAt).slice(0, 16)}</span>,
            },
          ]}
        />
      )}
      {raising && <RaiseEscalationModal request={request} onClose={() => setRaising(false)} />}
    </section>
  );
}

function RaiseEscalationModal({ request, onClose }: { request: { id: number; number: string }; onClose: () => void }) {
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
