import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TDelivery,
  TDeliveryCounts,
  TDeliveryQuery,
  TNotificationPreferences,
  TRobot,
  TUpdateNotificationPreferences,
  TUpdateRobot,
  ZCreateRobot,
  ZDelivery,
} from '@contract/notification-delivery';
import { apiFetch, type TPageOf } from './client';

export const deliveryKeys = {
  robots: () => ['notification-robots'] as const,
  deliveries: () => ['notification-deliveries'] as const,
  list: (query: TDeliveryQuery) => [...deliveryKeys.deliveries(), 'list', query] as const,
  counts: () => [...deliveryKeys.deliveries(), 'counts'] as const,
  preferences: () => ['notification-preferences'] as const,
};

export function useRobots() {
  return useQuery({
    queryKey: deliveryKeys.robots(),
    queryFn: ({ signal }) => apiFetch<{ items: TRobot[] }>('/api/notification-robots', { signal }),
  });
}

export function useCreateRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateRobot>) => apiFetch<TRobot>('/api/notification-robots', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: deliveryKeys.robots() }),
  });
}

/** `patch.version` must be the version the administrator saw. */
export function useUpdateRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateRobot }) =>
      apiFetch<TRobot>(`/api/notification-robots/${id}`, { method: 'PATCH', body: patch }),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveryKeys.robots() }),
  });
}

export function useDeliveries(query: TDeliveryQuery) {
  return useQuery({
    queryKey: deliveryKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZDelivery>>('/api/notification-deliveries', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDeliveryCounts() {
  return useQuery({
    queryKey: deliveryKeys.counts(),
    queryFn: ({ signal }) => apiFetch<TDeliveryCounts>('/api/notification-deliveries/counts', { signal }),
  });
}

export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<TDelivery>(`/api/notification-deliveries/${id}/retry`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveryKeys.deliveries() }),
  });
}

export function useNotificationPreferences(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: deliveryKeys.preferences(),
    queryFn: ({ signal }) => apiFetch<TNotificationPreferences>('/api/notification-preferences', { signal }),
    enabled: options.enabled,
  });
}

export function useUpdateNotificationPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateNotificationPreferences) =>
      apiFetch<TNotificationPreferences>('/api/notification-preferences', { method: 'PUT', body }),
    onSuccess: (prefs) => qc.setQueryData(deliveryKeys.preferences(), prefs),
  });
}
