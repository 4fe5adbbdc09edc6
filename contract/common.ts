import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZId = z.coerce.number().int().positive();
export const ZIdParams = z.strictObject({ id: ZId });

/** A reference to a named record (a person, a customer): what lists and details embed. */
export const ZRef = z.object({ id: z.number().int(), name: z.string() });
/** A reference to a numbered record (a contract, a service request). */
export const ZNumberRef = z.object({ id: z.number().int(), number: z.string() });

/** ISO-8601 timestamp in UTC, as stored and sent. */
export const ZTimestamp = z.string();

/** An instant as sent by clients: any ISO-8601 with offset; stored as UTC. */
export const ZInstantInput = z.iso.datetime({ offset: true });
/** A calendar date as sent by clients (`YYYY-MM-DD`). */
export const ZDateInput = z.iso.date();

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** `{ items, total, page, pageSize }` — the shape of every list response. */
export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ZOk = z.object({ ok: z.literal(true) });
