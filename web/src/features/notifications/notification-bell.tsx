import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useUnreadNotificationCount } from '../../api/notifications.hooks';
import { useT } from '../../app/locale-context';

// The panel (the list, its pagination and select) loads when first opened: a phone showing the
// engineer's work page downloads the bell and its count only.
const NotificationPanel = lazy(() => import('./notification-panel').then((m) => ({ default: m.NotificationPanel })));

/** The header's bell: unread count (asked every minute), the latest notifications, read all. */
export function NotificationBell() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const unread = useUnreadNotificationCount();
  const count = unread.data?.count ?? 0;

  return (
    <Popover
      content={
        open && (
          <Suspense>
            <NotificationPanel unread={count} onClose={() => setOpen(false)} />
          </Suspense>
        )
      }
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      arrow={false}
    >
      <Button type="text" aria-label={t('notifications.bell', { count })} data-testid="notifications-bell">
        <Badge count={count} size="small" overflowCount={99} data-testid="notifications-count" data-count={count}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
