import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCloseEscalation, TEscalation, TEscalationQuery, TRaiseEscalation, ZEscalation } from '@contract/escalations';
import { apiFetch, type TPageOf } from './client';
import { serviceRequestKeys } from './service-requests.hooks';

export type TEscalationListQuery = TEscalationQuery;
export type TEscalationPage = TPageOf<typeof ZEscalation>;

export const escalationKeys = {
  all: () => ['escalations'] as const,
  lists: () => [...escalationKeys.all(), 'list'] as const,
  list: (query: TEscalationListQuery) => [...escalationKeys.lists(), query] as const,
  details: () => [...escalationKeys.all(), 'detail'] as const,
  detail: (id: number) => [...escalationKeys.details(), id] as const,
};

export function useEscalations(query: TEscalationListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: escalationKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TEscalationPage>('/api/escalations', { query, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useEscalation(id: number | undefined) {
  return useQuery({
    queryKey: escalationKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TEscalation>(`/api/escalations/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

function useEscalationWritten() {
  const qc = useQueryClient();
  return (e: TEscalation) => {
    qc.setQueryData(escalationKeys.detail(e.id), e);
    return Promise.all([
      qc.invalidateQueries({ queryKey: escalationKeys.lists() }),
      // The request's history lists its escalations.
      qc.invalidateQueries({ queryKey: serviceRequestKeys.history(e.serviceRequest.id) }),
    ]);
  };
}

/** R-EMER-9: call the technical manager about a service request. */
export function useRaiseEscalation() {
  const written = useEscalationWritten();
  return useMutation({
    mutationFn: ({ serviceRequestId, body }: { serviceRequestId: number; body: TRaiseEscalation }) =>
      apiFetch<TEscalation>(`/api/service-requests/${serviceRequestId}/escalations`, { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useAcknowledgeEscalation() {
  const qc = useQueryClient();
  const written = useEscalationWritten();
  return useMutation({
    mutationFn: (id: number) => apiFetch<TEscalation>(`/api/escalations/${id}/acknowledge`, { method: 'POST', body: {} }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: escalationKeys.all() }),
  });
}

/** R-ORG-3: a complaint cannot close without an improvement measure. */
export function useCloseEscalation() {
  const qc = useQueryClient();
  const written = useEscalationWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TCloseEscalation }) =>
      apiFetch<TEscalation>(`/api/escalations/${id}/close`, { method: 'POST', body }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: escalationKeys.all() }),
  });
}
