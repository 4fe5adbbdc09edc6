import { Checkbox, DatePicker, Flex, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { type TTaskRequest, type TUpdateTaskRequest, ZCreateTaskRequest, ZUpdateTaskRequest } from '@contract/task-requests';
import { useCreateTaskRequest, useUpdateTaskRequest } from '../../api/task-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { DATE_FORMAT, fromDay, keepEnterInPicker, toDay, useDayjsLocale } from '../../ui/dates';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';

interface FormValues {
  task?: string;
  reason?: string | null;
  customerId?: number | null;
  contractId?: number | null;
  assigneeId?: number | null;
  dueDate?: Dayjs | null;
  expectedOutput?: string | null;
  issue: boolean;
}

const FIELDS = ['task', 'reason', 'customerId', 'contractId', 'assigneeId', 'dueDate', 'expectedOutput'] as const;
const FIELD = ZCreateTaskRequest.shape;

/** 任务要求单 (R-ORG-3): the technical manager's written assignment when the work is not urgent. */
export function TaskRequestFormDrawer({
  task,
  open,
  onClose,
  onSaved,
}: {
  task?: TTaskRequest;
  open: boolean;
  onClose: () => void;
  onSaved: (tr: TTaskRequest) => void;
}) {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const notify = useNotify();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateTaskRequest();
  const update = useUpdateTaskRequest();
  const pending = create.isPending || update.isPending;
  const customerId = Form.useWatch('customerId', form);

  const initialValues: Partial<FormValues> = task
    ? {
        task: task.task,
        reason: task.reason,
        customerId: task.customer?.id ?? null,
        contractId: task.contract?.id ?? null,
        assigneeId: task.assignee.id,
        dueDate: fromDay(task.dueDate),
        expectedOutput: task.expectedOutput,
        issue: false,
      }
    : { issue: false };

  function onFailed(err: unknown) {
    if (!showErrorsOnFields(form, err, locale, { fields: FIELDS })) notify.error(err);
  }
  function saved(tr: TTaskRequest) {
    notify.success(task ? t('task.saved') : t('task.created', { number: tr.number }));
    onSaved(tr);
  }

  function submit(v: FormValues) {
    const fields = {
      task: v.task ?? '',
      reason: blankToNull(v.reason),
      customerId: v.customerId ?? null,
      contractId: v.contractId ?? null,
      assigneeId: v.assigneeId ?? undefined,
      dueDate: toDay(v.dueDate),
      expectedOutput: blankToNull(v.expectedOutput),
    };
    if (!task) {
      const parsed = ZCreateTaskRequest.safeParse({ ...fields, issue: v.issue });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      create.mutate(parsed.data, { onSuccess: saved, onError: onFailed });
      return;
    }
    const parsed = ZUpdateTaskRequest.safeParse({ ...fields, version: task.version } satisfies TUpdateTaskRequest);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate({ id: task.id, patch: parsed.data }, { onSuccess: saved, onError: onFailed });
  }

  const title = task ? t('task.editTitle', { number: task.number }) : t('task.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={560} testId="task">
      <DrawerForm<FormValues> form={form} initialValues={initialValues} onFinish={submit} pending={pending}>
        <Form.Item name="task" label={t('task.task')} required rules={[zodRule(FIELD.task, t)]}>
          <Input.TextArea rows={3} data-testid="task-task" />
        </Form.Item>
        <Form.Item name="reason" label={t('task.reason')}>
          <Input.TextArea rows={2} data-testid="task-reason" />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('task.assignee')} required rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect holding="engineer" valueLabel={task?.assignee.name} data-testid="task-assignee" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="customerId" label={t('sr.customer')} style={{ flex: '1 1 220px' }}>
            <CustomerSelect
              allowClear
              valueLabel={task?.customer?.name}
              onChange={() => form.setFieldsValue({ contractId: null })}
              data-testid="task-customer"
            />
          </Form.Item>
          <Form.Item name="contractId" label={t('sr.contract')} style={{ flex: '1 1 220px' }}>
            <ContractSelect
              allowClear
              customerId={customerId ?? undefined}
              valueLabel={task?.contract?.number}
              data-testid="task-contract"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="dueDate" label={t('task.dueDate')}>
          <DatePicker format={DATE_FORMAT} onKeyDown={keepEnterInPicker} style={{ width: '100%' }} data-testid="task-due" />
        </Form.Item>
        <Form.Item name="expectedOutput" label={t('task.expectedOutput')}>
          <Input.TextArea rows={2} data-testid="task-output" />
        </Form.Item>
        {!task && (
          <Form.Item name="issue" valuePropName="checked">
            <Checkbox data-testid="task-issue-now">{t('task.issueNow')}</Checkbox>
          </Form.Item>
        )}
      </DrawerForm>
    </FormDrawer>
  );
}
