import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TContact,
  TCreateContact,
  TCustomerDetail,
  TCustomerQuery,
  TCustomerWriteResult,
  TUpdateContact,
  TUpdateCustomer,
  ZCheckNameResult,
  ZCreateCustomer,
  ZCustomer,
  ZIndustry,
} from '@contract/customers';
import { apiFetch, type TPageOf } from './client';

/** The query as the server reads it (defaults applied). */
export type TCustomerListQuery = TCustomerQuery;

export const customerKeys = {
  all: () => ['customers'] as const,
  lists: () => [...customerKeys.all(), 'list'] as const,
  list: (query: TCustomerListQuery) => [...customerKeys.lists(), query] as const,
  details: () => [...customerKeys.all(), 'detail'] as const,
  detail: (id: number) => [...customerKeys.details(), id] as const,
  checkName: (name: string, excludeId?: number) => [...customerKeys.all(), 'check-name', name, excludeId ?? null] as const,
};

export const industryKeys = {
  all: () => ['industries'] as const,
  active: () => [...industryKeys.all(), 'active'] as const,
};

export function fetchCustomers(query: TCustomerListQuery, signal?: AbortSignal) {
  return apiFetch<TPageOf<typeof ZCustomer>>('/api/customers', { query, signal });
}

export function useCustomers(query: TCustomerListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => fetchCustomers(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useCustomer(id: number | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TCustomerDetail>(`/api/customers/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

/** The industries customers are filed under (R-ORG-6), active ones, in their order. */
export function useIndustries() {
  return useQuery({
    queryKey: industryKeys.active(),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZIndustry>>('/api/industries', { query: { active: 'true', pageSize: 200 }, signal }),
    staleTime: 10 * 60_000,
    select: (page) => page.items,
  });
}

/** Customers whose name normalises to the same key: the form warns before a duplicate is saved. */
export function useCheckCustomerName(name: string, excludeId?: number) {
  const trimmed = name.trim();
  return useQuery({
    queryKey: customerKeys.checkName(trimmed, excludeId),
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof ZCheckNameResult>>('/api/customers/check-name', { query: { name: trimmed, excludeId }, signal }),
    enabled: trimmed.length > 0,
    staleTime: 10_000,
  });
}

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateCustomer>) => apiFetch<TCustomerWriteResult>('/api/customers', { method: 'POST', body }),
    onSuccess: (customer) => {
      qc.setQueryData(customerKeys.detail(customer.id), stripWarnings(customer));
      return qc.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

export function useUpdateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateCustomer }) =>
      apiFetch<TCustomerWriteResult>(`/api/customers/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (customer) => {
      qc.setQueryData(customerKeys.detail(customer.id), stripWarnings(customer));
      return qc.invalidateQueries({ queryKey: customerKeys.lists() });
    },
    onError: () => qc.invalidateQueries({ queryKey: customerKeys.all() }),
  });
}

/** One change to a customer's contacts; the form sends several in a row, then refreshes the customer. */
export type TContactChange =
  | { kind: 'add'; body: TCreateContact }
  | { kind: 'update'; contactId: number; body: TUpdateContact }
  | { kind: 'delete'; contactId: number };

export function applyContactChange(customerId: number, change: TContactChange): Promise<TContact | { ok: true }> {
  const base = `/api/customers/${customerId}/contacts`;
  if (change.kind === 'add') return apiFetch<TContact>(base, { method: 'POST', body: change.body });
  if (change.kind === 'update') return apiFetch<TContact>(`${base}/${change.contactId}`, { method: 'PATCH', body: change.body });
  return apiFetch<{ ok: true }>(`${base}/${change.contactId}`, { method: 'DELETE' });
}

/** Applies contact changes in order (each may fail on its own); the customer is reloaded in any case. */
export function useSaveContacts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ customerId, changes }: { customerId: number; changes: readonly TContactChange[] }) => {
      for (const change of changes) await applyContactChange(customerId, change);
    },
    onSettled: (_r, _e, { customerId }) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: customerKeys.detail(customerId) }),
        qc.invalidateQueries({ queryKey: customerKeys.lists() }),
      ]),
  });
}

function stripWarnings({ warnings: _w, ...customer }: TCustomerWriteResult): TCustomerDetail {
  return customer;
}
