import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { setSessionLostHandler } from '../api/client';
import { markSessionLost, useMe } from '../api/me.hooks';
import { LocaleProvider, useLocale } from './locale-context';
import { queryClient } from './query-client';

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
  useEffect(() => {
    setSessionLostHandler(() => markSessionLost(queryClient));
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <FollowUserLocale />
        {children}
      </LocaleProvider>
    </QueryClientProvider>
  );
}
