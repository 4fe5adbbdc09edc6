import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TLocale } from '@contract/common';
import type { TAction } from '@contract/permissions';
import type { TMe, ZChangePassword, ZLogin, ZLoginResult, ZSessionProbe } from '@contract/users';
import { apiFetch, setCsrfToken } from './client';

export const meKeys = {
  me: () => ['me'] as const,
};

/**
 * The signed-in user, or `null` when nobody is signed in. Keeps the CSRF token current. The
 * session probe answers 200 either way, so opening the sign-in page logs no failed request.
 */
export async function fetchMe(): Promise<TMe | null> {
  const { me } = await apiFetch<z.infer<typeof ZSessionProbe>>('/api/session', { expectUnauthenticated: true });
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

/** The session probe as a query: for `useMe`, and for the router, which asks as navigation starts. */
export const meQuery = { queryKey: meKeys.me(), queryFn: fetchMe, staleTime: 5 * 60_000 };

export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user, inside routes behind the sign-in guard. */
export function useCurrentUser(): TMe {
  const me = useMe().data;
  if (!me) throw new Error('useCurrentUser outside a signed-in route');
  return me;
}

/** Whether the signed-in user may take `action` (contract/permissions.ts, as computed by the server). */
export function useCan(action: TAction): boolean {
  return useMe().data?.permissions.includes(action) ?? false;
}

let sessionLost = false;

/** Forget everything cached for the previous user and record who is signed in now. */
export function setSignedIn(qc: QueryClient, me: TMe | null): void {
  sessionLost = false;
  setCsrfToken(me?.csrfToken ?? null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.me()[0] });
  qc.setQueryData(meKeys.me(), me);
}

/**
 * A call answered 401 while signed in: the session expired or was revoked elsewhere.
 * The route guard then sends the user to sign in, where `isSessionLost` explains why.
 */
export function markSessionLost(qc: QueryClient): void {
  sessionLost = true;
  setCsrfToken(null);
  qc.setQueryData(meKeys.me(), null);
}

export function isSessionLost(): boolean {
  return sessionLost;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZLogin>) =>
      apiFetch<z.infer<typeof ZLoginResult>>('/api/auth/login', { method: 'POST', body, expectUnauthenticated: true }),
    onSuccess: (result) => setSignedIn(qc, { ...result.user, csrfToken: result.csrfToken }),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    // A session that already ended is as good as a successful logout.
    mutationFn: () => apiFetch<{ ok: true }>('/api/auth/logout', { method: 'POST', expectUnauthenticated: true }).catch(() => null),
    onSettled: () => setSignedIn(qc, null),
  });
}

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { locale: TLocale }) => apiFetch<TMe>('/api/me/preferences', { method: 'PATCH', body }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(meKeys.me(), me);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: z.input<typeof ZChangePassword>) => apiFetch<{ ok: true }>('/api/me/password', { method: 'POST', body }),
  });
}
