import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { pick } from '@contract/bilingual';
import { useLocale } from '../locale-context';

/**
 * antd's theme and locale, around the signed-in frame only: the first screen (sign-in, loading,
 * errors; app/shell.css) is drawn without antd, so a phone loads antd after sign-in, not before.
 */
export function AntdShell({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={pick({ zh: zhCN, en: enUS }, locale)} theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
      {children}
    </ConfigProvider>
  );
}
