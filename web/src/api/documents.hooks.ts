import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TArchiveLevel,
  TDocument,
  TDocumentCompleteness,
  TDocumentType,
  TDocumentVersion,
  TOriginalHolder,
  TUpdateDocument,
  ZArchiveTreeQuery,
  ZDocument,
  ZDocumentQuery,
} from '@contract/documents';
import type { TMe } from '@contract/users';
import { ApiError, asErrorBody, codeForStatus, NETWORK_ERROR } from './api-error';
import { apiFetch, type TPageOf, toQueryString } from './client';
import { markSessionLost, meKeys } from './me.hooks';

/** As sent: every filter optional (the server applies the defaults). */
export type TDocumentListQuery = Partial<z.infer<typeof ZDocumentQuery>>;
export type TArchiveTreeQuery = Partial<z.infer<typeof ZArchiveTreeQuery>>;

export const documentKeys = {
  all: () => ['documents'] as const,
  lists: () => [...documentKeys.all(), 'list'] as const,
  list: (query: TDocumentListQuery) => [...documentKeys.lists(), query] as const,
  versions: (id: number) => [...documentKeys.all(), 'versions', id] as const,
  completenessAll: () => [...documentKeys.all(), 'completeness'] as const,
  completeness: (contractId: number) => [...documentKeys.completenessAll(), contractId] as const,
};

export const archiveKeys = {
  all: () => ['archive'] as const,
  level: (query: TArchiveTreeQuery) => [...archiveKeys.all(), query] as const,
};

/** The documents the reader may see: for technical roles the original contract is simply absent (R-ORG-5). */
export function useDocuments(query: TDocumentListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: documentKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZDocument>>('/api/documents', { query, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useDocumentVersions(id: number, enabled = true) {
  return useQuery({
    queryKey: documentKeys.versions(id),
    queryFn: ({ signal }) => apiFetch<{ items: TDocumentVersion[] }>(`/api/documents/${id}/versions`, { signal }),
    select: (r) => r.items,
    enabled,
  });
}

/** R-FLOW-2: the types a contract's service kinds call for, and which are missing. */
export function useDocumentCompleteness(contractId: number) {
  return useQuery({
    queryKey: documentKeys.completeness(contractId),
    queryFn: ({ signal }) => apiFetch<TDocumentCompleteness>(`/api/contracts/${contractId}/documents/completeness`, { signal }),
  });
}

/** One level of the archive tree (R-ORG-6): industries; an industry's customers; a customer's contracts. */
export function fetchArchiveLevel(query: TArchiveTreeQuery, signal?: AbortSignal): Promise<TArchiveLevel> {
  return apiFetch<TArchiveLevel>('/api/archive/tree', { query, signal });
}

export function useArchiveLevel(query: TArchiveTreeQuery) {
  return useQuery({ queryKey: archiveKeys.level(query), queryFn: ({ signal }) => fetchArchiveLevel(query, signal) });
}

/** Where a download link points: always served as an attachment by the server. */
export function documentDownloadUrl(id: number, version?: number): string {
  return `/api/documents/${id}/download${toQueryString({ version })}`;
}

// ── Uploads: multipart, sent with XMLHttpRequest so the form can show progress ──

export interface TNewDocument {
  contractId?: number;
  customerId?: number;
  type: TDocumentType;
  title: string;
  notes?: string | null;
  isCopy?: boolean;
  originalHolder?: TOriginalHolder | null;
  originalHolderNote?: string | null;
  priceSensitive?: boolean;
  versionNote?: string | null;
  file: File;
}

/** 0–100 while the file is sent. */
export type TProgress = (percent: number) => void;

/** Send a multipart form (the file part last) with the session's CSRF token; errors parsed as every API error. */
export function sendMultipart<T>(
  qc: QueryClient,
  path: string,
  form: FormData,
  onProgress?: TProgress,
  method: 'POST' | 'PUT' = 'POST',
): Promise<T> {
  // The session's CSRF token, as `/api/me` or sign-in delivered it.
  const csrf = qc.getQueryData<TMe | null>(meKeys.me())?.csrfToken;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: NETWORK_ERROR, message: 'network error', requestId: '' }));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      if (xhr.status === 401) markSessionLost(qc);
      const body = asErrorBody(data) ?? {
        code: codeForStatus(xhr.status),
        message: xhr.statusText || `HTTP ${xhr.status}`,
        requestId: xhr.getResponseHeader('x-request-id') ?? '',
      };
      reject(new ApiError(xhr.status, body));
    };
    xhr.send(form);
  });
}

function appendFields(form: FormData, fields: Record<string, string | number | boolean | null | undefined>) {
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    form.append(k, String(v));
  }
}

function useDocumentsChanged() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: documentKeys.all() }), qc.invalidateQueries({ queryKey: archiveKeys.all() })]);
}

export function useUploadDocument() {
  const qc = useQueryClient();
  const changed = useDocumentsChanged();
  return useMutation({
    mutationFn: ({ doc, onProgress }: { doc: TNewDocument; onProgress?: TProgress }) => {
      const form = new FormData();
      const { file, ...fields } = doc;
      // Text fields first, the file last: the server reads the parts in order.
      appendFields(form, fields);
      form.append('file', file, file.name);
      return sendMultipart<TDocument>(qc, '/api/documents', form, onProgress);
    },
    onSuccess: changed,
  });
}

export function useAddDocumentVersion() {
  const qc = useQueryClient();
  const changed = useDocumentsChanged();
  return useMutation({
    mutationFn: ({ id, file, note, onProgress }: { id: number; file: File; note?: string | null; onProgress?: TProgress }) => {
      const form = new FormData();
      appendFields(form, { note });
      form.append('file', file, file.name);
      return sendMultipart<TDocument>(qc, `/api/documents/${id}/versions`, form, onProgress);
    },
    onSuccess: changed,
  });
}

export function useUpdateDocument() {
  const changed = useDocumentsChanged();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateDocument }) =>
      apiFetch<TDocument>(`/api/documents/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: changed,
    onError: changed,
  });
}

/** Withdrawn documents are kept and audited, but leave lists, the tree and search. */
export function useWithdrawDocument() {
  const changed = useDocumentsChanged();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason?: string }) =>
      apiFetch<TDocument>(`/api/documents/${id}`, { method: 'DELETE', query: { reason } }),
    onSuccess: changed,
  });
}
