import { z } from 'zod';
import { ZShipmentFacts } from './inspections';
import { singleLineText } from './text';
import { ZDateInput, ZInstantInput, ZRef, ZTimestamp } from './common';
import { ZServiceRequestKind, ZServiceRequestState } from './service-request-workflow';
import { ZServiceRequestPriority } from './service-requests';

// ── Dispatch (R-ORG-3: the technical manager assigns work) ──

export const ZAssignServiceRequest = z.strictObject({
  engineerId: z.number().int().positive(),
  backupEngineerId: z.number().int().positive().nullable().optional(),
  /** The day of the work; without times it is planned for the working hours of that day. */
  date: ZDateInput,
  plannedStart: ZInstantInput.optional(),
  plannedEnd: ZInstantInput.optional(),
  version: z.number().int().optional(),
});
export type TAssignServiceRequest = z.infer<typeof ZAssignServiceRequest>;

/** R-PM-3: set (or, with null, clear) the backup engineer alone, from the dispatch board. */
export const ZSetBackupEngineer = z.strictObject({
  backupEngineerId: z.number().int().positive().nullable(),
  version: z.number().int().optional(),
});
export type TSetBackupEngineer = z.infer<typeof ZSetBackupEngineer>;

export const ZDispatchQuery = z
  .object({
    from: ZDateInput,
    to: ZDateInput,
    /** The customer's region. */
    region: singleLineText().max(50).optional(),
    kind: ZServiceRequestKind.optional(),
  })
  .strict();
export type TDispatchQuery = z.infer<typeof ZDispatchQuery>;

export const ZDispatchItem = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: ZServiceRequestKind,
  state: ZServiceRequestState,
  priority: ZServiceRequestPriority,
  customer: ZRef,
  region: z.string().nullable(),
  plannedStart: ZTimestamp,
  plannedEnd: ZTimestamp,
  role: z.enum(['responsible', 'backup']),
  responsibleEngineer: ZRef.nullable(),
  backupEngineer: ZRef.nullable(),
  /** Goods inspection: the planned shipment and its gate (R-GOODS-3). */
  shipment: ZShipmentFacts.nullable().optional(),
});
export const ZDispatchBoard = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.string()),
  engineers: z.array(
    z.object({
      engineer: ZRef,
      days: z.array(
        z.object({ date: z.string(), onLeave: z.boolean(), hours: z.number(), count: z.number().int(), items: z.array(ZDispatchItem) }),
      ),
      totalHours: z.number(),
      totalCount: z.number().int(),
    }),
  ),
});
export type TDispatchBoard = z.infer<typeof ZDispatchBoard>;

export const ZCreateEngineerLeave = z.strictObject({
  userId: z.number().int().positive(),
  fromDate: ZDateInput,
  toDate: ZDateInput,
  reason: z.string().trim().max(500).nullable().optional(),
});
export const ZEngineerLeave = z.object({
  id: z.number().int(),
  user: ZRef,
  fromDate: z.string(),
  toDate: z.string(),
  reason: z.string().nullable(),
  createdAt: ZTimestamp,
});
