import { Alert, Button, Card, Checkbox, Flex, Pagination } from 'antd';
import { useNavigate } from 'react-router';
import type { TNotification } from '@contract/notifications';
import { ZNotificationQuery } from '@contract/notifications';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../../api/notifications.hooks';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { useUrlQuery } from '../../ui/use-url-query';
import { notificationHref } from './notification-link';
import { NotificationList } from './notification-list';
import { NotificationPreferencesCard } from './notification-preferences-card';
import { useCan } from '../../api/me.hooks';

/** 通知: all of mine, newest first; unread only on request; mark one or all read. */
export function NotificationsPage() {
  const { t } = useLocale();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const notify = useNotify();
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery(ZNotificationQuery);
  const list = useNotifications(query);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const canSetPreferences = useCan('notifications.preferences');

  function open(n: TNotification) {
    if (n.readAt === null) markRead.mutate(n.id, { onError: notify.error });
    const href = notificationHref(n);
    if (href) navigate(href);
  }

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('notifications.title')}
        styles={{ body: { padding: isPhone ? 12 : undefined } }}
        data-testid="notifications-page"
        extra={
          <Button
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, { onSuccess: () => notify.success(t('notifications.allRead')), onError: notify.error })
            }
            data-testid="notifications-page-read-all"
          >
            {t('notifications.readAll')}
          </Button>
        }
      >
        <Checkbox
          checked={query.unread === 'true'}
          onChange={(e) => setQuery({ unread: e.target.checked ? 'true' : undefined, page: 1 })}
          style={{ marginBottom: 12 }}
          data-testid="notifications-unread-only"
        >
          {t('notifications.unreadOnly')}
        </Checkbox>
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
        <NotificationList items={list.data?.items ?? []} loading={list.isFetching} onOpen={open} />
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Pagination
            current={query.page}
            pageSize={query.pageSize}
            total={list.data?.total ?? 0}
            showTotal={(total) => t('common.total', { total })}
            onChange={(page, pageSize) => setQuery({ page, pageSize })}
            size={isPhone ? 'small' : undefined}
          />
        </Flex>
      </Card>
      {canSetPreferences && <NotificationPreferencesCard />}
    </Flex>
  );
}
