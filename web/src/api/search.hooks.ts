import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TSearchKind, TSearchResult } from '@contract/search';
import { apiFetch } from './client';

export interface TSearchParams {
  q: string;
  kinds?: readonly TSearchKind[];
  /** Per group. */
  limit?: number;
}

export const searchKeys = {
  all: () => ['search'] as const,
  query: (p: TSearchParams) => [...searchKeys.all(), p.q, p.kinds?.join(',') ?? '', p.limit ?? 10] as const,
};

export function fetchSearch(p: TSearchParams, signal?: AbortSignal): Promise<TSearchResult> {
  return apiFetch<TSearchResult>('/api/search', { query: { q: p.q, kinds: p.kinds?.join(','), limit: p.limit }, signal });
}

/** Results grouped by kind (customers, contacts, contracts, equipment, documents); idle for an empty query. */
export function useSearch(p: TSearchParams) {
  const q = p.q.trim();
  return useQuery({
    queryKey: searchKeys.query({ ...p, q }),
    queryFn: ({ signal }) => fetchSearch({ ...p, q }, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
