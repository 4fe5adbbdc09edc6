import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TChecklistTemplate, TCreateChecklistTemplate, TUpdateChecklistTemplate } from '@contract/checklists';
import { apiFetch } from './client';

export const checklistKeys = {
  all: () => ['checklist-templates'] as const,
  list: (all: boolean) => [...checklistKeys.all(), 'list', all] as const,
};

/** Every template (the admin page shows those switched off too). */
export function useChecklistTemplates(all = true) {
  return useQuery({
    queryKey: checklistKeys.list(all),
    queryFn: ({ signal }) =>
      apiFetch<{ items: TChecklistTemplate[] }>('/api/checklist-templates', {
        query: { all: all ? 'true' : undefined, pageSize: 200 },
        signal,
      }),
    select: (r) => r.items,
  });
}

export function useCreateChecklistTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateChecklistTemplate) => apiFetch<TChecklistTemplate>('/api/checklist-templates', { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: checklistKeys.all() }),
  });
}

/** Saves as the template's next version. */
export function useUpdateChecklistTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TUpdateChecklistTemplate }) =>
      apiFetch<TChecklistTemplate>(`/api/checklist-templates/${id}`, { method: 'PATCH', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: checklistKeys.all() }),
  });
}
