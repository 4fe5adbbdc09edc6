import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TRole } from '@contract/roles';
import type { TUpdateUser, TUser, TUserOption, ZCreateUser, ZResetPassword, ZUser, ZUserQuery } from '@contract/users';
import { apiFetch, type TPageOf } from './client';

/** The query as the server reads it (defaults applied). */
export type TUserListQuery = z.infer<typeof ZUserQuery>;

export const userKeys = {
  all: () => ['users'] as const,
  lists: () => [...userKeys.all(), 'list'] as const,
  list: (query: TUserListQuery) => [...userKeys.lists(), query] as const,
  details: () => [...userKeys.all(), 'detail'] as const,
  detail: (id: number) => [...userKeys.details(), id] as const,
  options: (role: TRole | undefined) => [...userKeys.all(), 'options', role ?? 'any'] as const,
};

/** Active colleagues (optionally holding a role) to pick in forms: open to every signed-in user. */
export function useUserOptions(role: TRole | undefined) {
  return useQuery({
    queryKey: userKeys.options(role),
    queryFn: ({ signal }) => apiFetch<{ items: TUserOption[] }>('/api/users/options', { query: role ? { role } : {}, signal }),
    staleTime: 60_000,
  });
}

export function useUsers(query: TUserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZUser>>('/api/users', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: number | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TUser>(`/api/users/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateUser>) => apiFetch<TUser>('/api/users', { method: 'POST', body }),
    onSuccess: (user) => {
      qc.setQueryData(userKeys.detail(user.id), user);
      return qc.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}

/** Edit, (de)activate or change roles; `patch.version` must be the version the user saw. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateUser }) =>
      apiFetch<TUser>(`/api/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (user) => {
      qc.setQueryData(userKeys.detail(user.id), user);
      return qc.invalidateQueries({ queryKey: userKeys.lists() });
    },
    // A stale version (409) means the list is out of date too.
    onError: () => qc.invalidateQueries({ queryKey: userKeys.all() }),
  });
}

export function useResetUserPassword() {
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: z.input<typeof ZResetPassword> }) =>
      apiFetch<{ ok: true }>(`/api/users/${id}/password`, { method: 'POST', body }),
  });
}
