import type { Insertable, Updateable } from 'kysely';
import type { TTaskRequestQuery } from '@contract/task-requests';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import { limitOffset } from '../../db/list-query';
import type { TaskRequestTable } from './task-requests.table';

function selectTasks(db: Db) {
  return db
    .selectFrom('task_request as t')
    .leftJoin('customer', 'customer.id', 't.customer_id')
    .leftJoin('contract', 'contract.id', 't.contract_id')
    .leftJoin('service_request as sr', 'sr.id', 't.service_request_id')
    .leftJoin('project', 'project.id', 'sr.project_id')
    .innerJoin('app_user as assignee', 'assignee.id', 't.assignee_id')
    .leftJoin('app_user as issuer', 'issuer.id', 't.issued_by_id')
    .selectAll('t')
    .select([
      'customer.name as customer_name',
      'contract.number as contract_number',
      'sr.number as request_number',
      'project.project_manager_id as project_manager_id',
      'assignee.name as assignee_name',
      'issuer.name as issued_by_name',
    ]);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export function findTaskById(db: Db, id: number): Promise<TaskRow | undefined> {
  return selectTasks(db).where('t.id', '=', id).executeTakeFirst();
}

export function insertTask(db: Db, row: Insertable<TaskRequestTable>): Promise<number> {
  return insertReturningId(db, 'task_request', row);
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateTask(db: Db, id: number, version: number, patch: Updateable<TaskRequestTable>): Promise<void> {
  return updateVersioned(db, 'task_request', id, version, patch);
}

/**
 * The list's form of `mayReadTask` (task-requests.service.ts): the tasks the reader is assignee or
 * issuer of, or whose request belongs to a project he manages. Absent: every task.
 */
export interface TaskReadScope {
  userId: number;
}

export async function listTasks(db: Db, userId: number, q: TTaskRequestQuery, scope?: TaskReadScope) {
  let base = selectTasks(db);
  if (scope)
    base = base.where((eb) =>
      eb.or([
        eb('t.assignee_id', '=', scope.userId),
        eb('t.issued_by_id', '=', scope.userId),
        eb('project.project_manager_id', '=', scope.userId),
      ]),
    );
  if (q.state) base = base.where('t.state', '=', q.state);
  if (q.assigneeId) base = base.where('t.assignee_id', '=', q.assigneeId);
  if (q.mine === 'true') base = base.where('t.assignee_id', '=', userId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('t.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
