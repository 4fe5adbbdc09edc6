import { z } from 'zod';
import { ZNumberRef, ZRef, ZTimestamp } from './common';
import type { TRole } from './roles';
import { type TActorRelation, type TTransition, type TTransitionResult, actionsAllowed, decide } from './workflow';

// ── Task Request Form 任务要求单 (R-ORG-3: the technical manager's plan when not urgent) ──

export const TASK_REQUEST_STATES = ['draft', 'issued', 'in_progress', 'done', 'cancelled'] as const;
export const ZTaskRequestState = z.enum(TASK_REQUEST_STATES);
export type TTaskRequestState = z.infer<typeof ZTaskRequestState>;

export const TASK_REQUEST_STATE_LABELS: Record<TTaskRequestState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已下达', en: 'Issued' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const TASK_REQUEST_ACTIONS = ['issue', 'start', 'complete', 'cancel'] as const;
export const ZTaskRequestAction = z.enum(TASK_REQUEST_ACTIONS);
export type TTaskRequestAction = z.infer<typeof ZTaskRequestAction>;

export const TASK_REQUEST_ACTION_LABELS: Record<TTaskRequestAction, { zh: string; en: string }> = {
  issue: { zh: '下达', en: 'Issue' },
  start: { zh: '开始', en: 'Start' },
  complete: { zh: '完成', en: 'Complete' },
  cancel: { zh: '取消', en: 'Cancel' },
};

export type TTaskRequestTransition = TTransition<TTaskRequestState, TTaskRequestAction>;

/** The assignee (an engineer or a project manager) starts and completes; the technical manager issues, may complete, and cancels. */
export const TASK_REQUEST_TRANSITIONS: readonly TTaskRequestTransition[] = [
  { action: 'issue', from: ['draft'], to: 'issued', roles: ['tech_manager'] },
  { action: 'start', from: ['issued'], to: 'in_progress', roles: ['engineer', 'project_manager'], actorMustBe: 'responsible' },
  { action: 'complete', from: ['in_progress'], to: 'done', roles: ['engineer', 'project_manager'], actorMustBe: 'responsible' },
  { action: 'complete', from: ['in_progress'], to: 'done', roles: ['tech_manager'] },
  { action: 'cancel', from: ['draft', 'issued', 'in_progress'], to: 'cancelled', roles: ['tech_manager'] },
];

export function allowedTaskActions(state: TTaskRequestState, roles: readonly TRole[], relation: TActorRelation): TTaskRequestAction[] {
  return actionsAllowed(TASK_REQUEST_TRANSITIONS, state, roles, relation);
}

export function applyTaskAction(
  state: TTaskRequestState,
  action: TTaskRequestAction,
  roles: readonly TRole[],
  relation: TActorRelation,
): TTransitionResult<TTaskRequestState, TTaskRequestAction> {
  const d = decide(TASK_REQUEST_TRANSITIONS, state, action, roles, relation);
  return d.ok ? { ok: true, to: d.row.to } : { ok: false, reason: d.reason, from: state, action };
}

/** Task Request Form 任务要求单 (R-ORG-3): the technical manager's written assignment when not urgent. */
export const ZTaskRequest = z.object({
  id: z.number().int(),
  number: z.string(),
  task: z.string(),
  reason: z.string().nullable(),
  customer: ZRef.nullable(),
  contract: ZNumberRef.nullable(),
  serviceRequest: ZNumberRef.nullable(),
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
