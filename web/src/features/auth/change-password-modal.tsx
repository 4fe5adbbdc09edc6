import { Button, Flex, Form, Input, Modal } from 'antd';
import { ZChangePassword } from '@contract/users';
import { useChangePassword } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { showErrorsOnFields, zodRule } from '../../ui/zod-form';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const notify = useNotify();
  const isPhone = useIsPhone();

  function submit({ currentPassword, newPassword }: Values) {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notify.success(t('password.changed'));
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: FIELDS, codeToField: { AUTH_WRONG_PASSWORD: 'currentPassword' } }))
            notify.error(err);
        },
      },
    );
  }

  return (
    <Modal
      open={open}
      title={t('account.changePassword')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={isPhone ? '100%' : 420}
      data-testid="change-password-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={change.isPending}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.hint')}
          rules={[{ required: true, message: t('validation.required') }, zodRule(ZChangePassword.shape.newPassword, t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
