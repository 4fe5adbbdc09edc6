import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCloseGoodsDeviation,
  TGoodsDeviation,
  TGoodsDeviationQuery,
  TReportGoodsDeviation,
  ZGoodsDeviation,
} from '@contract/goods-deviations';
import { apiFetch, type TPageOf } from './client';
import { sendMultipart } from './documents.hooks';

export type TGoodsDeviationPage = TPageOf<typeof ZGoodsDeviation>;

export const goodsDeviationKeys = {
  all: () => ['goods-deviations'] as const,
  list: (query: TGoodsDeviationQuery) => [...goodsDeviationKeys.all(), 'list', query] as const,
};

export function useGoodsDeviations(query: TGoodsDeviationQuery) {
  return useQuery({
    queryKey: goodsDeviationKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TGoodsDeviationPage>('/api/goods-deviations', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** R-ORG-8: report on a contract; the sales owner and commerce are told at once. */
export function useReportGoodsDeviation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ contractId, body }: { contractId: number; body: TReportGoodsDeviation }) =>
      apiFetch<TGoodsDeviation>(`/api/contracts/${contractId}/goods-deviations`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: goodsDeviationKeys.all() }),
  });
}

export function useCloseGoodsDeviation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TCloseGoodsDeviation }) =>
      apiFetch<TGoodsDeviation>(`/api/goods-deviations/${id}/close`, { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: goodsDeviationKeys.all() }),
  });
}

/** A photo of what arrived (PNG or JPEG), sent as a multipart form. */
export function useAddGoodsDeviationPhoto() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return sendMultipart<TGoodsDeviation>(qc, `/api/goods-deviations/${id}/photos`, form);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: goodsDeviationKeys.all() }),
  });
}
