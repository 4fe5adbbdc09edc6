import { z } from 'zod';
import { ZPageQuery, ZTimestamp } from './common';

/**
 * One entry of the audit trail: every write appends one, in the same transaction.
 * It doubles as the activity stream that feeds, weekly reports and summaries read.
 */
export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: ZTimestamp,
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZPageQuery.extend({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  action: z.string().max(50).optional(),
  actorId: z.coerce.number().int().optional(),
  /** Instants with an offset; normalised to UTC so they compare with the stored text. */
  from: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v).toISOString())
    .optional(),
  to: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v).toISOString())
    .optional(),
}).strict();
