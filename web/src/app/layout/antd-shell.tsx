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
 * antd's theme and locale, around the signed-in frame only: the first screen (sign-in, loading,
 * errors; app/shell.css) is drawn without antd, so a phone loads antd after sign-in, not before.
 */
export function AntdShell({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={pick({ zh: zhCN, en: enUS }, locale)} theme={APP_THEME}>
      {children}
    </ConfigProvider>
  );
}
