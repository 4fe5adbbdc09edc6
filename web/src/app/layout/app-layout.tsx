import { Drawer, Layout, Progress, theme } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { useCurrentUser } from '../../api/me.hooks';
import { MessageProvider } from '../../ui/message';
import { useIsPhone } from '../../ui/use-is-phone';
import { useT } from '../locale-context';
import { findNavPage } from '../navigation';
import { AntdShell } from './antd-shell';
import { AppHeader, HEADER_HEIGHT } from './app-header';
import { SideMenu } from './side-menu';

const COLLAPSED_KEY = 'fuwu.sider.collapsed';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** The signed-in frame, inside antd's theme and locale. */
export function AppLayout() {
  return (
    <AntdShell>
      <AppFrame />
    </AntdShell>
  );
}

/** Header, menu by rulebook area (a drawer on phones), and the page. */
function AppFrame() {
  const me = useCurrentUser();
  const t = useT();
  const isPhone = useIsPhone();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const closeDrawer = useCallback(() => setDrawerOpen(false), []);

  useEffect(() => {
    const page = findNavPage(pathname);
    document.title = page ? `${t(page.label)} · ${t('app.name')}` : t('app.name');
  }, [pathname, t]);

  function toggleCollapsed(next: boolean) {
    setCollapsed(next);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0');
    } catch {
      // not remembered; harmless
    }
  }

  // The toasts' context lives here rather than in the providers: the sign-in page shows none.
  return (
    <MessageProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <AppHeader isPhone={isPhone} onOpenMenu={() => setDrawerOpen(true)} />
        {navigation.state === 'loading' && (
          <Progress
            percent={100}
            status="active"
            showInfo={false}
            size={{ height: 2 }}
            style={{ position: 'fixed', top: HEADER_HEIGHT - 8, left: 0, right: 0, zIndex: 30, margin: 0, lineHeight: 0 }}
            aria-label={t('app.loading')}
          />
        )}
        <Layout>
          {!isPhone && (
            <Layout.Sider
              theme="light"
              width={224}
              collapsible
              collapsed={collapsed}
              onCollapse={toggleCollapsed}
              style={{
                position: 'sticky',
                top: HEADER_HEIGHT,
                height: `calc(100vh - ${HEADER_HEIGHT}px)`,
                overflow: 'auto',
                borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
              }}
            >
              <SideMenu permissions={me.permissions} />
            </Layout.Sider>
          )}
          {isPhone && (
            <Drawer
              placement="left"
              open={drawerOpen}
              onClose={closeDrawer}
              size={264}
              title={t('app.name')}
              styles={{ body: { padding: 0 } }}
              data-testid="nav-drawer"
            >
              <SideMenu permissions={me.permissions} onNavigate={closeDrawer} />
            </Drawer>
          )}
          <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </MessageProvider>
  );
}
