import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { pick } from '@contract/bilingual';
import { useLocale } from '../locale-context';

/**
 * Contrast to WCAG AA (4.5:1 for text). Links take the primary blue (5.2:1 on white); antd's own
 * link blue (#1677ff) is 4.1:1. A tag writes its text in the 7th shade of its colour on the 1st,
 * which for green, cyan, gold, orange and volcano (and the success / warning / error states) is
 * 2.3–3.7:1: their tags write in the 8th shade instead (4.6–6:1), in Tag only.
 */
const THEME = {
  token: { colorPrimary: '#1668dc', colorLink: '#1668dc', borderRadius: 6 },
  components: {
    Tag: {
      green7: '#237804',
      cyan7: '#006d75',
      gold7: '#ad6800',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
      colorSuccess: '#237804',
      colorWarning: '#ad6800',
      colorError: '#cf1322',
    },
  },
};

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
