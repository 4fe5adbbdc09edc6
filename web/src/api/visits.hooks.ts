import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCheckIn,
  TCheckOut,
  TRecordApproval,
  TRecordBackup,
  TRecordExtraRequest,
  TRecordPreVisitCall,
  TRecordProblem,
  TRecordVisitAction,
  TRecordVisitUnit,
  TStartTravel,
  TVisit,
  TVisitBriefing,
  TVisitQuery,
  TWarrantyRegistrationQuery,
  ZUnitCandidates,
  ZVisitListItem,
  ZWarrantyRegistration,
} from '@contract/visits';
import type { TChecklistPhoto } from '@contract/checklists';
import type { z } from 'zod';
import { apiFetch, type TPageOf } from './client';
import { sendMultipart } from './documents.hooks';
import { myWorkKeys, serviceRequestKeys } from './service-requests.hooks';

export type TVisitPage = TPageOf<typeof ZVisitListItem>;
export type TWarrantyRegistrationPage = TPageOf<typeof ZWarrantyRegistration>;
export type TUnitCandidates = z.infer<typeof ZUnitCandidates>;

export const visitKeys = {
  all: () => ['visits'] as const,
  list: (query: Partial<TVisitQuery>) => [...visitKeys.all(), 'list', query] as const,
  one: (id: number) => [...visitKeys.all(), 'one', id] as const,
  briefing: (id: number) => [...visitKeys.all(), 'briefing', id] as const,
  candidates: (id: number) => [...visitKeys.all(), 'candidates', id] as const,
  registrations: (query: TWarrantyRegistrationQuery) => [...visitKeys.all(), 'registrations', query] as const,
};

/** A page of visits as a query (`ahead`: prefetched, a 401 not the session ending). */
export const visitsQuery = (query: Partial<TVisitQuery>, ahead = false) => ({
  queryKey: visitKeys.list(query),
  queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<TVisitPage>('/api/visits', { query, signal, expectUnauthenticated: ahead }),
});

export function useVisits(query: Partial<TVisitQuery>) {
  return useQuery({ ...visitsQuery(query), placeholderData: keepPreviousData });
}

/** Every engineer's visits, for the managers (the requests each may read). */
export function useAllVisits(query: TVisitQuery) {
  return useQuery({
    queryKey: [...visitKeys.all(), 'all', query] as const,
    queryFn: ({ signal }) => apiFetch<TVisitPage>('/api/visits/all', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVisit(id: number) {
  return useQuery({ queryKey: visitKeys.one(id), queryFn: ({ signal }) => apiFetch<TVisit>(`/api/visits/${id}`, { signal }) });
}

export function useVisitBriefing(id: number) {
  return useQuery({
    queryKey: visitKeys.briefing(id),
    queryFn: ({ signal }) => apiFetch<TVisitBriefing>(`/api/visits/${id}/briefing`, { signal }),
  });
}

export function useUnitCandidates(id: number, enabled: boolean) {
  return useQuery({
    queryKey: visitKeys.candidates(id),
    queryFn: ({ signal }) => apiFetch<TUnitCandidates>(`/api/visits/${id}/unit-candidates`, { signal }),
    enabled,
  });
}

export function useCreateVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (serviceRequestId: number) =>
      apiFetch<TVisit>(`/api/service-requests/${serviceRequestId}/visits`, { method: 'POST', body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: visitKeys.all() }),
  });
}

type TStep =
  | { step: 'pre-visit-call'; body: TRecordPreVisitCall }
  | { step: 'travel'; body: TStartTravel }
  | { step: 'check-in'; body: TCheckIn }
  | { step: 'check-out'; body: TCheckOut }
  | { step: 'problems'; body: TRecordProblem }
  | { step: 'extra-requests'; body: TRecordExtraRequest }
  | { step: 'backup'; body: TRecordBackup }
  | { step: 'approvals'; body: TRecordApproval }
  | { step: 'actions'; body: TRecordVisitAction }
  | { step: 'units'; body: TRecordVisitUnit };

/** One step of the visit (each answers the visit as it now is); the request's state may move with it. */
export function useVisitStep(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: TStep) => apiFetch<TVisit>(`/api/visits/${id}/${s.step}`, { method: 'POST', body: s.body }),
    onSuccess: (visit) => qc.setQueryData(visitKeys.one(id), visit),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: visitKeys.all() });
      void qc.invalidateQueries({ queryKey: myWorkKeys.all() });
      void qc.invalidateQueries({ queryKey: serviceRequestKeys.all() });
    },
  });
}

/** A photo from the phone's camera (PNG or JPEG), sent as a multipart form. */
export function useAddVisitPhoto(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TVisit>(qc, `/api/visits/${id}/photos`, form);
    },
    onSuccess: (visit) => qc.setQueryData(visitKeys.one(id), visit),
  });
}

/** A photo for a photo item of the arrival checklist: kept now, named in the answers at check-in. */
export function useAddArrivalPhoto(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, file }: { key: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TChecklistPhoto>(qc, `/api/visits/${id}/checklist/${key}/photos`, form);
    },
  });
}

export function useWarrantyRegistrations(query: TWarrantyRegistrationQuery) {
  return useQuery({
    queryKey: visitKeys.registrations(query),
    queryFn: ({ signal }) => apiFetch<TWarrantyRegistrationPage>('/api/visits/warranty-registrations', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRegistered() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitId: number) => apiFetch<{ ok: true }>(`/api/visit-units/${unitId}/registered`, { method: 'POST', body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: visitKeys.all() }),
  });
}
