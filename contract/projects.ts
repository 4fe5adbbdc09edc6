import { z } from 'zod';
import { singleLineText } from './text';
import { ZNumberRef, ZRef } from './common';
import { ZTimestamp } from './common';

/** R-ORG-4: a project manager is proposed by the technical manager and agreed by the participants. */
export const PROJECT_STATUSES = ['proposed', 'active', 'closed'] as const;
export const ZProjectStatus = z.enum(PROJECT_STATUSES);
export type TProjectStatus = z.infer<typeof ZProjectStatus>;
export const PROJECT_STATUS_LABELS: Record<TProjectStatus, { zh: string; en: string }> = {
  proposed: { zh: '提议中', en: 'Proposed' },
  active: { zh: '进行中', en: 'Active' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const ZProject = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  customer: ZRef.nullable(),
  contracts: z.array(ZNumberRef),
  projectManager: ZRef.nullable(),
  proposedBy: ZRef.nullable(),
  members: z.array(ZRef),
  /** R-ORG-4: who of the participants (manager and members) agreed to the plan, and when; oldest first. */
  agreements: z.array(z.object({ user: ZRef, at: ZTimestamp, note: z.string().nullable() })),
  status: ZProjectStatus,
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TProject = z.infer<typeof ZProject>;

const fields = {
  code: singleLineText().min(1).max(40),
  name: singleLineText().min(1).max(200),
  customerId: z.number().int().positive().nullable(),
  contractIds: z.array(z.number().int().positive()).max(100),
  projectManagerId: z.number().int().positive().nullable(),
  memberIds: z.array(z.number().int().positive()).max(100),
  status: ZProjectStatus,
  notes: z.string().trim().max(4000).nullable(),
};

export const ZCreateProject = z.strictObject({
  code: fields.code,
  name: fields.name,
  customerId: fields.customerId.optional(),
  contractIds: fields.contractIds.default([]),
  projectManagerId: fields.projectManagerId.optional(),
  memberIds: fields.memberIds.default([]),
  status: fields.status.default('active'),
  notes: fields.notes.optional(),
});
export type TCreateProject = z.infer<typeof ZCreateProject>;

export const ZUpdateProject = z.strictObject({
  version: z.number().int(),
  name: fields.name.optional(),
  customerId: fields.customerId.optional(),
  contractIds: fields.contractIds.optional(),
  projectManagerId: fields.projectManagerId.optional(),
  memberIds: fields.memberIds.optional(),
  status: fields.status.optional(),
  notes: fields.notes.optional(),
});
export type TUpdateProject = z.infer<typeof ZUpdateProject>;

/** R-ORG-4: the members and linked contracts alone — what the project's own manager may change too. */
export const ZUpdateProjectTeam = z.strictObject({
  version: z.number().int(),
  memberIds: fields.memberIds.optional(),
  contractIds: fields.contractIds.optional(),
});
export type TUpdateProjectTeam = z.infer<typeof ZUpdateProjectTeam>;

/** R-ORG-4: a participant agrees to the project's plan (once; a note optional). */
export const ZAgreeProject = z.strictObject({ note: z.string().trim().max(500).optional() });
export type TAgreeProject = z.infer<typeof ZAgreeProject>;

export const ZProjectQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    /** Projects I manage or am a member of. */
    mine: z.enum(['true', 'false']).optional(),
    status: ZProjectStatus.optional(),
    customerId: z.coerce.number().int().positive().optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();
export type TProjectQuery = z.infer<typeof ZProjectQuery>;
