import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateDebrief,
  TCreateServiceReport,
  TDebrief,
  TDebriefWeek,
  TFollowUp,
  TFollowUpQuery,
  TRecordFollowUp,
  TServiceReport,
  TServiceReportQuery,
  TServiceReportVerification,
  TSignServiceReport,
  TUpdateServiceReport,
  ZFollowUp,
  ZServiceReportListItem,
} from '@contract/service-reports';
import { apiFetch, type TPageOf } from './client';
import { sendMultipart } from './documents.hooks';

export const reportKeys = {
  all: () => ['service-reports'] as const,
  list: (q: TServiceReportQuery) => [...reportKeys.all(), 'list', q] as const,
  one: (id: number) => [...reportKeys.all(), id] as const,
  followUps: (q: TFollowUpQuery) => ['follow-ups', q] as const,
  debriefs: (week: string | undefined) => ['debriefs', week ?? 'this'] as const,
  debriefOf: (requestId: number) => ['debriefs', 'request', requestId] as const,
};

export function useServiceReports(query: TServiceReportQuery) {
  return useQuery({
    queryKey: reportKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZServiceReportListItem>>('/api/service-reports', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useServiceReport(id: number) {
  return useQuery({
    queryKey: reportKeys.one(id),
    queryFn: ({ signal }) => apiFetch<TServiceReport>(`/api/service-reports/${id}`, { signal }),
  });
}

export function useCreateServiceReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateServiceReport) => apiFetch<TServiceReport>('/api/service-reports', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.all() }),
  });
}

function useReportMutation<B>(path: (id: number) => string, method: 'PATCH' | 'POST') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: B }) => apiFetch<TServiceReport>(path(id), { method, body }),
    onSuccess: (r) => {
      qc.setQueryData(reportKeys.one(r.id), r);
      void qc.invalidateQueries({ queryKey: reportKeys.all() });
    },
  });
}

export const useUpdateServiceReport = () => useReportMutation<TUpdateServiceReport>((id) => `/api/service-reports/${id}`, 'PATCH');
export const useSignServiceReport = () => useReportMutation<TSignServiceReport>((id) => `/api/service-reports/${id}/sign`, 'POST');
export const useCorrectServiceReport = () => useReportMutation<Record<string, never>>((id) => `/api/service-reports/${id}/correct`, 'POST');

export function useVerifyServiceReport() {
  return useMutation({
    mutationFn: (id: number) => apiFetch<TServiceReportVerification>(`/api/service-reports/${id}/verify`, { method: 'POST', body: {} }),
  });
}

export function useFollowUps(query: TFollowUpQuery) {
  return useQuery({
    queryKey: reportKeys.followUps(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZFollowUp>>('/api/follow-ups', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRecordFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TRecordFollowUp }) =>
      apiFetch<TFollowUp>(`/api/follow-ups/${id}/outcome`, { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['follow-ups'] }),
  });
}

export function useWeeklyDebriefs(week: string | undefined) {
  return useQuery({
    queryKey: reportKeys.debriefs(week),
    queryFn: ({ signal }) => apiFetch<TDebriefWeek>('/api/debriefs/weekly', { query: { week }, signal }),
  });
}

export function useDebriefOf(requestId: number, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.debriefOf(requestId),
    queryFn: ({ signal }) => apiFetch<{ debrief: TDebrief | null }>(`/api/service-requests/${requestId}/debrief`, { signal }),
    enabled,
  });
}

export function useCreateDebrief() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, body }: { requestId: number; body: TCreateDebrief }) =>
      apiFetch<TDebrief>(`/api/service-requests/${requestId}/debrief`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['debriefs'] }),
  });
}

/** A photo for a photo item of a draft's checklist (the server adds it to the item's answer). */
export function useAddReportChecklistPhoto(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, file }: { key: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TServiceReport>(qc, `/api/service-reports/${id}/checklist/${key}/photos`, form);
    },
    onSuccess: (r) => {
      qc.setQueryData(reportKeys.one(r.id), r);
      void qc.invalidateQueries({ queryKey: reportKeys.all() });
    },
  });
}
