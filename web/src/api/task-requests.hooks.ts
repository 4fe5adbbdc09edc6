import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TTaskRequestAction } from '@contract/task-requests';
import type { TTaskRequest, TTaskRequestQuery, TUpdateTaskRequest, ZCreateTaskRequest, ZTaskRequest } from '@contract/task-requests';
import { apiFetch, type TPageOf } from './client';

export type TTaskRequestListQuery = TTaskRequestQuery;
export type TTaskRequestPage = TPageOf<typeof ZTaskRequest>;

export const taskRequestKeys = {
  all: () => ['task-requests'] as const,
  lists: () => [...taskRequestKeys.all(), 'list'] as const,
  list: (query: TTaskRequestListQuery) => [...taskRequestKeys.lists(), query] as const,
  details: () => [...taskRequestKeys.all(), 'detail'] as const,
  detail: (id: number) => [...taskRequestKeys.details(), id] as const,
};

export function useTaskRequests(query: TTaskRequestListQuery) {
  return useQuery({
    queryKey: taskRequestKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TTaskRequestPage>('/api/task-requests', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTaskRequest(id: number | undefined) {
  return useQuery({
    queryKey: taskRequestKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TTaskRequest>(`/api/task-requests/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

function useTaskRequestWritten() {
  const qc = useQueryClient();
  return (tr: TTaskRequest) => {
    qc.setQueryData(taskRequestKeys.detail(tr.id), tr);
    return qc.invalidateQueries({ queryKey: taskRequestKeys.lists() });
  };
}

export function useCreateTaskRequest() {
  const written = useTaskRequestWritten();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateTaskRequest>) => apiFetch<TTaskRequest>('/api/task-requests', { method: 'POST', body }),
    onSuccess: written,
  });
}

/** `patch.version` must be the version the user saw. */
export function useUpdateTaskRequest() {
  const qc = useQueryClient();
  const written = useTaskRequestWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateTaskRequest }) =>
      apiFetch<TTaskRequest>(`/api/task-requests/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: taskRequestKeys.all() }),
  });
}

/** issue, start, complete (with `result`), cancel. */
export function useTaskRequestStep() {
  const qc = useQueryClient();
  const written = useTaskRequestWritten();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: TTaskRequestAction; body?: { version?: number; result?: string } }) =>
      apiFetch<TTaskRequest>(`/api/task-requests/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: taskRequestKeys.all() }),
  });
}
