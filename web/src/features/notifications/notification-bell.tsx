import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useUnreadNotificationCount } from '../../api/notifications.hooks';
import { useNavigate } from 'react-router';
import { useT } from '../../app/locale-context';
import { useIsPhone } from '../../ui/use-is-phone';

// The panel (the list, its pagination and select) loads when first opened: a phone showing the
// engineer's work page downloads the bell and its count only.
const NotificationPanel = lazy(() => import('./notification-panel').then((m) => ({ default: m.NotificationPanel })));

/** The header's bell: unread count (asked every minute), the latest notifications, read all. */
const OVERFLOW = 99;

export function NotificationBell() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const unread = useUnreadNotificationCount();
  const count = unread.data?.count ?? 0;
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  // The label says what the badge shows ("99+" past 99), so the accessible name contains the visible text.
  const label = t('notifications.bell', { count: count > OVERFLOW ? `${OVERFLOW}+` : count });
  const bell = (
    <Badge count={count} size="small" overflowCount={OVERFLOW} data-testid="notifications-count" data-count={count}>
      {/* The button names itself (with the count); the icon's own name ("bell") would not match it. */}
      <BellOutlined style={{ fontSize: 18 }} aria-hidden />
    </Badge>
  );

  // A phone has no room for a pop-over beside the bell (it was cut off at the left): the bell opens the page.
  if (isPhone)
    return (
      <Button
        type="text"
        aria-label={label}
        data-testid="notifications-bell"
        onClick={() => navigate('/notifications')}
      >
        {bell}
      </Button>
    );

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
      <Button type="text" aria-label={label} data-testid="notifications-bell">
        {bell}
      </Button>
    </Popover>
  );
}
