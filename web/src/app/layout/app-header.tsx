import { MenuOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, theme } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../api/me.hooks';
import { NotificationBell } from '../../features/notifications/notification-bell';
import { GlobalSearch } from '../../features/search/global-search';
import { LanguageSwitch } from '../../ui/language-switch';
import { useNotify } from '../../ui/notify';
import { useT } from '../locale-context';
import { UserMenu } from './user-menu';

export const HEADER_HEIGHT = 56;

export function AppHeader({ isPhone, onOpenMenu }: { isPhone: boolean; onOpenMenu: () => void }) {
  const t = useT();
  const { token } = theme.useToken();
  const notify = useNotify();
  const canSearch = useCan('search.use');
  const canSeeNotifications = useCan('notifications.read');
  return (
    <Layout.Header
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 20,
        height: HEADER_HEIGHT,
        lineHeight: `${HEADER_HEIGHT}px`,
        paddingInline: isPhone ? 8 : 20,
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <Flex align="center" gap={8} style={{ height: '100%' }}>
        {isPhone && <Button type="text" icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('nav.open')} data-testid="nav-toggle" />}
        <Link to="/" style={{ color: token.colorText, fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }} data-testid="app-name">
          {t('app.name')}
        </Link>
        <div style={{ flex: 1 }} />
        {canSearch && <GlobalSearch compact={isPhone} />}
        {canSeeNotifications && <NotificationBell />}
        <LanguageSwitch onSaveError={notify.error} />
        <UserMenu compact={isPhone} />
      </Flex>
    </Layout.Header>
  );
}
