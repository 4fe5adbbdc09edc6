import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TDocument } from '@contract/documents';
import type { TGuardOverride } from '@contract/guards';
import type {
  TConfirmTrainingSession,
  TCreatePaperFeedback,
  TCreateTrainingAttendee,
  TCreateTrainingPlan,
  TFeedbackLink,
  TFeedbackScore,
  TFeedbackScoreQuery,
  TPublicCertificate,
  TPublicFeedbackForm,
  TPublicFeedbackInput,
  TSendTrainingPlan,
  TTrainingAttendee,
  TTrainingChecklistInput,
  TTrainingDebrief,
  TTrainingPlanDetail,
  TTrainingPlanQuery,
  TTrainingSessionDetail,
  TTrainingSessionQuery,
  TUpdateTrainingSession,
  ZTrainingPlan,
  ZTrainingSession,
} from '@contract/trainings';
import type { TCreateDebrief } from '@contract/service-reports';
import { apiFetch, type TPageOf, toQueryString } from './client';
import { sendMultipart } from './documents.hooks';

export type TTrainingPlanPage = TPageOf<typeof ZTrainingPlan>;
export type TTrainingSessionPage = TPageOf<typeof ZTrainingSession>;

export const trainingKeys = {
  all: () => ['trainings'] as const,
  plans: (q: TTrainingPlanQuery) => [...trainingKeys.all(), 'plans', q] as const,
  plan: (id: number) => [...trainingKeys.all(), 'plan', id] as const,
  sessions: (q: TTrainingSessionQuery) => [...trainingKeys.all(), 'sessions', q] as const,
  session: (id: number) => [...trainingKeys.all(), 'session', id] as const,
  scores: (q: TFeedbackScoreQuery) => [...trainingKeys.all(), 'scores', q] as const,
  debrief: (id: number) => [...trainingKeys.all(), 'debrief', id] as const,
};

export function useTrainingPlans(query: TTrainingPlanQuery) {
  return useQuery({
    queryKey: trainingKeys.plans(query),
    queryFn: ({ signal }) => apiFetch<TTrainingPlanPage>('/api/training-plans', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTrainingPlan(id: number) {
  return useQuery({
    queryKey: trainingKeys.plan(id),
    queryFn: ({ signal }) => apiFetch<TTrainingPlanDetail>(`/api/training-plans/${id}`, { signal }),
  });
}

export function useTrainingSessions(query: TTrainingSessionQuery) {
  return useQuery({
    queryKey: trainingKeys.sessions(query),
    queryFn: ({ signal }) => apiFetch<TTrainingSessionPage>('/api/training-sessions', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTrainingSession(id: number) {
  return useQuery({
    queryKey: trainingKeys.session(id),
    queryFn: ({ signal }) => apiFetch<TTrainingSessionDetail>(`/api/training-sessions/${id}`, { signal }),
  });
}

/** The session's debrief (R-INST-11): null until written, or for those who may not read it. */
export function useTrainingDebrief(id: number) {
  return useQuery({
    queryKey: trainingKeys.debrief(id),
    queryFn: ({ signal }) => apiFetch<TTrainingDebrief>(`/api/training-sessions/${id}/debrief`, { signal }),
  });
}

export function useCreateTrainingDebrief() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TCreateDebrief }) =>
      apiFetch<TTrainingDebrief>(`/api/training-sessions/${id}/debrief`, { method: 'POST', body }),
    onSettled: () =>
      Promise.all([qc.invalidateQueries({ queryKey: trainingKeys.all() }), qc.invalidateQueries({ queryKey: ['debriefs'] })]),
  });
}

export function useFeedbackScores(query: TFeedbackScoreQuery) {
  return useQuery({
    queryKey: trainingKeys.scores(query),
    queryFn: ({ signal }) => apiFetch<{ items: TFeedbackScore[] }>('/api/training-feedback/scores', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export const trainingSessionsExportUrl = (q: Omit<TTrainingSessionQuery, 'page' | 'pageSize'>) =>
  `/api/training-sessions/export.xlsx${toQueryString(q)}`;
export const feedbackScoresExportUrl = (q: TFeedbackScoreQuery) => `/api/training-feedback/scores.xlsx${toQueryString(q)}`;

function useTrainingMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: trainingKeys.all() }) });
}

export const useCreateTrainingPlan = () =>
  useTrainingMutation((body: TCreateTrainingPlan) => apiFetch<TTrainingPlanDetail>('/api/training-plans', { method: 'POST', body }));

export const useSendTrainingPlan = () =>
  useTrainingMutation(({ id, body }: { id: number; body: TSendTrainingPlan }) =>
    apiFetch<TTrainingPlanDetail>(`/api/training-plans/${id}/send`, { method: 'POST', body }),
  );

export const useUpdateTrainingSession = () =>
  useTrainingMutation(({ id, body }: { id: number; body: TUpdateTrainingSession }) =>
    apiFetch<TTrainingSessionDetail>(`/api/training-sessions/${id}`, { method: 'PATCH', body }),
  );

export const useCancelTrainingSession = () =>
  useTrainingMutation(({ id, version }: { id: number; version: number }) =>
    apiFetch<TTrainingSessionDetail>(`/api/training-sessions/${id}/cancel`, { method: 'POST', body: { version } }),
  );

export const useConfirmTrainingSession = () =>
  useTrainingMutation(({ id, body }: { id: number; body: TConfirmTrainingSession }) =>
    apiFetch<TTrainingSessionDetail>(`/api/training-sessions/${id}/confirm`, { method: 'POST', body }),
  );

export const useSaveTrainingChecklist = () =>
  useTrainingMutation(({ id, body }: { id: number; body: TTrainingChecklistInput }) =>
    apiFetch<TTrainingSessionDetail>(`/api/training-sessions/${id}/checklist`, { method: 'PUT', body }),
  );

export const useAddTrainingAttendee = () =>
  useTrainingMutation(({ id, body }: { id: number; body: TCreateTrainingAttendee }) =>
    apiFetch<TTrainingAttendee>(`/api/training-sessions/${id}/attendees`, { method: 'POST', body }),
  );

export const useFeedbackLink = () =>
  useTrainingMutation(({ id, hours }: { id: number; hours: number }) =>
    apiFetch<TFeedbackLink>(`/api/training-sessions/${id}/feedback-link`, { method: 'POST', body: { hours } }),
  );

export const usePaperFeedback = () =>
  useTrainingMutation(({ id, body }: { id: number; body: TCreatePaperFeedback }) =>
    apiFetch(`/api/training-sessions/${id}/feedback`, { method: 'POST', body }),
  );

export const useIssueCertificates = () =>
  useTrainingMutation(({ id, override }: { id: number; override?: TGuardOverride }) =>
    apiFetch<TTrainingSessionDetail>(`/api/training-sessions/${id}/certificates`, { method: 'POST', body: override ? { override } : {} }),
  );

export const useArchiveTrainingSession = () =>
  useTrainingMutation((id: number) => apiFetch<{ items: TDocument[] }>(`/api/training-sessions/${id}/archive`, { method: 'POST' }));

export function useUploadSignInScan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TDocument>(qc, `/api/training-sessions/${id}/sign-in-scan`, form);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
}

// ── Public pages (no account) ──

export function usePublicFeedbackForm(token: string) {
  return useQuery({
    queryKey: ['public-feedback', token],
    queryFn: ({ signal }) =>
      apiFetch<TPublicFeedbackForm>(`/api/public/training-feedback/${encodeURIComponent(token)}`, { signal, expectUnauthenticated: true }),
    retry: false,
  });
}

export function useSubmitPublicFeedback(token: string) {
  return useMutation({
    mutationFn: (body: TPublicFeedbackInput) =>
      apiFetch<{ ok: true }>(`/api/public/training-feedback/${encodeURIComponent(token)}`, {
        method: 'POST',
        body,
        expectUnauthenticated: true,
      }),
  });
}

export function usePublicCertificate(code: string) {
  return useQuery({
    queryKey: ['public-certificate', code],
    queryFn: ({ signal }) =>
      apiFetch<TPublicCertificate>(`/api/public/training-certificates/${encodeURIComponent(code)}`, {
        signal,
        expectUnauthenticated: true,
      }),
    retry: false,
  });
}
