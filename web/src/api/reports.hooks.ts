import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDashboard,
  TDashboardQuery,
  TMonthlySummary,
  TReportSettings,
  TSalesNotes,
  TSaveWeeklyReport,
  TWeeklyRecord,
  TWeeklyReport,
} from '@contract/reports';
import type { TAddOtherWork, TWorkHoursEntry } from '@contract/work-hours';
import { apiFetch } from './client';

export const reportKeys = {
  all: () => ['reports'] as const,
  myWeekly: (week: string) => [...reportKeys.all(), 'weekly-mine', week] as const,
  weeklyList: (week: string) => [...reportKeys.all(), 'weekly-list', week] as const,
  record: (week: string) => [...reportKeys.all(), 'record', week] as const,
  monthly: (month: string) => [...reportKeys.all(), 'monthly', month] as const,
  dashboard: (q: TDashboardQuery) => [...reportKeys.all(), 'dashboard', q] as const,
  hours: (from: string, to: string) => ['work-hours', from, to] as const,
  settings: () => [...reportKeys.all(), 'settings'] as const,
  salesNotes: (week: string) => [...reportKeys.all(), 'sales-notes', week] as const,
};

export function useMyWeeklyReport(week: string) {
  return useQuery({
    queryKey: reportKeys.myWeekly(week),
    queryFn: ({ signal }) => apiFetch<TWeeklyReport>('/api/weekly-reports/mine', { query: { week }, signal }),
  });
}

export function useSaveMyWeeklyReport(week: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, submit }: { body: TSaveWeeklyReport; submit: boolean }) =>
      apiFetch<TWeeklyReport>(submit ? '/api/weekly-reports/mine/submit' : '/api/weekly-reports/mine', {
        method: submit ? 'POST' : 'PUT',
        query: { week },
        body,
      }),
    onSuccess: (r) => qc.setQueryData(reportKeys.myWeekly(week), r),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.all() }),
  });
}

export type TWeeklyReportList = {
  weekStart: string;
  items: {
    id: number | null;
    engineer: { id: number; name: string };
    state: string;
    totalHours: number;
    submittedAt: string | null;
    version: number;
  }[];
};
export function useWeeklyReports(week: string) {
  return useQuery({
    queryKey: reportKeys.weeklyList(week),
    queryFn: ({ signal }) => apiFetch<TWeeklyReportList>('/api/weekly-reports', { query: { week }, signal }),
  });
}

export function useReturnWeeklyReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: number; version: number; reason: string }) =>
      apiFetch<TWeeklyReport>(`/api/weekly-reports/${id}/return`, { method: 'POST', body: { version, reason } }),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.all() }),
  });
}

export function useWeeklyRecord(week: string) {
  return useQuery({
    queryKey: reportKeys.record(week),
    queryFn: ({ signal }) => apiFetch<TWeeklyRecord | null>('/api/weekly-records', { query: { week }, signal }),
  });
}

export function useWeeklyRecordActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: reportKeys.all() });
  return {
    draft: useMutation({
      mutationFn: (week: string) => apiFetch<TWeeklyRecord>('/api/weekly-records/draft', { method: 'POST', body: { week } }),
      onSettled: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: { version: number; attendeeIds: number[]; decisions: string | null } }) =>
        apiFetch<TWeeklyRecord>(`/api/weekly-records/${id}`, { method: 'PUT', body }),
      onSettled: done,
    }),
    addAction: useMutation({
      mutationFn: ({ id, body }: { id: number; body: { text: string; ownerId: number; dueDate: string } }) =>
        apiFetch<TWeeklyRecord>(`/api/weekly-records/${id}/actions`, { method: 'POST', body }),
      onSettled: done,
    }),
    finalise: useMutation({
      mutationFn: ({ id, version }: { id: number; version: number }) =>
        apiFetch<TWeeklyRecord>(`/api/weekly-records/${id}/finalise`, { method: 'POST', body: { version } }),
      onSettled: done,
    }),
  };
}

export function useCompleteAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<void>(`/api/weekly-record-actions/${id}/done`, { method: 'POST', body: {} }),
    onSettled: () => qc.invalidateQueries(),
  });
}

export function useMonthlySummaries(month: string) {
  return useQuery({
    queryKey: reportKeys.monthly(month),
    queryFn: ({ signal }) => apiFetch<{ items: TMonthlySummary[] }>('/api/monthly-summaries', { query: { month }, signal }),
  });
}

export function useMonthlySummaryActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: reportKeys.all() });
  return {
    draft: useMutation({
      mutationFn: (body: { month: string; contractId?: number; projectId?: number }) =>
        apiFetch<TMonthlySummary>('/api/monthly-summaries/draft', { method: 'POST', body }),
      onSettled: done,
    }),
    approve: useMutation({
      mutationFn: ({ id, version }: { id: number; version: number }) =>
        apiFetch<TMonthlySummary>(`/api/monthly-summaries/${id}/approve`, { method: 'POST', body: { version } }),
      onSettled: done,
    }),
  };
}

export function useDashboard(q: TDashboardQuery) {
  return useQuery({
    queryKey: reportKeys.dashboard(q),
    queryFn: ({ signal }) => apiFetch<TDashboard>('/api/dashboards', { query: q, signal }),
  });
}

export function useWorkHours(from: string, to: string) {
  return useQuery({
    queryKey: reportKeys.hours(from, to),
    queryFn: ({ signal }) => apiFetch<{ items: TWorkHoursEntry[] }>('/api/work-hours', { query: { from, to }, signal }),
  });
}

export function useAddOtherWork() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TAddOtherWork) => apiFetch<{ items: TWorkHoursEntry[] }>('/api/work-hours', { method: 'POST', body }),
    onSettled: () => {
      qc.invalidateQueries({ queryKey: ['work-hours'] });
      qc.invalidateQueries({ queryKey: reportKeys.all() });
    },
  });
}

export function useReportSettings() {
  return useQuery({
    queryKey: reportKeys.settings(),
    queryFn: ({ signal }) => apiFetch<TReportSettings>('/api/report-settings', { signal }),
  });
}

export function useSaveReportSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TReportSettings) => apiFetch<TReportSettings>('/api/report-settings', { method: 'PUT', body }),
    onSuccess: (r) => qc.setQueryData(reportKeys.settings(), r),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.all() }),
  });
}

/** R-INST-11: the week's note to each sales owner about his customers. */
export function useSalesNotes(week: string) {
  return useQuery({
    queryKey: reportKeys.salesNotes(week),
    queryFn: ({ signal }) => apiFetch<TSalesNotes>('/api/weekly-records/sales-notes', { query: { week }, signal }),
  });
}
