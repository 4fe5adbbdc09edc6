import type { TAgreeProject, TCreateProject, TProject, TProjectQuery, TUpdateProject, TUpdateProjectTeam } from '@contract/projects';
import type { Actor } from '../../actor';
import { RULE_ISSUES } from '@contract/validation-messages';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { groupBy, type Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { requireContractRefs } from '../contracts/contracts.service';
import { requireCustomerRefs } from '../customers/customers.service';
import { getUser } from '../users/users.service';
import * as repo from './projects.repo';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

async function toProjects(db: Db, rows: readonly repo.ProjectRow[]): Promise<TProject[]> {
  const ids = rows.map((r) => r.id);
  const [contracts, members, agreements] = await Promise.all([
    repo.findContracts(db, ids),
    repo.findMembers(db, ids),
    repo.findAgreements(db, ids),
  ]);
  const contractsOf = groupBy(contracts, (c) => c.project_id);
  const membersOf = groupBy(members, (m) => m.project_id);
  const agreementsOf = groupBy(agreements, (a) => a.project_id);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    customer: ref(r.customer_id, r.customer_name),
    contracts: (contractsOf.get(r.id) ?? []).map((c) => ({ id: c.id, number: c.number })),
    projectManager: ref(r.project_manager_id, r.project_manager_name),
    proposedBy: ref(r.proposed_by_id, r.proposed_by_name),
    members: (membersOf.get(r.id) ?? []).map((m) => ({ id: m.id, name: m.name })),
    agreements: (agreementsOf.get(r.id) ?? []).map((a) => ({
      user: { id: Number(a.user_id), name: a.name },
      at: a.agreed_at,
      note: a.note,
    })),
    status: r.status,
    notes: r.notes,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/**
 * R-ORG-4: a participant — the project's manager or a member — agrees to the project's plan: who
 * and when are recorded (once each) and audited. Anyone else is refused.
 */
export async function agreeToProject(db: Db, actor: Actor, id: number, input: TAgreeProject): Promise<TProject> {
  await transact(db, async (trx) => {
    const row = await repo.findProjectById(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    const userId = actor.id ?? 0;
    const members = await repo.findMembers(trx, [id]);
    const participant = Number(row.project_manager_id) === userId || members.some((m) => Number(m.id) === userId);
    if (!participant) throw new AppError('PROJECT_NOT_PARTICIPANT');
    const at = nowIso();
    if (!(await repo.insertAgreement(trx, { project_id: id, user_id: userId, agreed_at: at, note: input.note ?? null })))
      throw new AppError('PROJECT_ALREADY_AGREED');
    await recordAudit(trx, actor, { entity: 'project', entityId: id, action: 'agree', after: { at, note: input.note ?? null } });
  });
  return getProject(db, id);
}

export async function getProject(db: Db, id: number): Promise<TProject> {
  const row = await repo.findProjectById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return (await toProjects(db, [row]))[0];
}

export async function listProjects(db: Db, actor: Actor, q: TProjectQuery): Promise<Page<TProject>> {
  const { rows, total } = await repo.listProjects(db, actor.id ?? 0, q);
  return { items: await toProjects(db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** R-ORG-4: the projects a user answers for as project manager. */
export async function managedProjectIds(db: Db, userId: number): Promise<Set<number>> {
  return new Set(await repo.findManagedProjectIds(db, userId));
}

/** Project references with their manager, for records that belong to a project. */
export async function getProjectRefs(db: Db, ids: readonly number[]) {
  const rows = await repo.findProjectsByIds(db, ids);
  return new Map(
    rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, projectManager: ref(r.project_manager_id, r.project_manager_name) }]),
  );
}

async function assertProjectManager(db: Db, id: number | null | undefined) {
  if (id === null || id === undefined) return;
  const user = await getUser(db, id).catch(() => null);
  if (!user?.active || !user.roles.includes('project_manager'))
    throw new AppError('PROJECT_MANAGER_ROLE', [issue('projectManagerId', RULE_ISSUES.notProjectManager)]);
}

async function assertRefs(db: Db, input: { customerId?: number | null; contractIds?: number[]; memberIds?: number[] }) {
  if (input.customerId) await requireCustomerRefs(db, [input.customerId], () => 'customerId');
  if (input.contractIds?.length) await requireContractRefs(db, input.contractIds, (i) => `contractIds.${i}`);
  for (const [i, id] of (input.memberIds ?? []).entries()) {
    if (!(await getUser(db, id).catch(() => null))) throw fieldError(`memberIds.${i}`, { zh: '没有这个用户', en: 'no such user' });
  }
}

/** R-ORG-4: the technical manager proposes the project manager; he is recorded as proposer. */
export async function createProject(db: Db, actor: Actor, input: TCreateProject): Promise<TProject> {
  return transact(db, async (trx) => {
    if (await repo.findProjectByCode(trx, input.code)) throw new AppError('PROJECT_CODE_TAKEN', [issue('code', RULE_ISSUES.alreadyExists)]);
    await assertProjectManager(trx, input.projectManagerId);
    await assertRefs(trx, input);
    const at = nowIso();
    const id = await repo.insertProject(trx, {
      code: input.code,
      name: input.name,
      customer_id: input.customerId ?? null,
      project_manager_id: input.projectManagerId ?? null,
      proposed_by_id: actor.id,
      status: input.status,
      notes: input.notes ?? null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await repo.replaceContracts(trx, id, [...new Set(input.contractIds)]);
    await repo.replaceMembers(trx, id, [...new Set(input.memberIds)]);
    const after = await getProject(trx, id);
    await recordAudit(trx, actor, { entity: 'project', entityId: id, action: 'create', after });
    return after;
  });
}

export async function updateProject(db: Db, actor: Actor, id: number, input: TUpdateProject): Promise<TProject> {
  return transact(db, async (trx) => {
    const before = await getProject(trx, id);
    await assertProjectManager(trx, input.projectManagerId);
    await assertRefs(trx, input);
    await repo.updateProject(trx, id, input.version, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.customerId !== undefined && { customer_id: input.customerId }),
      ...(input.projectManagerId !== undefined && { project_manager_id: input.projectManagerId }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.notes !== undefined && { notes: input.notes }),
      updated_at: nowIso(),
    });
    if (input.contractIds) await repo.replaceContracts(trx, id, [...new Set(input.contractIds)]);
    if (input.memberIds) await repo.replaceMembers(trx, id, [...new Set(input.memberIds)]);
    const after = await getProject(trx, id);
    await recordAudit(trx, actor, { entity: 'project', entityId: id, action: 'update', before, after });
    return after;
  });
}

/**
 * R-ORG-4: members and linked contracts. The technical manager answers for every project, the
 * project manager for his own: anyone else holding the project manager role is refused.
 */
export async function updateProjectTeam(db: Db, actor: Actor, id: number, input: TUpdateProjectTeam): Promise<TProject> {
  return transact(db, async (trx) => {
    const before = await getProject(trx, id);
    const ownsIt = actor.id !== null && before.projectManager?.id === actor.id;
    if (!actor.roles.includes('tech_manager') && !ownsIt) throw new AppError('PROJECT_NOT_YOURS');
    await assertRefs(trx, input);
    await repo.updateProject(trx, id, input.version, { updated_at: nowIso() });
    if (input.contractIds) await repo.replaceContracts(trx, id, [...new Set(input.contractIds)]);
    if (input.memberIds) await repo.replaceMembers(trx, id, [...new Set(input.memberIds)]);
    const after = await getProject(trx, id);
    await recordAudit(trx, actor, { entity: 'project', entityId: id, action: 'update_team', before, after });
    return after;
  });
}
