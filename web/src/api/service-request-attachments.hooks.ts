import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TServiceRequestAttachment } from '@contract/service-requests';
import { apiFetch } from './client';
import { sendMultipart } from './documents.hooks';

export const attachmentKeys = { of: (id: number) => ['service-requests', 'attachments', id] as const };

/** The request's photos and files as a query (`ahead`: prefetched, a 401 not the session ending). */
export const attachmentsQuery = (id: number, ahead = false) => ({
  queryKey: attachmentKeys.of(id),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiFetch<TServiceRequestAttachment[]>(`/api/service-requests/${id}/attachments`, { signal, expectUnauthenticated: ahead }),
});

/** The request's photos and files. */
export function useServiceRequestAttachments(id: number) {
  return useQuery(attachmentsQuery(id));
}

/** Attach a photo or file to the request (multipart). */
export function useAddServiceRequestAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TServiceRequestAttachment[]>(qc, `/api/service-requests/${id}/attachments`, form);
    },
    onSettled: (_d, _e, v) => qc.invalidateQueries({ queryKey: attachmentKeys.of(v.id) }),
  });
}
