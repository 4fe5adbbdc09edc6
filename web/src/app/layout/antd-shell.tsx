import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { pick } from '@contract/bilingual';
import { useLocale } from '../locale-context';
import { THEME } from './theme';
// antd's styles for THEME, written at build time (web/antd-static-css.ts).
import 'virtual:antd-static.css';

/**
 * The theme with `zeroRuntime`: antd draws with the prebuilt stylesheet above and generates no
 * style in the browser, which on a phone was a fifth of the main thread's work at first render.
 */
const APP_THEME = { ...THEME, zeroRuntime: true };

/**
 * antd's theme and locale, around each page and part drawn with antd (router.tsx,
 * ui/lazy-with-antd.tsx). The first screen (sign-in, loading, errors), the signed-in frame and the
 * engineer's field pages are drawn without antd (app/shell.css), so a phone loads antd when a part
 * needs it, not before its work shows.
 */
export function AntdShell({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={pick({ zh: zhCN, en: enUS }, locale)} theme={APP_THEME}>
      {children}
    </ConfigProvider>
  );
}
