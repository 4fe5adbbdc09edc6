import { z } from 'zod';
import type { TAction } from './permissions';

/** The kinds of record the search box finds, in the order their groups are shown. */
/** New kinds go last: a kind's stored tokens are prefixed by its position (search-tokens kindPrefix). */
export const SEARCH_KINDS = ['customer', 'contact', 'contract', 'equipment', 'document', 'call', 'service_request'] as const;
export const ZSearchKind = z.enum(SEARCH_KINDS);
export type TSearchKind = z.infer<typeof ZSearchKind>;

/** What a role must hold to see results of a kind (on top of `search.use`). */
export const SEARCH_KIND_PERMISSION = {
  customer: 'customers.read',
  contact: 'customers.read',
  contract: 'contracts.read',
  equipment: 'equipment.read',
  document: 'documents.read',
  call: 'calls.read',
  /** Within the reader's scope of requests (an engineer: his own). */
  service_request: 'service_requests.read',
} as const satisfies Record<TSearchKind, TAction>;

/** A group's `total` counts up to this many matches, then says `totalCapped`. */
export const SEARCH_TOTAL_CAP = 1000;
export const SEARCH_MAX_LIMIT = 50;

/**
 * `GET /api/search?q=硬盘&kinds=customer,equipment&limit=10`. `kinds` is a comma-separated
 * list; omitted, every kind the user may read. `limit` is per group.
 */
export const ZSearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'enter something to search for').max(100),
  kinds: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const parts = [...new Set(v.split(',').map((s) => s.trim()))];
      const bad = parts.filter((p) => !(SEARCH_KINDS as readonly string[]).includes(p));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown kind ${bad.join(', ')}; use ${SEARCH_KINDS.join(', ')}` });
        return z.NEVER;
      }
      return parts as TSearchKind[];
    }),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(10),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

/** One result: what the list shows and where it links. Never prices. */
export const ZSearchHit = z.object({
  kind: ZSearchKind,
  /** The record's id in its own table. */
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string().nullable(),
  customerId: z.number().int().nullable(),
  contractId: z.number().int().nullable(),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchGroup = z.object({
  kind: ZSearchKind,
  /** Matches of this kind, counted up to SEARCH_TOTAL_CAP. */
  total: z.number().int(),
  /** True when there are more than `total` matches. */
  totalCapped: z.boolean(),
  items: z.array(ZSearchHit),
});
export type TSearchGroup = z.infer<typeof ZSearchGroup>;

/** Only kinds with at least one match, in SEARCH_KINDS order. */
export const ZSearchResult = z.object({ groups: z.array(ZSearchGroup) });
export type TSearchResult = z.infer<typeof ZSearchResult>;
