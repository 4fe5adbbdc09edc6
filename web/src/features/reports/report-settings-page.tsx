import { Alert, Button, Card, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import { z } from 'zod';
import { useReportSettings, useSaveReportSettings } from '../../api/reports.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = z.email().max(200);
const MAX_ADDRESSES = 50;

interface TValues {
  weeklyDueTime: string;
  mailTo: string[];
}

/**
 * 系统管理 → 报表设置: when the engineers' weekly report is due (Friday, at this time in the
 * company's zone; default 17:00) and who receives the weekly record and the monthly summary by e-mail.
 */
export function ReportSettingsPage() {
  const { t, locale } = useLocale();
  const errorText = useErrorText();
  const notify = useNotify();
  const settings = useReportSettings();
  const save = useSaveReportSettings();
  const [form] = Form.useForm<TValues>();

  if (settings.isError) return <Alert type="error" showIcon title={errorText(settings.error)} />;
  if (!settings.data) return <Spin />;

  return (
    <Card title={t('reportSettings.title')} data-testid="report-settings">
      <Flex vertical gap={16} style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t('reportSettings.intro')}</Typography.Paragraph>
        <Form<TValues>
          form={form}
          layout="vertical"
          initialValues={settings.data}
          disabled={save.isPending}
          onFinish={(v) =>
            save.mutate(
              { weeklyDueTime: v.weeklyDueTime.trim(), mailTo: v.mailTo.map((m) => m.trim()) },
              {
                onSuccess: (r) => {
                  form.setFieldsValue(r);
                  notify.success(t('reportSettings.saved'));
                },
                onError: (err) => {
                  if (!showErrorsOnFields(form, err, locale, { fields: ['weeklyDueTime', 'mailTo'] })) notify.error(err);
                },
              },
            )
          }
        >
          <Form.Item
            name="weeklyDueTime"
            label={t('reportSettings.weeklyDueTime')}
            extra={t('reportSettings.weeklyDueTimeHint')}
            required
            rules={[
              {
                validator: async (_r, value: unknown) => {
                  const v = typeof value === 'string' ? value.trim() : '';
                  if (!v) throw new Error(t('reportSettings.timeRequired'));
                  if (!TIME.test(v)) throw new Error(t('reportSettings.badTime', { value: v }));
                },
              },
            ]}
          >
            <Input
              prefix={t('reportSettings.friday')}
              placeholder="17:00"
              maxLength={5}
              style={{ width: 220 }}
              data-testid="report-due-time"
            />
          </Form.Item>
          <Form.Item
            name="mailTo"
            label={t('reportSettings.mailTo')}
            extra={t('reportSettings.mailToHint')}
            rules={[
              {
                validator: async (_r, value: unknown) => {
                  const list = Array.isArray(value) ? (value as string[]) : [];
                  const bad = list.filter((m) => !EMAIL.safeParse(m.trim()).success);
                  if (bad.length > 0) throw new Error(t('reportSettings.badEmail', { value: bad.join('、') }));
                  if (list.length > MAX_ADDRESSES) throw new Error(t('reportSettings.tooMany', { n: MAX_ADDRESSES }));
                },
              },
            ]}
          >
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={[',', ';', '，', '；', ' ', '\n']}
              placeholder={t('reportSettings.mailToPlaceholder')}
              data-testid="report-mail-to"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="report-settings-save">
            {t('common.save')}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}
