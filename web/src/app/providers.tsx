import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { type ReactNode, useEffect, useState } from 'react';
import { pick } from '@contract/bilingual';
import { isApiError } from '../api/api-error';
import { setSessionLostHandler } from '../api/client';
import { markSessionLost, useMe } from '../api/me.hooks';
import { LocaleProvider, useLocale } from './locale-context';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors (4xx) will not fix themselves; retry only network and server failures.
        retry: (failures, err) => failures < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
      },
    },
  });
}

/** After sign-in, the language stored on the server for this user wins over the browser's. */
function FollowUserLocale() {
  const me = useMe().data;
  const { setLocale } = useLocale();
  const serverLocale = me?.locale;
  useEffect(() => {
    if (serverLocale) setLocale(serverLocale);
  }, [serverLocale, setLocale]);
  return null;
}

function AntdShell({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={pick({ zh: zhCN, en: enUS }, locale)} theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
      {children}
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);

  useEffect(() => {
    setSessionLostHandler(() => markSessionLost(queryClient));
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <FollowUserLocale />
        <AntdShell>{children}</AntdShell>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
