import { Layout, theme } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { useCurrentUser } from '../../api/me.hooks';
import { MessageProvider } from '../../ui/message';
import { useIsPhone } from '../../ui/use-is-phone';
import { useT } from '../locale-context';
import { findNavPage } from '../navigation';
import { AntdShell } from './antd-shell';
import { AppHeader, HEADER_HEIGHT } from './app-header';

// The menu (antd's Menu and the icons) and the phone's menu drawer load apart from the frame: a
// phone opening the work page downloads them only when the menu is opened.
const SideMenu = lazy(() => import('./side-menu').then((m) => ({ default: m.SideMenu })));
const PhoneMenu = lazy(() => import('./phone-menu').then((m) => ({ default: m.PhoneMenu })));

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
  // Once opened, the drawer stays mounted so that it can animate closed and open again.
  const [drawerOpened, setDrawerOpened] = useState(false);

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
        <AppHeader
          isPhone={isPhone}
          onOpenMenu={() => {
            setDrawerOpen(true);
            setDrawerOpened(true);
          }}
        />
        {navigation.state === 'loading' && (
          <div
            className="fuwu-loading-bar"
            style={{ top: HEADER_HEIGHT - 2 }}
            role="progressbar"
            aria-label={t('app.loading')}
            data-testid="navigation-progress"
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
              <Suspense>
                <SideMenu permissions={me.permissions} />
              </Suspense>
            </Layout.Sider>
          )}
          {isPhone && drawerOpened && (
            <Suspense>
              <PhoneMenu open={drawerOpen} onClose={closeDrawer} permissions={me.permissions} />
            </Suspense>
          )}
          <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </MessageProvider>
  );
}
