import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TAssignServiceRequest, TDispatchBoard, TDispatchQuery, TSetBackupEngineer } from '@contract/dispatch';
import type { TMyWork } from '@contract/my-work';
import type { TServiceRequestAction } from '@contract/service-request-workflow';
import type {
  TServiceRequestDetail,
  TServiceRequestQuery,
  TServiceRequestStep,
  TUpdateServiceRequest,
  ZCreateServiceRequest,
  ZServiceRequest,
} from '@contract/service-requests';
import type { TServiceRequestHistory } from '@contract/service-request-history';
import { queryClient } from '../app/query-client';
import { apiFetch, type TPageOf, toQueryString } from './client';

/** The query as the server reads it (defaults applied); `state` may be several, sent comma-separated. */
export type TServiceRequestListQuery = TServiceRequestQuery;
export type TServiceRequestPage = TPageOf<typeof ZServiceRequest>;

export const serviceRequestKeys = {
  all: () => ['service-requests'] as const,
  lists: () => [...serviceRequestKeys.all(), 'list'] as const,
  list: (query: TServiceRequestListQuery) => [...serviceRequestKeys.lists(), query] as const,
  details: () => [...serviceRequestKeys.all(), 'detail'] as const,
  detail: (id: number) => [...serviceRequestKeys.details(), id] as const,
  histories: () => [...serviceRequestKeys.all(), 'history'] as const,
  history: (id: number) => [...serviceRequestKeys.histories(), id] as const,
};

export const dispatchKeys = {
  all: () => ['dispatch'] as const,
  board: (query: TDispatchQuery) => [...dispatchKeys.all(), 'board', query] as const,
};

export const myWorkKeys = {
  all: () => ['my-work'] as const,
};

/** `state` travels as `a,b,c`, as the server's query schema reads it. */
function wireQuery(query: Partial<TServiceRequestListQuery>) {
  return { ...query, state: query.state?.join(',') };
}

export function useServiceRequests(query: TServiceRequestListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: serviceRequestKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TServiceRequestPage>('/api/service-requests', { query: wireQuery(query), signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/** The link that downloads the filtered list as .xlsx (every row, not just the page). */
export function serviceRequestsExportUrl(query: TServiceRequestListQuery): string {
  const { page: _page, pageSize: _pageSize, sort: _sort, ...filters } = query;
  return `/api/service-requests/export.xlsx${toQueryString(wireQuery(filters))}`;
}

/** One request with its SLA clocks, pauses and the actions open to the caller. */
/**
 * The request the detail page will show, asked for as navigation to it starts (navigation.ts). Before
 * the session is known: a 401 here is no "session ended" (the route guard sends the visitor to sign in).
 */
/**
 * A request as a query: for its hook, and for the prefetch as navigation starts (`ahead`: asked for
 * before the page knows who is signed in, so a 401 does not count as the session ending).
 */
export const serviceRequestQuery = (id: number, ahead = false) => ({
  queryKey: serviceRequestKeys.detail(id),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiFetch<TServiceRequestDetail>(`/api/service-requests/${id}`, { signal, expectUnauthenticated: ahead }),
});

/** The request's activity as a query (see `serviceRequestQuery` for `ahead`). */
export const serviceRequestHistoryQuery = (id: number, ahead = false) => ({
  queryKey: serviceRequestKeys.history(id),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiFetch<TServiceRequestHistory>(`/api/service-requests/${id}/history`, { signal, expectUnauthenticated: ahead }),
});

export function prefetchServiceRequest(id: number): void {
  if (!Number.isInteger(id) || id <= 0) return;
  void queryClient.prefetchQuery(serviceRequestQuery(id, true));
}

export function useServiceRequest(id: number | undefined) {
  return useQuery({ ...serviceRequestQuery(id ?? 0), enabled: id !== undefined });
}

/** R-FLOW-1: the request's activity from the audit trail, oldest first. */
export function useServiceRequestHistory(id: number | undefined) {
  return useQuery({ ...serviceRequestHistoryQuery(id ?? 0), enabled: id !== undefined });
}

/** After any write: the detail is the answer; its history, lists, the board and my work may all show the request. */
function useServiceRequestWritten() {
  const qc = useQueryClient();
  return (sr: TServiceRequestDetail) => {
    qc.setQueryData(serviceRequestKeys.detail(sr.id), sr);
    return Promise.all([
      qc.invalidateQueries({ queryKey: serviceRequestKeys.history(sr.id) }),
      qc.invalidateQueries({ queryKey: serviceRequestKeys.lists() }),
      qc.invalidateQueries({ queryKey: dispatchKeys.all() }),
      qc.invalidateQueries({ queryKey: myWorkKeys.all() }),
    ]);
  };
}

export function useCreateServiceRequest() {
  const written = useServiceRequestWritten();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateServiceRequest>) =>
      apiFetch<TServiceRequestDetail>('/api/service-requests', { method: 'POST', body }),
    onSuccess: written,
  });
}

/** `patch.version` must be the version the user saw. */
export function useUpdateServiceRequest() {
  const qc = useQueryClient();
  const written = useServiceRequestWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateServiceRequest }) =>
      apiFetch<TServiceRequestDetail>(`/api/service-requests/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: serviceRequestKeys.all() }),
  });
}

/** A workflow step (`accept`, `depart`…); the transition table on the server decides. */
export function useServiceRequestStep() {
  const qc = useQueryClient();
  const written = useServiceRequestWritten();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: TServiceRequestAction; body?: TServiceRequestStep }) =>
      apiFetch<TServiceRequestDetail>(`/api/service-requests/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: written,
    // A refused step usually means the request moved on elsewhere: show what it is now.
    onError: () =>
      Promise.all([qc.invalidateQueries({ queryKey: serviceRequestKeys.all() }), qc.invalidateQueries({ queryKey: myWorkKeys.all() })]),
  });
}

/** R-ORG-3: engineer and day. The answer's `warnings` (double booking, leave) do not undo it. */
export function useAssignServiceRequest() {
  const written = useServiceRequestWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TAssignServiceRequest }) =>
      apiFetch<TServiceRequestDetail>(`/api/service-requests/${id}/assign`, { method: 'POST', body }),
    onSuccess: written,
  });
}

/** R-PM-3: set or clear (null) the backup engineer alone; the new one is notified. */
export function useSetBackupEngineer() {
  const written = useServiceRequestWritten();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TSetBackupEngineer }) =>
      apiFetch<TServiceRequestDetail>(`/api/service-requests/${id}/backup`, { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useDispatchBoard(query: TDispatchQuery) {
  return useQuery({
    queryKey: dispatchKeys.board(query),
    queryFn: ({ signal }) => apiFetch<TDispatchBoard>('/api/dispatch/board', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The engineer's phone view: today's work and what is coming. */
/** The engineer's work page's answer, asked for as navigation to it starts (navigation.ts). */
export function prefetchMyWork(): void {
  void queryClient.prefetchQuery({
    queryKey: myWorkKeys.all(),
    queryFn: ({ signal }) => apiFetch<TMyWork>('/api/my-work', { signal, expectUnauthenticated: true }),
  });
}

export function useMyWork() {
  return useQuery({
    queryKey: myWorkKeys.all(),
    queryFn: ({ signal }) => apiFetch<TMyWork>('/api/my-work', { signal }),
    refetchInterval: 120_000,
  });
}
