import { z } from 'zod';
import { ZShipmentFacts } from './inspections';
import { ZNumberRef, ZRef, ZTimestamp } from './common';
import { ZServiceCommitments } from './contracts';
import { ZServiceRequestAction, ZServiceRequestKind, ZServiceRequestState } from './service-request-workflow';
import { ZServiceRequestEquipment, ZServiceRequestPriority } from './service-requests';

// ── My work (the engineer's phone view) ──

export const ZMyWorkItem = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: ZServiceRequestKind,
  state: ZServiceRequestState,
  priority: ZServiceRequestPriority,
  role: z.enum(['responsible', 'backup']),
  customer: ZRef,
  siteAddress: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  description: z.string(),
  plannedStart: ZTimestamp.nullable(),
  plannedEnd: ZTimestamp.nullable(),
  agreedArrivalAt: ZTimestamp.nullable(),
  equipment: z.array(ZServiceRequestEquipment),
  contract: ZNumberRef.nullable(),
  /** The contract's commitments (entitlement, R-EMER-3); no price, whoever reads. */
  commitments: ZServiceCommitments.nullable(),
  allowedActions: z.array(ZServiceRequestAction),
  /** Goods inspection: the planned shipment and its gate (R-GOODS-3). */
  shipment: ZShipmentFacts.nullable().optional(),
  /** The nearest deadline of a clock still running (R-EMER-2): which, when, and how it stands; null without one. */
  deadline: z
    .object({
      kind: z.enum(['response', 'arrival', 'resolution']),
      dueAt: ZTimestamp,
      state: z.enum(['running', 'paused', 'at_risk', 'breached']),
    })
    .nullable(),
});
/** An action item of a weekly meeting record owned by the user: in his work list until done. */
export const ZMyWorkAction = z.object({ id: z.number().int(), text: z.string(), dueDate: z.string(), weekStart: z.string() });
export const ZMyWork = z.object({
  today: z.string(),
  todayItems: z.array(ZMyWorkItem),
  upcoming: z.array(ZMyWorkItem),
  actions: z.array(ZMyWorkAction),
});
export type TMyWork = z.infer<typeof ZMyWork>;
