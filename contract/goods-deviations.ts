import { z } from 'zod';
import { ZNumberRef, ZPageQuery, ZRef, ZTimestamp, ZId } from './common';

// ── Goods deviation 到货异常 (R-ORG-8): delivered goods wrong, missing or damaged ──

export const GOODS_DEVIATION_KINDS = ['wrong', 'missing', 'damaged'] as const;
export const ZGoodsDeviationKind = z.enum(GOODS_DEVIATION_KINDS);
export type TGoodsDeviationKind = z.infer<typeof ZGoodsDeviationKind>;
export const GOODS_DEVIATION_KIND_LABELS: Record<TGoodsDeviationKind, { zh: string; en: string }> = {
  wrong: { zh: '发错货', en: 'Wrong goods' },
  missing: { zh: '缺货', en: 'Missing goods' },
  damaged: { zh: '货物损坏', en: 'Damaged goods' },
};

export const GOODS_DEVIATION_STATES = ['open', 'closed'] as const;
export const ZGoodsDeviationState = z.enum(GOODS_DEVIATION_STATES);
export type TGoodsDeviationState = z.infer<typeof ZGoodsDeviationState>;

export const ZGoodsDeviationItem = z.strictObject({
  description: z.string().trim().min(1).max(500),
  quantity: z.number().int().min(1).max(1_000_000),
});

/** A photo's file types and size (the type is sniffed from the content by the upload). */
export const GOODS_DEVIATION_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const GOODS_DEVIATION_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const ZGoodsDeviationPhoto = z.object({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  uploadedAt: ZTimestamp,
});
export const ZGoodsDeviationPhotoParams = z.strictObject({ id: ZId, photoId: ZId });

export const ZGoodsDeviation = z.object({
  id: z.number().int(),
  number: z.string(),
  contract: ZNumberRef,
  customer: ZRef,
  kind: ZGoodsDeviationKind,
  items: z.array(z.object({ description: z.string(), quantity: z.number().int() })),
  note: z.string().nullable(),
  state: ZGoodsDeviationState,
  reportedBy: ZRef.nullable(),
  reportedAt: ZTimestamp,
  /** What commerce did (replacement shipped, credit note…), written when closing. */
  resolution: z.string().nullable(),
  closedBy: ZRef.nullable(),
  closedAt: ZTimestamp.nullable(),
  /** Photos of what arrived (downloaded, never shown inline). */
  photos: z.array(ZGoodsDeviationPhoto),
  version: z.number().int(),
});
export type TGoodsDeviation = z.infer<typeof ZGoodsDeviation>;

export const ZReportGoodsDeviation = z.strictObject({
  kind: ZGoodsDeviationKind,
  items: z.array(ZGoodsDeviationItem).min(1).max(200),
  note: z.string().trim().max(4000).optional(),
});
export type TReportGoodsDeviation = z.infer<typeof ZReportGoodsDeviation>;

export const ZCloseGoodsDeviation = z.strictObject({
  version: z.number().int(),
  resolution: z.string().trim().min(1).max(4000),
});
export type TCloseGoodsDeviation = z.infer<typeof ZCloseGoodsDeviation>;

export const ZGoodsDeviationQuery = ZPageQuery.extend({
  state: ZGoodsDeviationState.optional(),
  contractId: z.coerce.number().int().positive().optional(),
}).strict();
export type TGoodsDeviationQuery = z.infer<typeof ZGoodsDeviationQuery>;
