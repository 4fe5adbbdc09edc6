import { Button, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { TNotification } from '@contract/notifications';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../../api/notifications.hooks';
import { useT } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { notificationHref } from './notification-link';
import { NotificationList } from './notification-list';

/** The bell's panel: the latest notifications, read all, the way to the full list. */
export function NotificationPanel({ unread, onClose }: { unread: number; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const notify = useNotify();
  const latest = useNotifications({ page: 1, pageSize: 8 });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();

  function openOne(n: TNotification) {
    if (n.readAt === null) markRead.mutate(n.id, { onError: notify.error });
    const href = notificationHref(n);
    onClose();
    navigate(href ?? '/notifications');
  }

  return (
    <div style={{ width: isPhone ? 'calc(100vw - 32px)' : 360 }} data-testid="notifications-panel">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: notify.error })}
          data-testid="notifications-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        <NotificationList items={latest.data?.items ?? []} loading={latest.isLoading} onOpen={openOne} compact />
      </div>
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/notifications" onClick={() => onClose()} data-testid="notifications-all">
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );
}
