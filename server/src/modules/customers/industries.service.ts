import type { TCreateIndustry, TIndustry, TIndustryQuery, TUpdateIndustry } from '@contract/customers';
import type { Actor } from '../../actor';
import { RULE_ISSUES } from '@contract/validation-messages';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { reindexCustomersOfIndustry } from './customers.search';
import * as repo from './industries.repo';

export function toIndustry(r: repo.IndustryRow): TIndustry {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    sort: r.sort,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listIndustries(db: Db, q: TIndustryQuery): Promise<Page<TIndustry>> {
  const { rows, total } = await repo.listIndustries(db, q);
  return { items: rows.map(toIndustry), total, page: q.page, pageSize: q.pageSize };
}

export async function getIndustry(db: Db, id: number): Promise<TIndustry> {
  const row = await repo.findIndustryById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toIndustry(row);
}

/**
 * The industries customers may be filed under now, by id: each exists and is active, or
 * the error names the field (`pathOf(i)`) of the first input that refers to it.
 */
export async function requireActiveIndustries(
  db: Db,
  ids: readonly (number | null | undefined)[],
  pathOf: (i: number) => string,
): Promise<Map<number, TIndustry>> {
  const wanted = ids.filter((id): id is number => typeof id === 'number');
  const found = new Map((await repo.findIndustriesByIds(db, wanted)).map((r) => [r.id, toIndustry(r)]));
  ids.forEach((id, i) => {
    if (typeof id !== 'number') return;
    const industry = found.get(id);
    if (!industry) throw new AppError('REFERENCE_INVALID', [issue(pathOf(i), RULE_ISSUES.noSuchIndustry)]);
    if (!industry.active) throw new AppError('INDUSTRY_INACTIVE', [issue(pathOf(i), RULE_ISSUES.industryInactive)]);
  });
  return found;
}

export async function createIndustry(db: Db, actor: Actor, input: TCreateIndustry): Promise<TIndustry> {
  return transact(db, async (trx) => {
    if (await repo.findIndustryByCode(trx, input.code))
      throw new AppError('INDUSTRY_CODE_TAKEN', [issue('code', RULE_ISSUES.alreadyExists)]);
    const at = nowIso();
    const row = await repo.insertIndustry(trx, {
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      sort: input.sort,
      active: input.active ? 1 : 0,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    const industry = toIndustry(row);
    await recordAudit(trx, actor, { entity: 'industry', entityId: industry.id, action: 'create', after: industry });
    return industry;
  });
}

/** Renaming an industry re-indexes its customers (their search text holds the industry's name). */
export async function updateIndustry(db: Db, actor: Actor, id: number, input: TUpdateIndustry): Promise<TIndustry> {
  return transact(db, async (trx) => {
    const before = await getIndustry(trx, id);
    const row = await repo.updateIndustry(trx, id, input.version, {
      ...(input.nameZh !== undefined && { name_zh: input.nameZh }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn }),
      ...(input.sort !== undefined && { sort: input.sort }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      updated_at: nowIso(),
    });
    const after = toIndustry(row);
    if (after.nameZh !== before.nameZh || after.nameEn !== before.nameEn) await reindexCustomersOfIndustry(trx, id);
    await recordAudit(trx, actor, { entity: 'industry', entityId: id, action: 'update', before, after });
    return after;
  });
}
