import { z } from 'zod';
import { ZTimestamp } from './common';
import { ZTaskRequestAction, ZTaskRequestState } from './service-requests';

const ZRef = z.object({ id: z.number().int(), name: z.string() });

/** Task Request Form 任务要求单 (R-ORG-3): the technical manager's written assignment when not urgent. */
export const ZTaskRequest = z.object({
  id: z.number().int(),
  number: z.string(),
  task: z.string(),
  reason: z.string().nullable(),
  customer: ZRef.nullable(),
  contract: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  serviceRequest: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  assignee: ZRef,
  dueDate: z.string().nullable(),
  expectedOutput: z.string().nullable(),
  issuedBy: ZRef.nullable(),
  result: z.string().nullable(),
  state: ZTaskRequestState,
  allowedActions: z.array(ZTaskRequestAction),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TTaskRequest = z.infer<typeof ZTaskRequest>;

const fields = {
  task: z.string().trim().min(1).max(2000),
  reason: z.string().trim().max(2000).nullable(),
  customerId: z.number().int().positive().nullable(),
  contractId: z.number().int().positive().nullable(),
  serviceRequestId: z.number().int().positive().nullable(),
  assigneeId: z.number().int().positive(),
  dueDate: z.iso.date().nullable(),
  expectedOutput: z.string().trim().max(2000).nullable(),
};

export const ZCreateTaskRequest = z.strictObject({
  task: fields.task,
  reason: fields.reason.optional(),
  customerId: fields.customerId.optional(),
  contractId: fields.contractId.optional(),
  serviceRequestId: fields.serviceRequestId.optional(),
  assigneeId: fields.assigneeId,
  dueDate: fields.dueDate.optional(),
  expectedOutput: fields.expectedOutput.optional(),
  /** Issue at once (notifies the assignee). */
  issue: z.boolean().default(false),
});
export type TCreateTaskRequest = z.infer<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z.strictObject({
  version: z.number().int(),
  task: fields.task.optional(),
  reason: fields.reason.optional(),
  customerId: fields.customerId.optional(),
  contractId: fields.contractId.optional(),
  serviceRequestId: fields.serviceRequestId.optional(),
  assigneeId: fields.assigneeId.optional(),
  dueDate: fields.dueDate.optional(),
  expectedOutput: fields.expectedOutput.optional(),
});
export type TUpdateTaskRequest = z.infer<typeof ZUpdateTaskRequest>;

/** `result` is recorded with `complete`. */
export const ZTaskRequestStep = z.strictObject({ version: z.number().int().optional(), result: z.string().trim().max(4000).optional() });
export const ZTaskRequestStepParams = z.strictObject({ id: z.coerce.number().int().positive(), action: ZTaskRequestAction });

export const ZTaskRequestQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    state: ZTaskRequestState.optional(),
    assigneeId: z.coerce.number().int().positive().optional(),
    mine: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type TTaskRequestQuery = z.infer<typeof ZTaskRequestQuery>;
