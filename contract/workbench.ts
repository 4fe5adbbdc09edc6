import { z } from 'zod';
import { WORKBENCH_CARD_KEYS, type TWorkbenchCardKey } from './workbench-cards';

export * from './workbench-cards';

export const ZWorkbenchCardKey = z.enum(WORKBENCH_CARD_KEYS as [TWorkbenchCardKey, ...TWorkbenchCardKey[]]);

/** How a card's number is coloured: `danger` breached, `warning` at risk, `default` plain. */
export const ZWorkbenchTone = z.enum(['default', 'success', 'warning', 'danger']);
export type TWorkbenchTone = z.infer<typeof ZWorkbenchTone>;

/** A few records under the number (the nearest deadlines first), each opening its page. */
export const ZWorkbenchItem = z.object({
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The deadline shown beside the item (an SLA due time, a planned start); null: none. */
  dueAt: z.string().nullable(),
  /** The deadline's standing when known. */
  tone: ZWorkbenchTone,
  /** A web path. */
  path: z.string(),
});
export type TWorkbenchItem = z.infer<typeof ZWorkbenchItem>;

/** A part of the number (e.g. contracts per stage), each opening its own filtered list. */
export const ZWorkbenchBreakdown = z.object({
  label: z.string(),
  count: z.number().int(),
  query: z.record(z.string(), z.string()),
});

export const ZWorkbenchCard = z.object({
  key: ZWorkbenchCardKey,
  count: z.number().int(),
  /** True when `count` is a lower bound (the list stopped counting). */
  capped: z.boolean(),
  tone: ZWorkbenchTone,
  /** The filters of the list behind the number, as the list's URL takes them. */
  query: z.record(z.string(), z.string()),
  items: z.array(ZWorkbenchItem),
  breakdown: z.array(ZWorkbenchBreakdown),
});
export type TWorkbenchCard = z.infer<typeof ZWorkbenchCard>;

/** `GET /api/workbench`: the cards for the reader's roles, in WORKBENCH_CARDS order. */
export const ZWorkbench = z.object({ cards: z.array(ZWorkbenchCard) });
export type TWorkbench = z.infer<typeof ZWorkbench>;
