import type { Insertable, Selectable, Updateable } from 'kysely';
import type { TProjectQuery } from '@contract/projects';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import { containsPattern, limitOffset } from '../../db/list-query';
import { zhOrder } from '../../db/zh-order';
import type { ProjectTable } from './projects.table';

export type ProjectRow = Selectable<ProjectTable> & {
  customer_name: string | null;
  project_manager_name: string | null;
  proposed_by_name: string | null;
};

function selectProjects(db: Db) {
  return db
    .selectFrom('project')
    .leftJoin('customer', 'customer.id', 'project.customer_id')
    .leftJoin('app_user as pm', 'pm.id', 'project.project_manager_id')
    .leftJoin('app_user as proposer', 'proposer.id', 'project.proposed_by_id')
    .selectAll('project')
    .select(['customer.name as customer_name', 'pm.name as project_manager_name', 'proposer.name as proposed_by_name']);
}

export function findProjectById(db: Db, id: number): Promise<ProjectRow | undefined> {
  return selectProjects(db).where('project.id', '=', id).executeTakeFirst();
}

export async function findProjectsByIds(db: Db, ids: readonly number[]): Promise<ProjectRow[]> {
  if (ids.length === 0) return [];
  return selectProjects(db)
    .where('project.id', 'in', [...new Set(ids)])
    .execute();
}

export function findProjectByCode(db: Db, code: string) {
  return db.selectFrom('project').select('id').where('code', '=', code).executeTakeFirst();
}

export function insertProject(db: Db, row: Insertable<ProjectTable>): Promise<number> {
  return insertReturningId(db, 'project', row);
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateProject(db: Db, id: number, version: number, patch: Updateable<ProjectTable>): Promise<void> {
  return updateVersioned(db, 'project', id, version, patch);
}

export async function replaceContracts(db: Db, projectId: number, contractIds: readonly number[]): Promise<void> {
  await db.deleteFrom('project_contract').where('project_id', '=', projectId).execute();
  if (contractIds.length)
    await db
      .insertInto('project_contract')
      .values(contractIds.map((contract_id) => ({ project_id: projectId, contract_id })))
      .execute();
}

export async function replaceMembers(db: Db, projectId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('project_member').where('project_id', '=', projectId).execute();
  if (userIds.length)
    await db
      .insertInto('project_member')
      .values(userIds.map((user_id) => ({ project_id: projectId, user_id })))
      .execute();
}

export async function findContracts(db: Db, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('project_contract')
    .innerJoin('contract', 'contract.id', 'project_contract.contract_id')
    .select(['project_contract.project_id', 'contract.id', 'contract.number'])
    .where('project_contract.project_id', 'in', [...projectIds])
    .orderBy('contract.number')
    .execute();
}

export async function findMembers(db: Db, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('project_member')
    .innerJoin('app_user', 'app_user.id', 'project_member.user_id')
    .select(['project_member.project_id', 'app_user.id', 'app_user.name'])
    .where('project_member.project_id', 'in', [...projectIds])
    .orderBy(zhOrder(db, 'app_user.name'))
    .execute();
}

export async function findManagedProjectIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('project').select('id').where('project_manager_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

export async function listProjects(db: Db, userId: number, q: TProjectQuery): Promise<{ rows: ProjectRow[]; total: number }> {
  let base = selectProjects(db);
  if (q.mine === 'true')
    base = base.where((eb) =>
      eb.or([
        eb('project.project_manager_id', '=', userId),
        eb('project.id', 'in', eb.selectFrom('project_member').select('project_id').where('user_id', '=', userId)),
      ]),
    );
  if (q.status) base = base.where('project.status', '=', q.status);
  if (q.customerId) base = base.where('project.customer_id', '=', q.customerId);
  if (q.q) {
    const like = containsPattern(q.q);
    base = base.where((eb) => eb.or([eb('project.name', 'like', like), eb('project.code', 'like', like)]));
  }
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('project.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** R-ORG-4: the agreements to the projects' plans, oldest first. */
export async function findAgreements(db: Db, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('project_agreement as a')
    .innerJoin('app_user', 'app_user.id', 'a.user_id')
    .select(['a.project_id', 'a.user_id', 'app_user.name', 'a.agreed_at', 'a.note'])
    .where('a.project_id', 'in', [...projectIds])
    .orderBy('a.agreed_at')
    .orderBy('a.user_id')
    .execute();
}

/** Record a participant's agreement; false when he had already agreed. */
export async function insertAgreement(
  db: Db,
  row: { project_id: number; user_id: number; agreed_at: string; note: string | null },
): Promise<boolean> {
  const done = await db
    .insertInto('project_agreement')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) > 0;
}
