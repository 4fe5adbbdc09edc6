import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, theme } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isSessionLost, useLogin, useMe } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { safeNextPath } from '../../app/route-guards';
import { useErrorText } from '../../ui/error-text';
import { LanguageSwitch } from '../../ui/language-switch';
import { showErrorsOnFields } from '../../ui/zod-form';

interface LoginValues {
  email: string;
  password: string;
}

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const { t, locale } = useLocale();
  const { token } = theme.useToken();
  const me = useMe();
  const login = useLogin();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const next = safeNextPath(params.get('next'));

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (me.data) return <Navigate to={next} replace />;

  function submit(values: LoginValues) {
    login.mutate(values, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (err) => showErrorsOnFields(form, err, locale, { fields: FIELDS }),
    });
  }

  // Field-level problems are shown on the fields; the rest (wrong password, locked) above the form.
  const showAlert = login.isError && !(login.error as { issues?: unknown[] }).issues?.length;

  return (
    <Flex vertical style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: 12 }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="flex-start" justify="center" style={{ padding: '6vh 16px 24px' }}>
        {/* A plain panel rather than antd's Card, whose tabs and menus the sign-in page would otherwise load. */}
        <main
          style={{
            width: '100%',
            maxWidth: 400,
            padding: 28,
            boxSizing: 'border-box',
            background: token.colorBgContainer,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowTertiary,
          }}
        >
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <h1 style={{ margin: 0, fontSize: 26, fontWeight: 600, color: token.colorText }}>{t('app.name')}</h1>
            <div style={{ marginTop: 4, color: token.colorTextSecondary }}>{t('app.tagline')}</div>
          </div>
          {isSessionLost() && !login.isError && (
            <Alert type="info" showIcon title={t('login.sessionEnded')} style={{ marginBottom: 16 }} data-testid="login-session-ended" />
          )}
          {showAlert && (
            <Alert type="error" showIcon title={errorText(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Form<LoginValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={login.isPending}>
            <Form.Item
              name="email"
              label={t('login.email')}
              rules={[{ required: true, whitespace: true, message: t('login.emailRequired') }]}
            >
              <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" autoFocus size="large" data-testid="login-email" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </main>
      </Flex>
    </Flex>
  );
}
