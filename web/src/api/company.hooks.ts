import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCompanyProfile, TUpdateCompanyProfile } from '@contract/company';
import { apiFetch } from './client';
import { sendMultipart } from './documents.hooks';

export const companyKeys = {
  all: () => ['company-profile'] as const,
  logo: (version: number) => [...companyKeys.all(), 'logo', version] as const,
};

/** The company header of printed forms. */
export function useCompanyProfile() {
  return useQuery({ queryKey: companyKeys.all(), queryFn: ({ signal }) => apiFetch<TCompanyProfile>('/api/company-profile', { signal }) });
}

/**
 * The logo as an object URL to preview: the server sends it only as an attachment, so it is
 * fetched as bytes and shown from memory, never from the API's address.
 */
export function useCompanyLogoUrl(profile: TCompanyProfile | undefined) {
  return useQuery({
    queryKey: companyKeys.logo(profile?.version ?? 0),
    enabled: Boolean(profile?.hasLogo),
    queryFn: async ({ signal }) => {
      const r = await fetch('/api/company-profile/logo', { credentials: 'same-origin', signal });
      return r.ok ? URL.createObjectURL(await r.blob()) : null;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useUpdateCompanyProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateCompanyProfile) => apiFetch<TCompanyProfile>('/api/company-profile', { method: 'PATCH', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: companyKeys.all() }),
  });
}

export function useUploadCompanyLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TCompanyProfile>(qc, '/api/company-profile/logo', form, undefined, 'PUT');
    },
    onSettled: () => qc.invalidateQueries({ queryKey: companyKeys.all() }),
  });
}

export function useRemoveCompanyLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TCompanyProfile>('/api/company-profile/logo', { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: companyKeys.all() }),
  });
}
