import { Button, Flex, Form, Input, Modal } from 'antd';
import { type TUser, ZResetPassword } from '@contract/users';
import { useResetUserPassword } from '../../api/users.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { showErrorsOnFields, zodRule } from '../../ui/zod-form';

interface Values {
  password: string;
  confirm: string;
}

/** An administrator sets a new password for someone; the server signs them out everywhere. */
export function ResetPasswordModal({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const reset = useResetUserPassword();
  const notify = useNotify();
  const isPhone = useIsPhone();

  function submit({ password }: Values) {
    reset.mutate(
      { id: user.id, body: { password } },
      {
        onSuccess: () => {
          notify.success(t('password.resetDone'));
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: ['password'] })) notify.error(err);
        },
      },
    );
  }

  return (
    <Modal
      open
      title={t('password.resetTitle', { name: user.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={isPhone ? '100%' : 420}
      data-testid="reset-password-modal"
    >
      <p style={{ marginTop: 0 }}>{t('password.resetHint')}</p>
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={reset.isPending}>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.hint')}
          required
          rules={[zodRule(ZResetPassword.shape.password, t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={reset.isPending} data-testid="reset-password-submit">
            {t('common.ok')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
