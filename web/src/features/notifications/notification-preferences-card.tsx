import { Alert, Card, Checkbox, Flex, Typography } from 'antd';
import { NOTIFICATION_KINDS, type TNotificationKind } from '@contract/notifications';
import { useNotificationPreferences, useUpdateNotificationPreferences } from '../../api/notification-delivery.hooks';
import { useT } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';

/**
 * 接收方式: in the app always; by e-mail for each kind the user leaves ticked (all, unless they
 * untick some). Unavailable when the server sends no e-mail.
 */
export function NotificationPreferencesCard() {
  const t = useT();
  const notify = useNotify();
  const prefs = useNotificationPreferences();
  const save = useUpdateNotificationPreferences();
  const off = new Set<TNotificationKind>(prefs.data?.emailOff ?? []);
  const available = prefs.data?.emailAvailable ?? false;

  function toggle(kind: TNotificationKind, on: boolean) {
    const next = NOTIFICATION_KINDS.filter((k) => (k === kind ? !on : off.has(k)));
    save.mutate({ emailOff: next }, { onSuccess: () => notify.success(t('delivery.preferencesSaved')), onError: notify.error });
  }

  return (
    <Card title={t('delivery.preferences')} size="small" data-testid="notification-preferences">
      <QueryErrorAlert query={prefs} />
      <Typography.Paragraph type="secondary">{t('delivery.preferencesHelp')}</Typography.Paragraph>
      {prefs.data && !available && <Alert type="info" showIcon title={t('delivery.emailUnavailable')} style={{ marginBottom: 12 }} />}
      <Flex wrap gap={16}>
        {NOTIFICATION_KINDS.map((k) => (
          <Checkbox
            key={k}
            checked={!off.has(k)}
            disabled={!available || save.isPending}
            onChange={(e) => toggle(k, e.target.checked)}
            data-testid={`preference-email-${k}`}
          >
            {t('delivery.emailFor', { kind: t(`notifications.kind.${k}`) })}
          </Checkbox>
        ))}
      </Flex>
    </Card>
  );
}
