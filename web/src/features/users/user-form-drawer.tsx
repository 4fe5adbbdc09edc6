import { Checkbox, Form, Input, Switch } from 'antd';
import { ROLES, type TRole } from '@contract/roles';
import { type TUpdateUser, type TUser, ZCreateUser, ZUpdateUser } from '@contract/users';
import { isApiError } from '../../api/api-error';
import { useCreateUser, useUpdateUser } from '../../api/users.hooks';
import { roleKey } from '../../app/i18n';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { blankToNull, showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';

interface UserFormValues {
  name: string;
  email: string;
  phone?: string | null;
  department?: string | null;
  roles: TRole[];
  password?: string;
  active: boolean;
}

const FIELDS = ['name', 'email', 'phone', 'department', 'roles', 'password', 'active'] as const;
const FIELD = ZCreateUser.shape;

/** Creates a user (`user` absent) or edits one, sending the version it was read at. */
export function UserFormDrawer({ user, open, onClose }: { user?: TUser; open: boolean; onClose: () => void }) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const notify = useNotify();
  const isEdit = user !== undefined;
  const pending = create.isPending || update.isPending;

  const initialValues: Partial<UserFormValues> = user
    ? { name: user.name, email: user.email, phone: user.phone, department: user.department, roles: user.roles, active: user.active }
    : { roles: [], active: true };

  function onFailed(err: unknown) {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
      // The list reloads with the current version; editing starts again from it.
      notify.error(err);
      onClose();
      return;
    }
    if (!showErrorsOnFields(form, err, locale, { fields: FIELDS, codeToField: { USER_EMAIL_TAKEN: 'email' } })) notify.error(err);
  }

  function submit(values: UserFormValues) {
    const fields = {
      name: values.name,
      email: values.email,
      phone: blankToNull(values.phone),
      department: blankToNull(values.department),
      roles: ROLES.filter((r) => values.roles.includes(r)),
      active: values.active,
    };
    if (!user) {
      const parsed = ZCreateUser.safeParse({ ...fields, password: values.password ?? '' });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      create.mutate(parsed.data, {
        onSuccess: () => {
          notify.success(t('users.created'));
          onClose();
        },
        onError: onFailed,
      });
      return;
    }
    // Only what changed is sent, so the audit trail shows the real edit.
    const patch: TUpdateUser = { version: user.version };
    if (fields.name !== user.name) patch.name = fields.name;
    if (fields.email !== user.email) patch.email = fields.email;
    if (fields.phone !== user.phone) patch.phone = fields.phone;
    if (fields.department !== user.department) patch.department = fields.department;
    if (fields.roles.join() !== user.roles.join()) patch.roles = fields.roles;
    if (fields.active !== user.active) patch.active = fields.active;
    if (Object.keys(patch).length === 1) return onClose();
    const parsed = ZUpdateUser.safeParse(patch);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate(
      { id: user.id, patch: parsed.data },
      {
        onSuccess: () => {
          notify.success(t('users.saved'));
          onClose();
        },
        onError: onFailed,
      },
    );
  }

  const title = isEdit ? t('users.edit') : t('users.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={480} testId="user">
      <DrawerForm<UserFormValues> form={form} initialValues={initialValues} onFinish={submit} pending={pending}>
        <Form.Item name="name" label={t('users.name')} required rules={[zodRule(FIELD.name, t)]}>
          <Input autoComplete="off" data-testid="user-name" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} required rules={[zodRule(FIELD.email, t)]}>
          <Input autoComplete="off" inputMode="email" data-testid="user-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[zodRule(FIELD.phone, t)]}>
          <Input autoComplete="off" inputMode="tel" data-testid="user-phone" />
        </Form.Item>
        <Form.Item name="department" label={t('users.department')} rules={[zodRule(FIELD.department, t)]}>
          <Input autoComplete="off" data-testid="user-department" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} extra={t('users.rolesHelp')} required rules={[zodRule(FIELD.roles, t)]}>
          <Checkbox.Group
            data-testid="user-roles"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 8 }}
          >
            {ROLES.map((r) => (
              <Checkbox key={r} value={r} data-testid={`user-role-${r}`}>
                {t(roleKey(r))}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        {!isEdit && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('password.hint')}
            required
            rules={[zodRule(FIELD.password, t)]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="active" label={t('users.activeSwitch')} valuePropName="checked">
          <Switch data-testid="user-active" />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}
