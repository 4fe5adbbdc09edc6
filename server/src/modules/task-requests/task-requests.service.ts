import { allowedTaskActions, applyTaskAction, TASK_REQUEST_ACTION_LABELS, type TTaskRequestAction } from '@contract/task-requests';
import type { TActorRelation } from '@contract/workflow';
import type { TCreateTaskRequest, TTaskRequest, TTaskRequestQuery, TUpdateTaskRequest } from '@contract/task-requests';
import type { TRole } from '@contract/roles';
import { todayIn } from '@contract/zoned-time';
import type { Actor } from '../../actor';
import { AppError, fieldError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { nextFormattedNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { requireContractRefs } from '../contracts/contracts.service';
import { requireCustomerRefs } from '../customers/customers.service';
import { notify } from '../notifications/notifications.service';
import { getServiceRequestFacts } from '../service-requests/service-requests.service';
import { getUser } from '../users/users.service';
import * as repo from './task-requests.repo';

/** Allocated numbers: `TR-2026-00007` (任务要求单). */
const NUMBER_PREFIX = 'TR';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

function relationOf(actor: Actor, r: repo.TaskRow): TActorRelation {
  return {
    isResponsible: actor.id !== null && r.assignee_id === actor.id,
    isBackup: false,
    isIssuer: actor.id !== null && Number(r.issued_by_id) === actor.id,
  };
}

function toTask(actor: Actor, r: repo.TaskRow): TTaskRequest {
  return {
    id: r.id,
    number: r.number,
    task: r.task,
    reason: r.reason,
    customer: ref(r.customer_id, r.customer_name),
    contract: r.contract_id === null ? null : { id: r.contract_id, number: r.contract_number ?? '' },
    serviceRequest: r.service_request_id === null ? null : { id: r.service_request_id, number: r.request_number ?? '' },
    assignee: { id: r.assignee_id, name: r.assignee_name },
    dueDate: r.due_date,
    expectedOutput: r.expected_output,
    issuedBy: ref(r.issued_by_id, r.issued_by_name),
    result: r.result,
    state: r.state,
    allowedActions: allowedTaskActions(r.state, actor.roles, relationOf(actor, r)),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function load(db: Db, id: number) {
  const row = await repo.findTaskById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Who reads every task request: its writer (R-ORG-3) and the administrator. */
const READS_EVERY_TASK: readonly TRole[] = ['admin', 'tech_manager'];

/**
 * Who may read one task request: the roles above; anyone else only a task he is the assignee or
 * issuer of, or one whose service request belongs to a project he manages (R-ORG-4).
 */
function mayReadTask(actor: Actor, r: repo.TaskRow): boolean {
  if (actor.roles.some((role) => READS_EVERY_TASK.includes(role))) return true;
  const relation = relationOf(actor, r);
  const managesIt = actor.id !== null && r.project_manager_id !== null && Number(r.project_manager_id) === actor.id;
  return relation.isResponsible || relation.isIssuer || managesIt;
}

/** The task if the actor may read it; otherwise NOT_FOUND, so that its existence is not revealed. */
async function loadReadable(db: Db, actor: Actor, id: number) {
  const row = await load(db, id);
  if (!mayReadTask(actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

export async function getTaskRequest(db: Db, actor: Actor, id: number): Promise<TTaskRequest> {
  return toTask(actor, await loadReadable(db, actor, id));
}

export async function listTaskRequests(db: Db, actor: Actor, q: TTaskRequestQuery): Promise<Page<TTaskRequest>> {
  const everyTask = actor.roles.some((role) => READS_EVERY_TASK.includes(role));
  const { rows, total } = await repo.listTasks(db, actor.id ?? 0, q, everyTask ? undefined : { userId: actor.id ?? 0 });
  return { items: rows.map((r) => toTask(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

async function assertRefs(db: Db, input: Partial<TCreateTaskRequest>) {
  if (input.customerId) await requireCustomerRefs(db, [input.customerId], () => 'customerId');
  if (input.contractId) await requireContractRefs(db, [input.contractId], () => 'contractId');
  if (input.serviceRequestId)
    await getServiceRequestFacts(db, input.serviceRequestId).catch(() =>
      Promise.reject(fieldError('serviceRequestId', { zh: '没有这张服务要求单', en: 'no such service request' })),
    );
  if (input.assigneeId) {
    const u = await getUser(db, input.assigneeId).catch(() => null);
    if (!u || !u.active) throw fieldError('assigneeId', { zh: '没有这个在职用户', en: 'no such active user' });
  }
}

function assignmentNotice(r: repo.TaskRow) {
  return {
    userId: r.assignee_id,
    kind: 'task_assignment' as const,
    titleZh: `任务要求单 ${r.number} 已下达给您`,
    titleEn: `Task request ${r.number} issued to you`,
    body: r.task.slice(0, 500),
    entity: 'task_request',
    entityId: r.id,
    dedupeKey: `task-assign:${r.id}:${r.assignee_id}`,
  };
}

/** R-ORG-3: the technical manager writes a Task Request Form when the work is not urgent. */
export async function createTaskRequest(db: Db, actor: Actor, input: TCreateTaskRequest, timeZone: string): Promise<TTaskRequest> {
  return transact(db, async (trx) => {
    await assertRefs(trx, input);
    const now = new Date();
    const at = now.toISOString();
    const year = Number(todayIn(timeZone, now).slice(0, 4));
    const number = await nextFormattedNumber(trx, NUMBER_PREFIX, year);
    const id = await repo.insertTask(trx, {
      number,
      task: input.task,
      reason: input.reason ?? null,
      customer_id: input.customerId ?? null,
      contract_id: input.contractId ?? null,
      service_request_id: input.serviceRequestId ?? null,
      assignee_id: input.assigneeId,
      due_date: input.dueDate ?? null,
      expected_output: input.expectedOutput ?? null,
      issued_by_id: actor.id,
      result: null,
      state: input.issue ? 'issued' : 'draft',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    const row = await load(trx, id);
    if (input.issue) await notify(trx, [assignmentNotice(row)], at);
    const after = toTask(actor, row);
    await recordAudit(trx, actor, { entity: 'task_request', entityId: id, action: input.issue ? 'create_issued' : 'create', after });
    return after;
  });
}

export async function updateTaskRequest(db: Db, actor: Actor, id: number, input: TUpdateTaskRequest): Promise<TTaskRequest> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (before.state === 'done' || before.state === 'cancelled')
      throw new AppError('TASK_REQUEST_ILLEGAL_TRANSITION', [{ path: 'state', message: before.state }]);
    await assertRefs(trx, input);
    await repo.updateTask(trx, id, input.version, {
      ...(input.task !== undefined && { task: input.task }),
      ...(input.reason !== undefined && { reason: input.reason }),
      ...(input.customerId !== undefined && { customer_id: input.customerId }),
      ...(input.contractId !== undefined && { contract_id: input.contractId }),
      ...(input.serviceRequestId !== undefined && { service_request_id: input.serviceRequestId }),
      ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
      ...(input.dueDate !== undefined && { due_date: input.dueDate }),
      ...(input.expectedOutput !== undefined && { expected_output: input.expectedOutput }),
      updated_at: nowIso(),
    });
    const row = await load(trx, id);
    if (row.state !== 'draft' && row.assignee_id !== before.assignee_id) await notify(trx, [assignmentNotice(row)]);
    const after = toTask(actor, row);
    await recordAudit(trx, actor, { entity: 'task_request', entityId: id, action: 'update', before: toTask(actor, before), after });
    return after;
  });
}

/** One step of the task workflow (`applyTaskAction`): 409 when the state does not allow it, 403 for the wrong person. */
export async function takeTaskRequestStep(
  db: Db,
  actor: Actor,
  id: number,
  action: TTaskRequestAction,
  body: { version?: number; result?: string },
): Promise<TTaskRequest> {
  return transact(db, async (trx) => {
    const before = await loadReadable(trx, actor, id);
    const state = before.state;
    const r = applyTaskAction(state, action, actor.roles, relationOf(actor, before));
    if (!r.ok) {
      if (r.reason === 'illegal_transition') {
        const a = TASK_REQUEST_ACTION_LABELS[action];
        throw new AppError('TASK_REQUEST_ILLEGAL_TRANSITION', [
          { path: 'state', message: state, code: 'current_state' },
          { path: 'action', message: `${action} (${a.zh} / ${a.en}) is not possible from ${state}`, code: 'step' },
        ]);
      }
      throw new AppError(r.reason === 'role_not_allowed' ? 'PERMISSION_DENIED' : 'TASK_REQUEST_NOT_ASSIGNEE');
    }
    if (body.version !== undefined && body.version !== before.version) throw new AppError('VERSION_CONFLICT');
    const at = nowIso();
    await repo.updateTask(trx, id, before.version, {
      state: r.to,
      ...(action === 'complete' && body.result !== undefined && { result: body.result }),
      updated_at: at,
    });
    const row = await load(trx, id);
    if (action === 'issue') await notify(trx, [assignmentNotice(row)], at);
    const after = toTask(actor, row);
    await recordAudit(trx, actor, {
      entity: 'task_request',
      entityId: id,
      action,
      before: { state },
      after: { state: r.to, result: row.result },
    });
    return after;
  });
}
