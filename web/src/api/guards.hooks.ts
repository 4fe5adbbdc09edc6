import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TGuardOverrideCount, TGuardOverrideCountQuery, ZGuardOverrideQuery, ZGuardOverrideRecord } from '@contract/guards';
import { apiFetch, type TPageOf } from './client';

export type TGuardOverrideListQuery = z.infer<typeof ZGuardOverrideQuery>;

export const guardKeys = {
  all: () => ['guard-overrides'] as const,
  list: (query: TGuardOverrideListQuery) => [...guardKeys.all(), 'list', query] as const,
  counts: (query: TGuardOverrideCountQuery) => [...guardKeys.all(), 'counts', query] as const,
};

export function useGuardOverrides(query: TGuardOverrideListQuery) {
  return useQuery({
    queryKey: guardKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZGuardOverrideRecord>>('/api/guard-overrides', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useGuardOverrideCounts(query: TGuardOverrideCountQuery) {
  return useQuery({
    queryKey: guardKeys.counts(query),
    queryFn: ({ signal }) => apiFetch<TGuardOverrideCount[]>('/api/guard-overrides/counts', { query, signal }),
  });
}
