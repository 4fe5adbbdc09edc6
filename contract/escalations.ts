import { z } from 'zod';
import { ZNumberRef, ZRef, ZTimestamp } from './common';
import { ESCALATION_KINDS } from './escalation-labels';

// ── Escalations (R-EMER-8/9: call the technical manager; R-ORG-3: complaints need improvement measures) ──

export { ESCALATION_KIND_LABELS, ESCALATION_KINDS, type TEscalationKind } from './escalation-labels';
export const ZEscalationKind = z.enum(ESCALATION_KINDS);
export const ESCALATION_STATES = ['open', 'acknowledged', 'closed'] as const;
export const ZEscalationState = z.enum(ESCALATION_STATES);

export const ZEscalation = z.object({
  id: z.number().int(),
  serviceRequest: ZNumberRef,
  kind: ZEscalationKind,
  text: z.string(),
  state: ZEscalationState,
  raisedBy: ZRef.nullable(),
  raisedAt: ZTimestamp,
  acknowledgedBy: ZRef.nullable(),
  acknowledgedAt: ZTimestamp.nullable(),
  closedBy: ZRef.nullable(),
  closedAt: ZTimestamp.nullable(),
  improvementMeasure: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  version: z.number().int(),
});
export type TEscalation = z.infer<typeof ZEscalation>;

export const ZRaiseEscalation = z.strictObject({ kind: ZEscalationKind, text: z.string().trim().min(1).max(4000) });
export type TRaiseEscalation = z.infer<typeof ZRaiseEscalation>;
export const ZCloseEscalation = z.strictObject({
  improvementMeasure: z.string().trim().max(4000).optional(),
  resolutionNote: z.string().trim().max(4000).optional(),
});
export type TCloseEscalation = z.infer<typeof ZCloseEscalation>;
export const ZEscalationQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    state: ZEscalationState.optional(),
    kind: ZEscalationKind.optional(),
    serviceRequestId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type TEscalationQuery = z.infer<typeof ZEscalationQuery>;
