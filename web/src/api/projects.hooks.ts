import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TProject, TProjectQuery, TUpdateProject, TUpdateProjectTeam, ZCreateProject, ZProject } from '@contract/projects';
import { apiFetch, type TPageOf } from './client';

export type TProjectListQuery = TProjectQuery;

export const projectKeys = {
  all: () => ['projects'] as const,
  lists: () => [...projectKeys.all(), 'list'] as const,
  list: (query: TProjectListQuery) => [...projectKeys.lists(), query] as const,
  details: () => [...projectKeys.all(), 'detail'] as const,
  detail: (id: number) => [...projectKeys.details(), id] as const,
};

export function useProjects(query: TProjectListQuery) {
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZProject>>('/api/projects', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: number | undefined) {
  return useQuery({
    queryKey: projectKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TProject>(`/api/projects/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

function useProjectWritten() {
  const qc = useQueryClient();
  return (p: TProject) => {
    qc.setQueryData(projectKeys.detail(p.id), p);
    return qc.invalidateQueries({ queryKey: projectKeys.lists() });
  };
}

export function useCreateProject() {
  const written = useProjectWritten();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateProject>) => apiFetch<TProject>('/api/projects', { method: 'POST', body }),
    onSuccess: written,
  });
}

/** `patch.version` must be the version the user saw. */
export function useUpdateProject() {
  const qc = useQueryClient();
  const written = useProjectWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateProject }) =>
      apiFetch<TProject>(`/api/projects/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: projectKeys.all() }),
  });
}

/** R-ORG-4: members and linked contracts — the technical manager, or the project's own manager. */
export function useUpdateProjectTeam() {
  const qc = useQueryClient();
  const written = useProjectWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateProjectTeam }) =>
      apiFetch<TProject>(`/api/projects/${id}/team`, { method: 'PATCH', body: patch }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: projectKeys.all() }),
  });
}

/** R-ORG-4: the signed-in participant agrees to the project's plan. */
export function useAgreeToProject() {
  const written = useProjectWritten();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note?: string }) =>
      apiFetch<TProject>(`/api/projects/${id}/agree`, { method: 'POST', body: note ? { note } : {} }),
    onSuccess: written,
  });
}
