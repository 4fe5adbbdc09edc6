import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TAgreePmVisit,
  TPmCompletionPage,
  TPmGap,
  TPmPlan,
  TPmPlanQuery,
  TPmPlanSummary,
  TPmVisit,
  TPmVisitQuery,
  TUpdatePmVisit,
  ZGeneratePmPlan,
  ZSendPmPlanResult,
} from '@contract/maintenance';
import { apiFetch, toQueryString } from './client';

type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

export const pmKeys = {
  all: () => ['maintenance'] as const,
  visits: (query: TPmVisitQuery) => [...pmKeys.all(), 'visits', query] as const,
  visit: (id: number) => [...pmKeys.all(), 'visit', id] as const,
  plans: (query: TPmPlanQuery) => [...pmKeys.all(), 'plans', query] as const,
  contractPlan: (contractId: number) => [...pmKeys.all(), 'contract-plan', contractId] as const,
  gaps: () => [...pmKeys.all(), 'gaps'] as const,
  completion: (q: { year?: number; contractId?: number; page?: number; pageSize?: number }) => [...pmKeys.all(), 'completion', q] as const,
};

export function usePmVisits(query: TPmVisitQuery) {
  return useQuery({
    queryKey: pmKeys.visits(query),
    queryFn: ({ signal }) => apiFetch<TPage<TPmVisit>>('/api/maintenance/visits', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function pmVisitsExportUrl(query: TPmVisitQuery): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return `/api/maintenance/visits/export.xlsx${toQueryString(filters)}`;
}

export function usePmVisit(id: number | undefined) {
  return useQuery({
    queryKey: pmKeys.visit(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TPmVisit>(`/api/maintenance/visits/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

export function usePmPlans(query: TPmPlanQuery) {
  return useQuery({
    queryKey: pmKeys.plans(query),
    queryFn: ({ signal }) => apiFetch<TPage<TPmPlanSummary>>('/api/maintenance/plans', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useContractPmPlan(contractId: number | undefined) {
  return useQuery({
    queryKey: pmKeys.contractPlan(contractId ?? 0),
    queryFn: ({ signal }) => apiFetch<{ plan: TPmPlan | null }>(`/api/maintenance/contracts/${contractId}/plan`, { signal }),
    enabled: contractId !== undefined,
  });
}

export function usePmGaps() {
  return useQuery({
    queryKey: pmKeys.gaps(),
    queryFn: ({ signal }) => apiFetch<{ items: TPmGap[] }>('/api/maintenance/gaps', { signal }),
  });
}

export function usePmCompletion(q: { year?: number; contractId?: number; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: pmKeys.completion(q),
    queryFn: ({ signal }) =>
      apiFetch<TPmCompletionPage>('/api/maintenance/completion', { query: q, signal }),
    placeholderData: keepPreviousData,
  });
}

function usePmWritten() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: pmKeys.all() });
}

export function useGeneratePmPlan() {
  const written = usePmWritten();
  return useMutation({
    mutationFn: ({ contractId, body }: { contractId: number; body: z.input<typeof ZGeneratePmPlan> }) =>
      apiFetch<TPmPlan>(`/api/maintenance/contracts/${contractId}/plan`, { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useSendPmPlan() {
  const written = usePmWritten();
  return useMutation({
    mutationFn: ({ id, contactId }: { id: number; contactId?: number }) =>
      apiFetch<z.infer<typeof ZSendPmPlanResult>>(`/api/maintenance/plans/${id}/send`, {
        method: 'POST',
        body: contactId ? { contactId } : {},
      }),
    onSuccess: written,
  });
}

export function useUpdatePmVisit() {
  const written = usePmWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdatePmVisit }) =>
      apiFetch<TPmVisit>(`/api/maintenance/visits/${id}`, { method: 'PATCH', body: patch }),
    onSettled: written,
  });
}

export function useAgreePmVisit() {
  const written = usePmWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TAgreePmVisit }) =>
      apiFetch<TPmVisit>(`/api/maintenance/visits/${id}/agree`, { method: 'POST', body }),
    onSettled: written,
  });
}
