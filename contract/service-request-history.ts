import { z } from 'zod';
import { ZRef } from './common';
import { ZTimestamp } from './common';
import { ZEscalationKind } from './escalations';
import { ZServiceRequestAction, ZServiceRequestState } from './service-request-workflow';

/**
 * The activity of one Service Request Form (R-FLOW-1), derived from the audit trail and the
 * pause records — never typed twice. Only what the form itself shows is in it: no price field
 * exists on any event, whoever reads.
 */

/** Fields of the form whose edits the history names (what `PATCH /api/service-requests/:id` changes, engineers aside). */
export const SERVICE_REQUEST_EDIT_FIELDS = [
  'kind',
  'contract',
  'project',
  'originRef',
  'contactName',
  'contactPhone',
  'siteAddress',
  'description',
  'requestedDate',
  'plannedStart',
  'plannedEnd',
  'agreedArrivalAt',
  'priority',
  'remarks',
  'incomplete',
] as const;
export const ZServiceRequestEditField = z.enum(SERVICE_REQUEST_EDIT_FIELDS);
export type TServiceRequestEditField = z.infer<typeof ZServiceRequestEditField>;

const base = {
  /** The audit entry (or pause) it comes from: stable, for keys. */
  key: z.string(),
  at: ZTimestamp,
  /** Who did it, under their current name; `id` null for the system (a sweep, an import). */
  actor: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
};

export const ZServiceRequestHistoryEvent = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('created'),
    state: ZServiceRequestState,
    /** R-EMER-1: dispatched by phone with the form to be completed. */
    urgent: z.boolean(),
    responsibleEngineer: ZRef.nullable(),
    backupEngineer: ZRef.nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('step'),
    action: ZServiceRequestAction,
    from: ZServiceRequestState,
    to: ZServiceRequestState,
    /** The reason given with the step (a wait's reason). */
    note: z.string().nullable(),
    /** A step into a wait: the pause it opened, when it ended, and whether it stopped the SLA clocks (R-EMER-8). */
    pause: z.object({ until: ZTimestamp.nullable(), stopsSla: z.boolean() }).nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('assignment'),
    /** assign: the dispatch board or assign dialog; backup: the backup engineer alone; edit: the form. */
    source: z.enum(['assign', 'backup', 'edit']),
    responsibleEngineer: z.object({ from: ZRef.nullable(), to: ZRef.nullable() }),
    backupEngineer: z.object({ from: ZRef.nullable(), to: ZRef.nullable() }),
    plannedStart: ZTimestamp.nullable(),
    plannedEnd: ZTimestamp.nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('edited'),
    changes: z.array(z.object({ field: ZServiceRequestEditField, from: z.string().nullable(), to: z.string().nullable() })),
  }),
  z.object({
    ...base,
    type: z.literal('escalation'),
    escalationId: z.number().int(),
    stage: z.enum(['raised', 'acknowledged', 'closed']),
    kind: ZEscalationKind,
    /** Raised: what happened; closed: the improvement measure and resolution note. */
    text: z.string().nullable(),
    improvementMeasure: z.string().nullable(),
  }),
  /** A pause with no step recorded for it (kept for older records). */
  z.object({
    ...base,
    type: z.literal('pause'),
    state: ZServiceRequestState,
    until: ZTimestamp.nullable(),
    reason: z.string().nullable(),
    stopsSla: z.boolean(),
  }),
]);
export type TServiceRequestHistoryEvent = z.infer<typeof ZServiceRequestHistoryEvent>;

/** Oldest first. */
export const ZServiceRequestHistory = z.object({ items: z.array(ZServiceRequestHistoryEvent) });
export type TServiceRequestHistory = z.infer<typeof ZServiceRequestHistory>;
