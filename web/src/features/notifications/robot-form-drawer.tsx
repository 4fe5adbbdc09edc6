import { Checkbox, Form, Input, Select, Switch } from 'antd';
import { ROBOT_KINDS, type TRobot, type TRobotKind, type TUpdateRobot, ZCreateRobot, ZUpdateRobot } from '@contract/notification-delivery';
import { NOTIFICATION_KINDS, type TNotificationKind } from '@contract/notifications';
import { isApiError } from '../../api/api-error';
import { useCreateRobot, useUpdateRobot } from '../../api/notification-delivery.hooks';
import { useLocale } from '../../app/locale-context';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields, showZodIssuesOnFields, zodRule } from '../../ui/zod-form';

interface RobotFormValues {
  name: string;
  kind: TRobotKind;
  webhookUrl: string;
  secret?: string;
  removeSecret: boolean;
  notificationKinds: TNotificationKind[];
  active: boolean;
}

const FIELDS = ['name', 'kind', 'webhookUrl', 'secret', 'notificationKinds', 'active'] as const;
const FIELD = ZCreateRobot.shape;

/**
 * Adds a group robot (`robot` absent) or edits one. The secret is write-only: the form never
 * shows the saved one; typing a new one replaces it, and "remove" clears it.
 */
export function RobotFormDrawer({ robot, onClose }: { robot?: TRobot; onClose: () => void }) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<RobotFormValues>();
  const create = useCreateRobot();
  const update = useUpdateRobot();
  const notify = useNotify();
  const pending = create.isPending || update.isPending;
  const removeSecret = Form.useWatch('removeSecret', form);

  const initialValues: Partial<RobotFormValues> = robot
    ? {
        name: robot.name,
        kind: robot.kind,
        webhookUrl: robot.webhookUrl,
        notificationKinds: robot.notificationKinds,
        active: robot.active,
        removeSecret: false,
      }
    : { kind: 'dingtalk', notificationKinds: [], active: true, removeSecret: false };

  function onFailed(err: unknown) {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
      notify.error(err);
      onClose();
      return;
    }
    if (!showErrorsOnFields(form, err, locale, { fields: FIELDS })) notify.error(err);
  }
  const done = () => {
    notify.success(t('delivery.robotSaved'));
    onClose();
  };

  function submit(values: RobotFormValues) {
    const secret = values.secret?.trim() ? values.secret.trim() : undefined;
    const kinds = NOTIFICATION_KINDS.filter((k) => values.notificationKinds.includes(k));
    if (!robot) {
      const parsed = ZCreateRobot.safeParse({
        name: values.name,
        kind: values.kind,
        webhookUrl: values.webhookUrl,
        secret: secret ?? null,
        notificationKinds: kinds,
        active: values.active,
      });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
      create.mutate(parsed.data, { onSuccess: done, onError: onFailed });
      return;
    }
    const patch: TUpdateRobot = { version: robot.version };
    if (values.name !== robot.name) patch.name = values.name;
    if (values.kind !== robot.kind) patch.kind = values.kind;
    if (values.webhookUrl !== robot.webhookUrl) patch.webhookUrl = values.webhookUrl;
    if (values.removeSecret) patch.secret = null;
    else if (secret !== undefined) patch.secret = secret;
    if (kinds.join() !== robot.notificationKinds.join()) patch.notificationKinds = kinds;
    if (values.active !== robot.active) patch.active = values.active;
    if (Object.keys(patch).length === 1) return onClose();
    const parsed = ZUpdateRobot.safeParse(patch);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate({ id: robot.id, patch: parsed.data }, { onSuccess: done, onError: onFailed });
  }

  return (
    <FormDrawer onClose={onClose} title={robot ? t('delivery.editRobot') : t('delivery.newRobot')} width={480} testId="robot">
      <DrawerForm<RobotFormValues> form={form} initialValues={initialValues} onFinish={submit} pending={pending}>
        <Form.Item name="name" label={t('delivery.robotName')} required rules={[zodRule(FIELD.name, t)]}>
          <Input autoComplete="off" data-testid="robot-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('delivery.robotKind')} required>
          <Select options={ROBOT_KINDS.map((k) => ({ value: k, label: t(`delivery.kind.${k}`) }))} data-testid="robot-kind" />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t('delivery.webhookUrl')} required rules={[zodRule(FIELD.webhookUrl, t)]}>
          <Input autoComplete="off" inputMode="url" placeholder="https://" data-testid="robot-webhook" />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('delivery.secret')}
          extra={robot?.hasSecret ? t('delivery.secretSaved') : t('delivery.secretHelp')}
        >
          <Input.Password autoComplete="new-password" disabled={removeSecret} data-testid="robot-secret" />
        </Form.Item>
        {robot?.hasSecret && (
          <Form.Item name="removeSecret" valuePropName="checked">
            <Checkbox data-testid="robot-remove-secret">{t('delivery.removeSecret')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="notificationKinds" label={t('delivery.routedKinds')} extra={t('delivery.routedKindsHelp')}>
          <Checkbox.Group
            data-testid="robot-kinds"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 8 }}
          >
            {NOTIFICATION_KINDS.map((k) => (
              <Checkbox key={k} value={k}>
                {t(`notifications.kind.${k}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="active" label={t('delivery.robotActive')} valuePropName="checked">
          <Switch data-testid="robot-active" />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}
