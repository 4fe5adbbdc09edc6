import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotification, TNotificationQuery, ZNotification } from '@contract/notifications';
import { apiFetch, type TPageOf } from './client';

export type TNotificationListQuery = TNotificationQuery;
export type TNotificationPage = TPageOf<typeof ZNotification>;

/** How often the header asks for the unread count. */
const UNREAD_POLL_MS = 60_000;

export const notificationKeys = {
  all: () => ['notifications'] as const,
  lists: () => [...notificationKeys.all(), 'list'] as const,
  list: (query: TNotificationListQuery) => [...notificationKeys.lists(), query] as const,
  unreadCount: () => [...notificationKeys.all(), 'unread-count'] as const,
};

export function useNotifications(query: TNotificationListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TNotificationPage>('/api/notifications', { query, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/** Polled every minute while the app is open (the bell in the header). */
export function useUnreadNotificationCount(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: ({ signal }) => apiFetch<{ count: number }>('/api/notifications/unread-count', { signal }),
    refetchInterval: UNREAD_POLL_MS,
    enabled: options.enabled,
  });
}

export function useMarkNotificationRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<TNotification>(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all() }),
  });
}

export function useMarkAllNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ updated: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all() }),
  });
}
