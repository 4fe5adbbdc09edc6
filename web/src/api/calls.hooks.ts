import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCall,
  TCallAction,
  TCallDetail,
  TCallForwardTarget,
  TCallQuery,
  TCallStep,
  TCreateCallLog,
  TEntitlement,
  TRecentCall,
  TSendCallEmail,
  TUpdateCall,
  ZCall,
  ZCreateCall,
} from '@contract/calls';
import type { TPhoneLookupResult } from '@contract/customers';
import { apiFetch, type TPageOf, toQueryString } from './client';

export type TCallListQuery = TCallQuery;
export type TCallPage = TPageOf<typeof ZCall>;

export const callKeys = {
  all: () => ['calls'] as const,
  lists: () => [...callKeys.all(), 'list'] as const,
  list: (query: TCallListQuery) => [...callKeys.lists(), query] as const,
  details: () => [...callKeys.all(), 'detail'] as const,
  detail: (id: number) => [...callKeys.details(), id] as const,
  recent: (by: { customerId?: number; phone?: string }) => [...callKeys.all(), 'recent', by] as const,
  entitlement: (by: { customerId?: number; contractId?: number; equipmentId?: number }) => [...callKeys.all(), 'entitlement', by] as const,
  targets: (customerId: number | undefined) => [...callKeys.all(), 'targets', customerId ?? 0] as const,
  phone: (phone: string) => ['customers', 'by-phone', phone] as const,
};

/** How often an open list refreshes itself: the receiver follows live status and holder (R-CALL-2). */
const LIVE_MS = 15_000;

export function useCalls(query: TCallListQuery) {
  return useQuery({
    queryKey: callKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TCallPage>('/api/calls', { query, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
}

export function callsExportUrl(query: TCallListQuery): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return `/api/calls/export.xlsx${toQueryString(filters)}`;
}

export function useCall(id: number | undefined) {
  return useQuery({
    queryKey: callKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TCallDetail>(`/api/calls/${id}`, { signal }),
    enabled: id !== undefined,
    refetchInterval: LIVE_MS,
  });
}

/** The caller matched by the number as typed (contact → customer), no click needed (R-CALL-1). */
export function usePhoneLookup(phone: string) {
  const digits = phone.replace(/\D/g, '');
  return useQuery({
    queryKey: callKeys.phone(phone),
    queryFn: ({ signal }) => apiFetch<TPhoneLookupResult>('/api/customers/by-phone', { query: { phone }, signal }),
    enabled: digits.length >= 7,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useRecentCalls(by: { customerId?: number; phone?: string }) {
  return useQuery({
    queryKey: callKeys.recent(by),
    queryFn: ({ signal }) => apiFetch<{ items: TRecentCall[] }>('/api/calls/recent', { query: { ...by, limit: 5 }, signal }),
    enabled: Boolean(by.customerId || (by.phone && by.phone.replace(/\D/g, '').length >= 7)),
  });
}

/** R-EMER-3: what the customer is owed at this minute. */
export function useEntitlement(by: { customerId?: number; contractId?: number; equipmentId?: number }) {
  return useQuery({
    queryKey: callKeys.entitlement(by),
    queryFn: ({ signal }) => apiFetch<TEntitlement>('/api/calls/entitlement', { query: by, signal }),
    enabled: Boolean(by.customerId || by.contractId),
    placeholderData: keepPreviousData,
  });
}

export function useForwardTargets(customerId: number | undefined) {
  return useQuery({
    queryKey: callKeys.targets(customerId),
    queryFn: ({ signal }) => apiFetch<{ items: TCallForwardTarget[] }>('/api/calls/forward-targets', { query: { customerId }, signal }),
  });
}

function useCallWritten() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: callKeys.all() });
}

export function useCreateCall() {
  const written = useCallWritten();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateCall>) => apiFetch<TCall>('/api/calls', { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useUpdateCall() {
  const written = useCallWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateCall }) =>
      apiFetch<TCall>(`/api/calls/${id}`, { method: 'PATCH', body: patch }),
    onSettled: written,
  });
}

export function useCallStep() {
  const written = useCallWritten();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: TCallAction; body: TCallStep }) =>
      apiFetch<TCall>(`/api/calls/${id}/${action}`, { method: 'POST', body }),
    onSettled: written,
  });
}

export function useLogCallContact() {
  const written = useCallWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TCreateCallLog }) =>
      apiFetch<TCallDetail>(`/api/calls/${id}/log`, { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useSendCallEmail() {
  const written = useCallWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TSendCallEmail }) =>
      apiFetch<TCallDetail>(`/api/calls/${id}/emails`, { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useRemindCall() {
  const written = useCallWritten();
  return useMutation({
    mutationFn: (id: number) => apiFetch<TCallDetail>(`/api/calls/${id}/remind`, { method: 'POST' }),
    onSuccess: written,
  });
}
