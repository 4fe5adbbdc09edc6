import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZAuditEntry, ZAuditQuery } from '@contract/audit';
import { apiFetch, type TPageOf } from './client';

/** The query as the server reads it (defaults applied). */
export type TAuditListQuery = z.infer<typeof ZAuditQuery>;

export const auditKeys = {
  all: () => ['audit'] as const,
  lists: () => [...auditKeys.all(), 'list'] as const,
  list: (query: TAuditListQuery) => [...auditKeys.lists(), query] as const,
};

export function useAuditTrail(query: TAuditListQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZAuditEntry>>('/api/audit', { query, signal }),
    placeholderData: keepPreviousData,
  });
}
