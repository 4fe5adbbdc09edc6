import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateLicence,
  TInspectionDetail,
  TInspectionQuery,
  TLicence,
  TLicenceQuery,
  TUpdateLicence,
  ZInspection,
  ZLicence,
} from '@contract/inspections';
import { apiFetch, type TPageOf } from './client';
import { sendMultipart } from './documents.hooks';

export type TInspectionPage = TPageOf<typeof ZInspection>;
export type TLicencePage = TPageOf<typeof ZLicence>;

export const inspectionKeys = {
  all: () => ['inspections'] as const,
  list: (query: TInspectionQuery) => [...inspectionKeys.all(), 'list', query] as const,
  one: (id: number) => [...inspectionKeys.all(), 'one', id] as const,
  licences: (query: TLicenceQuery) => [...inspectionKeys.all(), 'licences', query] as const,
};

export function useInspections(query: TInspectionQuery) {
  return useQuery({
    queryKey: inspectionKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TInspectionPage>('/api/inspections', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInspection(id: number | undefined) {
  return useQuery({
    queryKey: inspectionKeys.one(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TInspectionDetail>(`/api/inspections/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

/** R-GOODS-1: open the inspection record of a goods-inspection request. */
export function useOpenInspection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, plannedShipDate }: { requestId: number; plannedShipDate?: string | null }) =>
      apiFetch<TInspectionDetail>(`/api/service-requests/${requestId}/inspection`, { method: 'POST', body: { plannedShipDate } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.all() }),
  });
}

/**
 * Any step on one inspection (units, consent, checklist, burn-in, ready, delivery note): each
 * answers the inspection as it is now, which replaces the cached one.
 */
export function useInspectionStep(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method = 'POST', body }: { path: string; method?: 'POST' | 'PATCH'; body: unknown }) =>
      apiFetch<TInspectionDetail>(`/api/inspections/${id}${path}`, { method, body }),
    onSuccess: (d) => {
      qc.setQueryData(inspectionKeys.one(id), d);
      void qc.invalidateQueries({ queryKey: [...inspectionKeys.all(), 'list'] });
    },
  });
}

/** An upload on one inspection (a burn-in's test log, a delivery note's signature or scan). */
export function useInspectionUpload(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      path,
      file,
      fileName,
      fields = {},
    }: {
      path: string;
      file: Blob;
      fileName: string;
      fields?: Record<string, string>;
    }) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', file, fileName);
      return sendMultipart<TInspectionDetail>(qc, `/api/inspections/${id}${path}`, form);
    },
    onSuccess: (d) => qc.setQueryData(inspectionKeys.one(id), d),
  });
}

export function useRaiseInspectionDeviation(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'wrong' | 'missing' | 'damaged'; note?: string }) =>
      apiFetch<{ id: number; number: string }>(`/api/inspections/${id}/deviations`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.one(id) }),
  });
}

export function useLicences(query: TLicenceQuery) {
  return useQuery({
    queryKey: inspectionKeys.licences(query),
    queryFn: ({ signal }) => apiFetch<TLicencePage>('/api/licences', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateLicence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ contractId, body }: { contractId: number; body: TCreateLicence }) =>
      apiFetch<TLicence>(`/api/contracts/${contractId}/licences`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.all() }),
  });
}

export function useUpdateLicence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TUpdateLicence }) =>
      apiFetch<TLicence>(`/api/licences/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.all() }),
  });
}

/** The key is sent once and filed in the archive; it never comes back. */
export function useStoreLicenceKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, key }: { id: number; version: number; key: string }) =>
      apiFetch<TLicence>(`/api/licences/${id}/key`, { method: 'POST', body: { version, key } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.all() }),
  });
}
