import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { useCurrentUser } from '../../api/me.hooks';
import { MessageProvider } from '../../ui/message';
import { lazyWithAntd } from '../../ui/lazy-with-antd';
import { useIsPhone } from '../../ui/use-is-phone';
import { useT } from '../locale-context';
import { findNavPage } from '../navigation';
import { AppHeader, HEADER_HEIGHT } from './app-header';

// The menu (its icons) and the phone's menu drawer (antd's Drawer) load apart from the frame: a
// phone opening the work page downloads them only when the menu is opened.
const SideMenu = lazy(() => import('./side-menu').then((m) => ({ default: m.SideMenu })));
const PhoneMenu = lazyWithAntd(() => import('./phone-menu').then((m) => m.PhoneMenu));

const COLLAPSED_KEY = 'fuwu.sider.collapsed';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The signed-in frame: drawn with plain elements (app/shell.css), not antd's Layout, so that the
 * engineer's phone shows its work before antd has loaded. Pages drawn with antd get its theme and
 * locale from their route (router.tsx); the frame's own antd parts load with it (lazyWithAntd).
 * Header, menu by rulebook area (a drawer on phones), and the page.
 */
export function AppLayout() {
  const me = useCurrentUser();
  const t = useT();
  const isPhone = useIsPhone();
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
      <div className="fuwu-frame">
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
        <div className="fuwu-frame-body">
          {!isPhone && (
            <aside
              className={collapsed ? 'fuwu-sider fuwu-sider-collapsed' : 'fuwu-sider'}
              style={{ top: HEADER_HEIGHT, height: `calc(100vh - ${HEADER_HEIGHT}px)` }}
              data-testid="sider"
            >
              <div className="fuwu-sider-menu">
                <Suspense>
                  <SideMenu permissions={me.permissions} collapsed={collapsed} />
                </Suspense>
              </div>
              <button
                type="button"
                className="fuwu-sider-trigger"
                onClick={() => toggleCollapsed(!collapsed)}
                aria-label={t(collapsed ? 'nav.expand' : 'nav.collapse')}
                aria-expanded={!collapsed}
                data-testid="sider-toggle"
              >
                {collapsed ? <RightOutlined /> : <LeftOutlined />}
              </button>
            </aside>
          )}
          {isPhone && drawerOpened && (
            <Suspense>
              <PhoneMenu open={drawerOpen} onClose={closeDrawer} permissions={me.permissions} />
            </Suspense>
          )}
          <main className={isPhone ? 'fuwu-content fuwu-content-phone' : 'fuwu-content'}>
            <Outlet />
          </main>
        </div>
      </div>
    </MessageProvider>
  );
}
