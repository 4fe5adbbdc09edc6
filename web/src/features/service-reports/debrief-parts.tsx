import { Button, Descriptions, Form, Input } from 'antd';
import type { TCreateDebrief, TDebrief } from '@contract/service-reports';
import { useLocale } from '../../app/locale-context';

/** A written debrief (R-INST-11), of a service request or a training session. */
export function DebriefDetails({ d, withAuthor = false }: { d: TDebrief; withAuthor?: boolean }) {
  const { t } = useLocale();
  return (
    <Descriptions size="small" column={1} data-testid="debrief-details">
      {withAuthor && <Descriptions.Item label={t('debriefs.author')}>{d.author.name}</Descriptions.Item>}
      <Descriptions.Item label={t('reports.howItWent')}>{d.howItWent}</Descriptions.Item>
      <Descriptions.Item label={t('reports.lessons')}>{d.lessons}</Descriptions.Item>
      <Descriptions.Item label={t('reports.customerSituation')}>{d.customerSituation}</Descriptions.Item>
    </Descriptions>
  );
}

/** The debrief's three short texts, all required. */
export function DebriefForm({ onSubmit, pending }: { onSubmit: (v: TCreateDebrief) => void; pending: boolean }) {
  const { t } = useLocale();
  const [form] = Form.useForm<TCreateDebrief>();
  return (
    <Form form={form} layout="vertical" onFinish={onSubmit} data-testid="debrief-form">
      {(['howItWent', 'lessons', 'customerSituation'] as const).map((k) => (
        <Form.Item
          key={k}
          name={k}
          label={t(`reports.${k}`)}
          rules={[{ required: true, whitespace: true, message: t('reports.required') }]}
        >
          <Input.TextArea rows={2} data-testid={`debrief-${k}`} />
        </Form.Item>
      ))}
      <Button htmlType="submit" type="primary" size="large" block loading={pending} data-testid="debrief-submit">
        {t('reports.writeDebrief')}
      </Button>
    </Form>
  );
}
