import type { TServiceRequestAttachment } from '@contract/service-requests';
import type { TServiceRequestHistory } from '@contract/service-request-history';
import { queryClient } from '../app/query-client';
import { apiFetch } from './client';
import { attachmentKeys } from './service-request-attachments.hooks';
import { prefetchServiceRequest, serviceRequestKeys } from './service-requests.hooks';
import { type TVisitPage, visitKeys } from './visits.hooks';

/** The query of a request's visits on its page (features/visits/service-request-visits.tsx). */
export const requestVisitsQuery = (id: number) => ({ serviceRequestId: id, page: 1, pageSize: 100 });

/**
 * A request's page asks for its form and, at the same moment, the sections below it (history,
 * attachments, visits) — not one after the other once the form has drawn, which on a phone's slow
 * network was one more round trip and one more render after the page appeared. Escalations are
 * left to their section: whether they may be read depends on the user's permissions.
 */
export function prefetchServiceRequestPage(id: number): void {
  if (!Number.isInteger(id) || id <= 0) return;
  prefetchServiceRequest(id);
  const get = <T>(url: string, query?: Record<string, number>) => ({ signal }: { signal: AbortSignal }) =>
    apiFetch<T>(url, { query, signal, expectUnauthenticated: true });
  void queryClient.prefetchQuery({
    queryKey: serviceRequestKeys.history(id),
    queryFn: get<TServiceRequestHistory>(`/api/service-requests/${id}/history`),
  });
  void queryClient.prefetchQuery({
    queryKey: attachmentKeys.of(id),
    queryFn: get<TServiceRequestAttachment[]>(`/api/service-requests/${id}/attachments`),
  });
  void queryClient.prefetchQuery({
    queryKey: visitKeys.list(requestVisitsQuery(id)),
    queryFn: get<TVisitPage>('/api/visits', requestVisitsQuery(id)),
  });
}
