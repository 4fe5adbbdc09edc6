import { BellOutlined } from '@ant-design/icons';
import { forwardRef, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useUnreadNotificationCount } from '../../api/notifications.hooks';
import { useT } from '../../app/locale-context';
import { LightButton, type LightButtonProps } from '../../ui/light-button';
import { lazyWithAntd } from '../../ui/lazy-with-antd';
import { useIsPhone } from '../../ui/use-is-phone';

// The pop-over with its panel (the list, its pagination and select) loads when first opened: the
// header shows the bell and its count only until then.
const NotificationPopover = lazyWithAntd(() => import('./notification-popover').then((m) => m.NotificationPopover));

/** Past this the badge says "99+". */
const OVERFLOW = 99;

/** The bell with its unread count, a plain button (app/shell.css); the pop-over wraps it once loaded. */
export const BellButton = forwardRef<HTMLButtonElement | HTMLAnchorElement, LightButtonProps & { count: number }>(function BellButton(
  { count, ...props },
  ref,
) {
  const t = useT();
  const shown = count > OVERFLOW ? `${OVERFLOW}+` : String(count);
  return (
    // The label says what the badge shows ("99+" past 99), so the accessible name contains the visible text.
    <LightButton ref={ref} type="text" aria-label={t('notifications.bell', { count: shown })} data-testid="notifications-bell" {...props}>
      <span className="fuwu-badge" data-testid="notifications-count" data-count={count}>
        {/* The button names itself (with the count); the icon's own name ("bell") would not match it. */}
        <BellOutlined style={{ fontSize: 18 }} aria-hidden />
        {count > 0 && <sup className="fuwu-badge-count">{shown}</sup>}
      </span>
    </LightButton>
  );
});

/** The header's bell: unread count (asked every minute), the latest notifications, read all. */
export function NotificationBell() {
  const [wanted, setWanted] = useState(false);
  const unread = useUnreadNotificationCount();
  const count = unread.data?.count ?? 0;
  const isPhone = useIsPhone();
  const navigate = useNavigate();

  // A phone has no room for a pop-over beside the bell (it was cut off at the left): the bell opens the page.
  if (isPhone) return <BellButton count={count} onClick={() => navigate('/notifications')} />;
  const bell = <BellButton count={count} onClick={() => setWanted(true)} />;
  if (!wanted) return bell;
  return (
    <Suspense fallback={bell}>
      <NotificationPopover count={count} />
    </Suspense>
  );
}
