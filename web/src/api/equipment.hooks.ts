import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TEquipmentDetail,
  TEquipmentQuery,
  TSnLookupResult,
  TUpdateEquipment,
  ZContractEquipmentQuery,
  ZCreateEquipment,
  ZEquipment,
} from '@contract/equipment';
import { apiFetch, type TPageOf } from './client';

/** The query as the server reads it (defaults applied). */
export type TEquipmentListQuery = TEquipmentQuery;
export type TContractEquipmentQuery = z.infer<typeof ZContractEquipmentQuery>;

export const equipmentKeys = {
  all: () => ['equipment'] as const,
  lists: () => [...equipmentKeys.all(), 'list'] as const,
  list: (query: TEquipmentListQuery) => [...equipmentKeys.lists(), query] as const,
  ofContract: (contractId: number, query: TContractEquipmentQuery) => [...equipmentKeys.lists(), 'contract', contractId, query] as const,
  details: () => [...equipmentKeys.all(), 'detail'] as const,
  detail: (id: number) => [...equipmentKeys.details(), id] as const,
  bySn: (sn: string) => [...equipmentKeys.all(), 'sn', sn] as const,
};

export function useEquipmentList(query: TEquipmentListQuery) {
  return useQuery({
    queryKey: equipmentKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZEquipment>>('/api/equipment', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** R-PM-5: the units a contract covers. */
export function useContractEquipment(contractId: number, query: TContractEquipmentQuery) {
  return useQuery({
    queryKey: equipmentKeys.ofContract(contractId, query),
    queryFn: ({ signal }) => apiFetch<TPageOf<typeof ZEquipment>>(`/api/contracts/${contractId}/equipment`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEquipment(id: number | undefined) {
  return useQuery({
    queryKey: equipmentKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiFetch<TEquipmentDetail>(`/api/equipment/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

/** Units with exactly this serial number (any case); used by the SN box and the header search. */
export function fetchEquipmentBySn(sn: string, signal?: AbortSignal): Promise<TSnLookupResult> {
  return apiFetch<TSnLookupResult>(`/api/equipment/by-sn/${encodeURIComponent(sn.trim())}`, { signal });
}

function useEquipmentWritten() {
  const qc = useQueryClient();
  return (unit: TEquipmentDetail) => {
    qc.setQueryData(equipmentKeys.detail(unit.id), unit);
    return Promise.all([
      qc.invalidateQueries({ queryKey: equipmentKeys.lists() }),
      // Completeness may depend on the installed base (license data, R-GOODS-6).
      qc.invalidateQueries({ queryKey: ['documents', 'completeness'] }),
    ]);
  };
}

export function useCreateEquipment() {
  const written = useEquipmentWritten();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateEquipment>) => apiFetch<TEquipmentDetail>('/api/equipment', { method: 'POST', body }),
    onSuccess: written,
  });
}

export function useUpdateEquipment() {
  const qc = useQueryClient();
  const written = useEquipmentWritten();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateEquipment }) =>
      apiFetch<TEquipmentDetail>(`/api/equipment/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: written,
    onError: () => qc.invalidateQueries({ queryKey: equipmentKeys.all() }),
  });
}

/** A manager removes a unit, saying why (soft delete: the records that name it keep it). */
export function useDeleteEquipment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      apiFetch<{ ok: true }>(`/api/equipment/${id}`, { method: 'DELETE', query: { reason } }),
    onSuccess: (_r, { id }) => {
      qc.removeQueries({ queryKey: equipmentKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: equipmentKeys.lists() });
    },
  });
}
