import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { pick } from '@contract/bilingual';
import { useLocale } from '../locale-context';

/**
 * Links take the primary blue (5.2:1 on white); antd's own link blue (#1677ff, 4.1:1) is below
 * WCAG AA's 4.5:1 for body text.
 */
const THEME = { token: { colorPrimary: '#1668dc', colorLink: '#1668dc', borderRadius: 6 } };

/**
 * antd's theme and locale, around the signed-in frame only: the first screen (sign-in, loading,
 * errors; app/shell.css) is drawn without antd, so a phone loads antd after sign-in, not before.
 */
export function AntdShell({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={pick({ zh: zhCN, en: enUS }, locale)} theme={THEME}>
      {children}
    </ConfigProvider>
  );
}
