import { queryClient } from '../app/query-client';
import { attachmentsQuery } from './service-request-attachments.hooks';
import { prefetchServiceRequest, serviceRequestHistoryQuery } from './service-requests.hooks';
import { visitsQuery } from './visits.hooks';

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
  void queryClient.prefetchQuery(serviceRequestHistoryQuery(id, true));
  void queryClient.prefetchQuery(attachmentsQuery(id, true));
  void queryClient.prefetchQuery(visitsQuery(requestVisitsQuery(id), true));
}
