import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
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

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);

  useEffect(() => {
    setSessionLostHandler(() => markSessionLost(queryClient));
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <FollowUserLocale />
        {children}
      </LocaleProvider>
    </QueryClientProvider>
  );
}
