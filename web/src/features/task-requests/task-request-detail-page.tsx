import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Spin, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TTaskRequestAction } from '@contract/task-requests';
import { useCan } from '../../api/me.hooks';
import { useTaskRequest, useTaskRequestStep } from '../../api/task-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { PrintPdfButton } from '../../ui/print-pdf-button';
import { useIsPhone } from '../../ui/use-is-phone';
import { TaskRequestFormDrawer } from './task-request-form-drawer';
import { TASK_STATE_COLORS, useTaskLabels } from './task-request-labels';

const dash = '—';

/** One Task Request Form: what, why, for whom, by when, and the steps open to the caller. */
export function TaskRequestDetailPage() {
  const { t } = useLocale();
  const labels = useTaskLabels();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const notify = useNotify();
  const navigate = useNavigate();
  const canManage = useCan('task_requests.manage');
  const id = Number(useParams().id);
  const task = useTaskRequest(Number.isInteger(id) && id > 0 ? id : undefined);
  const step = useTaskRequestStep();
  const [editing, setEditing] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [form] = Form.useForm<{ result?: string }>();

  if (task.isError) return <Alert type="error" showIcon title={errorText(task.error)} />;
  if (!task.data) return <Spin />;
  const r = task.data;

  function click(action: TTaskRequestAction) {
    if (action !== 'complete') return run(action);
    form.resetFields();
    setCompleting(true);
  }

  function run(action: TTaskRequestAction, result?: string) {
    step.mutate(
      { id: r.id, action, body: { version: r.version, result } },
      {
        onSuccess: () => {
          notify.success(t('sr.stepDone', { action: labels.action(action) }));
          setCompleting(false);
        },
        onError: notify.error,
      },
    );
  }

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span data-testid="task-title">{r.number}</span>
          <Tag color={TASK_STATE_COLORS[r.state]} data-testid="task-state" data-state={r.state}>
            {labels.state(r.state)}
          </Tag>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <PrintPdfButton href={`/api/task-requests/${r.id}/form.pdf`} testId="task-pdf" />
          {canManage && (r.state === 'draft' || r.state === 'issued') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="task-edit">
              {isPhone ? null : t('common.edit')}
            </Button>
          )}
        </Flex>
      }
      styles={{ body: { padding: isPhone ? 12 : undefined } }}
    >
      <Flex vertical gap={16}>
        {r.allowedActions.length > 0 && (
          <Flex gap={8} wrap vertical={isPhone}>
            {r.allowedActions.map((a) => (
              <Button
                key={a}
                type={a === 'cancel' ? 'default' : 'primary'}
                danger={a === 'cancel'}
                block={isPhone}
                loading={step.isPending && step.variables?.action === a}
                onClick={() => click(a)}
                data-testid={`action-${a}`}
              >
                {labels.action(a)}
              </Button>
            ))}
          </Flex>
        )}
        <Descriptions
          bordered
          size="small"
          column={isPhone ? 1 : 2}
          items={[
            {
              key: 'task',
              label: t('task.task'),
              span: isPhone ? 1 : 2,
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.task}</span>,
            },
            { key: 'reason', label: t('task.reason'), span: isPhone ? 1 : 2, children: r.reason ?? dash },
            { key: 'assignee', label: t('task.assignee'), children: r.assignee.name },
            { key: 'due', label: t('task.dueDate'), children: r.dueDate ?? dash },
            {
              key: 'customer',
              label: t('sr.customer'),
              children: r.customer ? <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link> : dash,
            },
            {
              key: 'contract',
              label: t('sr.contract'),
              children: r.contract ? <Link to={`/contracts/${r.contract.id}`}>{r.contract.number}</Link> : dash,
            },
            {
              key: 'sr',
              label: t('task.serviceRequest'),
              children: r.serviceRequest ? <Link to={`/service-requests/${r.serviceRequest.id}`}>{r.serviceRequest.number}</Link> : dash,
            },
            { key: 'issuedBy', label: t('sr.issuedBy'), children: r.issuedBy?.name ?? dash },
            { key: 'output', label: t('task.expectedOutput'), span: isPhone ? 1 : 2, children: r.expectedOutput ?? dash },
            { key: 'result', label: t('task.result'), span: isPhone ? 1 : 2, children: r.result ?? dash },
            { key: 'updated', label: t('common.updatedAt'), span: isPhone ? 1 : 2, children: formatCompanyTime(r.updatedAt) },
          ]}
        />
      </Flex>
      {editing && <TaskRequestFormDrawer open task={r} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      <Modal
        open={completing}
        title={labels.action('complete')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onCancel={() => setCompleting(false)}
        onOk={() => form.submit()}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => run('complete', v.result?.trim() || undefined)}>
          <Form.Item name="result" label={t('task.result')}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="task-result" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
