import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';

/**
 * The app's one query cache. A module, not state of a component, so a route may ask for its data as
 * navigation starts (router.tsx, `prefetch` in navigation.ts), before its page has rendered.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors (4xx) will not fix themselves; retry only network and server failures.
      retry: (failures, err) => failures < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
    },
  },
});
