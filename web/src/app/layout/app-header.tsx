import { MenuOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useCan } from '../../api/me.hooks';
import { NotificationBell } from '../../features/notifications/notification-bell';
import { GlobalSearch } from '../../features/search/global-search';
import { LanguageSwitch } from '../../ui/language-switch';
import { LightButton } from '../../ui/light-button';
import { useNotify } from '../../ui/notify';
import { useT } from '../locale-context';
import { UserMenu } from './user-menu';

export const HEADER_HEIGHT = 56;

/** The frame's header, plain elements (app/shell.css): what opens from it loads with antd on first use. */
export function AppHeader({ isPhone, onOpenMenu }: { isPhone: boolean; onOpenMenu: () => void }) {
  const t = useT();
  const notify = useNotify();
  const canSearch = useCan('search.use');
  const canSeeNotifications = useCan('notifications.read');
  return (
    <header className={isPhone ? 'fuwu-header fuwu-header-phone' : 'fuwu-header'} style={{ height: HEADER_HEIGHT }}>
      {isPhone && (
        <LightButton type="text" icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('nav.open')} data-testid="nav-toggle" />
      )}
      <Link to="/" className="fuwu-app-name" data-testid="app-name">
        {t('app.name')}
      </Link>
      <div style={{ flex: 1 }} />
      {canSearch && <GlobalSearch compact={isPhone} />}
      {canSeeNotifications && <NotificationBell />}
      <LanguageSwitch onSaveError={notify.error} />
      <UserMenu compact={isPhone} />
    </header>
  );
}
