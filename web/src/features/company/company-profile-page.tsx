import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Spin, Typography, Upload } from 'antd';
import { COMPANY_LOGO_MAX_BYTES } from '@contract/company';
import { isApiError } from '../../api/api-error';
import {
  useCompanyLogoUrl,
  useCompanyProfile,
  useRemoveCompanyLogo,
  useUpdateCompanyProfile,
  useUploadCompanyLogo,
} from '../../api/company.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';

/** 系统管理 → 公司信息: the name and logo every printed form carries (R-FORM-1). */
export function CompanyProfilePage() {
  const { t, locale } = useLocale();
  const errorText = useErrorText();
  const notify = useNotify();
  const profile = useCompanyProfile();
  const logoUrl = useCompanyLogoUrl(profile.data);
  const save = useUpdateCompanyProfile();
  const upload = useUploadCompanyLogo();
  const remove = useRemoveCompanyLogo();
  const [form] = Form.useForm<{ name: string }>();

  if (profile.isError) return <Alert type="error" showIcon title={errorText(profile.error)} />;
  if (!profile.data) return <Spin />;
  const p = profile.data;

  return (
    <Card title={t('company.title')} data-testid="company-profile">
      <Flex vertical gap={24} style={{ maxWidth: 560 }}>
        <Typography.Paragraph type="secondary">{t('company.intro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: p.name }}
          disabled={save.isPending}
          onFinish={(v) =>
            save.mutate(
              { version: p.version, name: v.name },
              {
                onSuccess: () => notify.success(t('company.saved')),
                onError: (err) => {
                  if (!showErrorsOnFields(form, err, locale, { fields: ['name'] })) notify.error(err);
                },
              },
            )
          }
        >
          <Form.Item
            name="name"
            label={t('company.name')}
            rules={[{ required: true, whitespace: true, message: t('company.nameRequired') }]}
          >
            <Input maxLength={100} data-testid="company-name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="company-save">
            {t('common.save')}
          </Button>
        </Form>
        <section>
          <Typography.Title level={5}>{t('company.logo')}</Typography.Title>
          <Flex vertical gap={12}>
            {p.hasLogo && logoUrl.data ? (
              <img
                src={logoUrl.data}
                alt={t('company.logo')}
                style={{ maxHeight: 80, maxWidth: 240, objectFit: 'contain' }}
                data-testid="company-logo"
              />
            ) : (
              <Typography.Text type="secondary">{t('company.noLogo')}</Typography.Text>
            )}
            <Flex gap={8} wrap>
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                beforeUpload={(file) => {
                  if (file.size > COMPANY_LOGO_MAX_BYTES) notify.error(new Error(t('company.logoTooLarge')));
                  else
                    upload.mutate(file, {
                      onSuccess: () => notify.success(t('company.saved')),
                      // The refusal names what is wrong with the file (type, size): show that, not only "invalid".
                      onError: (err) => notify.error(isApiError(err) && err.issues[0] ? new Error(err.issues[0].message) : err),
                    });
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="company-logo-upload">
                  {t('company.uploadLogo')}
                </Button>
              </Upload>
              {p.hasLogo && (
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  loading={remove.isPending}
                  onClick={() => remove.mutate(undefined, { onError: notify.error })}
                >
                  {t('company.removeLogo')}
                </Button>
              )}
            </Flex>
            <Typography.Text type="secondary">{t('company.logoHint')}</Typography.Text>
          </Flex>
        </section>
      </Flex>
    </Card>
  );
}
