import { Form, Input, Select } from 'antd';
import {
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
  type TProject,
  type TProjectStatus,
  ZCreateProject,
  ZUpdateProject,
} from '@contract/projects';
import { useCreateProject, useUpdateProject } from '../../api/projects.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { UserSelect } from '../../ui/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { useSrLabels } from '../service-requests/sr-labels';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';

interface FormValues {
  code?: string;
  name?: string;
  customerId?: number | null;
  projectManagerId?: number | null;
  status: TProjectStatus;
  notes?: string | null;
}

const FIELDS = ['code', 'name', 'customerId', 'projectManagerId', 'status', 'notes'] as const;
const FIELD = ZCreateProject.shape;

/** A project (R-ORG-4) with the project manager the technical manager proposes. Members and contracts keep their values on edit. */
export function ProjectFormDrawer({
  project,
  open,
  onClose,
  onSaved,
}: {
  project?: TProject;
  open: boolean;
  onClose: () => void;
  onSaved: (p: TProject) => void;
}) {
  const { t, locale } = useLocale();
  const { pick } = useSrLabels();
  const notify = useNotify();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const pending = create.isPending || update.isPending;

  const initialValues: Partial<FormValues> = project
    ? {
        code: project.code,
        name: project.name,
        customerId: project.customer?.id ?? null,
        projectManagerId: project.projectManager?.id ?? null,
        status: project.status,
        notes: project.notes,
      }
    : { status: 'proposed' };

  function onFailed(err: unknown) {
    if (!showErrorsOnFields(form, err, locale, { fields: FIELDS })) notify.error(err);
  }
  function saved(p: TProject) {
    notify.success(t('project.saved'));
    onSaved(p);
  }

  function submit(v: FormValues) {
    const fields = {
      name: v.name ?? '',
      customerId: v.customerId ?? null,
      projectManagerId: v.projectManagerId ?? null,
      status: v.status,
      notes: blankToNull(v.notes),
    };
    if (!project) {
      const parsed = ZCreateProject.safeParse({ ...fields, code: v.code ?? '' });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      create.mutate(parsed.data, { onSuccess: saved, onError: onFailed });
      return;
    }
    const parsed = ZUpdateProject.safeParse({ ...fields, version: project.version });
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate({ id: project.id, patch: parsed.data }, { onSuccess: saved, onError: onFailed });
  }

  const title = project ? t('project.editTitle', { code: project.code }) : t('project.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={520} testId="project">
      <DrawerForm<FormValues> form={form} initialValues={initialValues} onFinish={submit} pending={pending}>
        <Form.Item name="code" label={t('project.code')} required rules={[zodRule(FIELD.code, t)]}>
          <Input disabled={project !== undefined} autoComplete="off" data-testid="project-code" />
        </Form.Item>
        <Form.Item name="name" label={t('project.name')} required rules={[zodRule(FIELD.name, t)]}>
          <Input autoComplete="off" data-testid="project-name" />
        </Form.Item>
        <Form.Item name="customerId" label={t('sr.customer')}>
          <CustomerSelect allowClear valueLabel={project?.customer?.name} data-testid="project-customer" />
        </Form.Item>
        <Form.Item name="projectManagerId" label={t('project.manager')} extra={t('project.managerHelp')}>
          <UserSelect holding="project_manager" valueLabel={project?.projectManager?.name} data-testid="project-manager" />
        </Form.Item>
        <Form.Item name="status" label={t('project.status')}>
          <Select
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: pick(PROJECT_STATUS_LABELS[s]) }))}
            data-testid="project-status"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('sr.remarks')}>
          <Input.TextArea rows={3} data-testid="project-notes" />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}
