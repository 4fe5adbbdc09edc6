import { useQuery } from '@tanstack/react-query';
import type { TWorkbench } from '@contract/workbench';
import { apiFetch } from './client';

export const workbenchKeys = { all: () => ['workbench'] as const };

/** The home page's cards for the signed-in user's roles; refreshed every minute while open. */
export function useWorkbench() {
  return useQuery({
    queryKey: workbenchKeys.all(),
    queryFn: ({ signal }) => apiFetch<TWorkbench>('/api/workbench', { signal }),
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}
