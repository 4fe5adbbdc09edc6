import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateFaultyPartTag,
  TCreatePart,
  TCreatePartLoan,
  TCreateStockMovement,
  TFaultyPartTag,
  TFaultyPartTagQuery,
  TInspectTag,
  TPart,
  TPartLoan,
  TPartLoanQuery,
  TPartQuery,
  TReturnPartLoan,
  TStockLocation,
  TStockQuery,
  TTagDispositionInput,
  ZFaultyPartTag,
  ZPart,
  ZPartLoan,
  ZStockLine,
} from '@contract/parts';
import { apiFetch, type TPageOf } from './client';

export const partKeys = {
  all: () => ['parts'] as const,
  parts: (q: TPartQuery) => [...partKeys.all(), 'catalogue', q] as const,
  locations: () => [...partKeys.all(), 'locations'] as const,
  stock: (q: TStockQuery) => [...partKeys.all(), 'stock', q] as const,
  loans: (q: TPartLoanQuery) => [...partKeys.all(), 'loans', q] as const,
  tags: (q: TFaultyPartTagQuery) => [...partKeys.all(), 'tags', q] as const,
};

export function useParts(query: TPartQuery) {
  return useQuery({
    queryKey: partKeys.parts(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZPart>>('/api/parts', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useStockLocations() {
  return useQuery({
    queryKey: partKeys.locations(),
    queryFn: ({ signal }) => apiFetch<{ items: TStockLocation[] }>('/api/stock-locations', { signal }),
  });
}

export function useStock(query: TStockQuery) {
  return useQuery({
    queryKey: partKeys.stock(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZStockLine>>('/api/stock', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePartLoans(query: TPartLoanQuery) {
  return useQuery({
    queryKey: partKeys.loans(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZPartLoan>>('/api/part-loans', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useFaultyPartTags(query: TFaultyPartTagQuery) {
  return useQuery({
    queryKey: partKeys.tags(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZFaultyPartTag>>('/api/faulty-part-tags', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every write of the area changes stock, loans or tags: one invalidation for all of them. */
function usePartsMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: partKeys.all() }) });
}

export const useCreatePart = () => usePartsMutation((body: TCreatePart) => apiFetch<TPart>('/api/parts', { method: 'POST', body }));
export const useMoveStock = () =>
  usePartsMutation((body: TCreateStockMovement) => apiFetch('/api/stock-movements', { method: 'POST', body }));
/** R-EMER-4: a loan to approve, or (emergency) taken at once with the manager notified. */
export const useBorrowPart = () =>
  usePartsMutation((body: TCreatePartLoan) => apiFetch<TPartLoan>('/api/part-loans', { method: 'POST', body }));
export const useApproveLoan = () =>
  usePartsMutation((id: number) => apiFetch<TPartLoan>(`/api/part-loans/${id}/approve`, { method: 'POST', body: {} }));
export const useReturnLoan = () =>
  usePartsMutation(({ id, body }: { id: number; body: TReturnPartLoan }) =>
    apiFetch<TPartLoan>(`/api/part-loans/${id}/return`, { method: 'POST', body }),
  );
export const useCreateTag = () =>
  usePartsMutation((body: TCreateFaultyPartTag) => apiFetch<TFaultyPartTag>('/api/faulty-part-tags', { method: 'POST', body }));
export const useReceiveTag = () =>
  usePartsMutation((id: number) => apiFetch<TFaultyPartTag>(`/api/faulty-part-tags/${id}/receive`, { method: 'POST', body: {} }));
export const useInspectTag = () =>
  usePartsMutation(({ id, body }: { id: number; body: TInspectTag }) =>
    apiFetch<TFaultyPartTag>(`/api/faulty-part-tags/${id}/inspect`, { method: 'POST', body }),
  );
export const useDisposeTag = () =>
  usePartsMutation(({ id, body }: { id: number; body: TTagDispositionInput }) =>
    apiFetch<TFaultyPartTag>(`/api/faulty-part-tags/${id}/disposition`, { method: 'POST', body }),
  );
