import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZId = z.coerce.number().int().positive();
export const ZIdParams = z.strictObject({ id: ZId });

/** ISO-8601 timestamp in UTC, as stored and sent. */
export const ZTimestamp = z.string();

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** `{ items, total, page, pageSize }` — the shape of every list response. */
export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ZOk = z.object({ ok: z.literal(true) });
