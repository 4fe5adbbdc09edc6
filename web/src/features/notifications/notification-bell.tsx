import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TNotification } from '@contract/notifications';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useUnreadNotificationCount,
} from '../../api/notifications.hooks';
import { useT } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { notificationHref } from './notification-link';
import { NotificationList } from './notification-list';

/** The header's bell: unread count (asked every minute), the latest notifications, read all. */
export function NotificationBell() {
  const t = useT();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const unread = useUnreadNotificationCount();
  const latest = useNotifications({ page: 1, pageSize: 8 }, { enabled: open });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const count = unread.data?.count ?? 0;

  function openOne(n: TNotification) {
    if (n.readAt === null) markRead.mutate(n.id, { onError: notify.error });
    const href = notificationHref(n);
    setOpen(false);
    navigate(href ?? '/notifications');
  }

  const panel = (
    <div style={{ width: isPhone ? 'calc(100vw - 32px)' : 360 }} data-testid="notifications-panel">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={count === 0}
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
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notifications-all">
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={panel} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button type="text" aria-label={t('notifications.bell', { count })} data-testid="notifications-bell">
        <Badge count={count} size="small" overflowCount={99} data-testid="notifications-count" data-count={count}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
