import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TContractPage, TContractQuery, TContractView, TMoveStage, TUpdateContract, ZCreateContract } from '@contract/contracts';
import { apiFetch } from './client';
import { customerKeys } from './customers.hooks';

/** The query as the server reads it (defaults applied). */
export type TContractListQuery = TContractQuery;
/** `totalCapped`: `total` is a lower bound (CONTRACT_TOTAL_CAP). */
export type TContractSummaryPage = TContractPage;

export const contractKeys = {
  all: () => ['contracts'] as const,
  lists: () => [...contractKeys.all(), 'list'] as const,
  list: (query: TContractListQuery) => [...contractKeys.lists(), query] as const,
  ofCustomer: (customerId: number, query: Omit<TContractListQuery, 'customerId'>) =>
    [...contractKeys.lists(), 'customer', customerId, query] as const,
  details: () => [...contractKeys.all(), 'detail'] as const,
  detail: (id: number) => [...contractKeys.details(), id] as const,
};

/** Each contract arrives shaped for the reader: `pricesVisible` false means no amount at all (R-ORG-5). */
export function fetchContracts(query: TContractListQuery, signal?: AbortSignal): Promise<TContractSummaryPage> {
  return apiFetch<TContractSummaryPage>('/api/contracts', { query, signal });
}

export function useContracts(query: TContractListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: contractKeys.list(query),
    queryFn: ({ signal }) => fetchContracts(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useCustomerContracts(customerId: number, query: Omit<TContractListQuery, 'customerId'>) {
  return useQuery({
    queryKey: contractKeys.ofCustomer(customerId, query),
    queryFn: ({ signal }) => apiFetch<TContractSummaryPage>(`/api/customers/${customerId}/contracts`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: number | undefined) {
  return useQuery({
    queryKey: contractKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TContractView>(`/api/contracts/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

function useContractWritten() {
  const qc = useQueryClient();
  return (contract: TContractView) => {
    qc.setQueryData(contractKeys.detail(contract.id), contract);
    return Promise.all([
      qc.invalidateQueries({ queryKey: contractKeys.lists() }),
      // The archive tree and the customer page list contracts too.
      qc.invalidateQueries({ queryKey: ['archive'] }),
      qc.invalidateQueries({ queryKey: customerKeys.detail(contract.customer.id) }),
    ]);
  };
}

export function useCreateContract() {
  const written = useContractWritten();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateContract>) => apiFetch<TContractView>('/api/contracts', { method: 'POST', body }),
    onSuccess: written,
  });
}

/** `patch.version` must be the version the user saw; `items`, when sent, replaces all items. */
export function useUpdateContract() {
  const qc = useQueryClient();
  const written = useContractWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateContract }) =>
      apiFetch<TContractView>(`/api/contracts/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: contractKeys.all() }),
  });
}

/** R-ORG-2: move to a lifecycle stage, with a note for the history. */
export function useMoveContractStage() {
  const written = useContractWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TMoveStage }) =>
      apiFetch<TContractView>(`/api/contracts/${id}/stage`, { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useDeleteContract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<{ ok: true }>(`/api/contracts/${id}`, { method: 'DELETE' }),
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: contractKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: contractKeys.lists() });
    },
  });
}
