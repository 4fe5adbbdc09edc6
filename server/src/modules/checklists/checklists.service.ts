import {
  type TChecklistItem,
  type TChecklistTemplate,
  type TChecklistTemplateQuery,
  type TChecklistTemplateVersion,
  type TCreateChecklistTemplate,
  type TUpdateChecklistTemplate,
  ZChecklistItem,
} from '@contract/checklists';
import type { TServiceRequestKind } from '@contract/service-request-workflow';
import { z } from 'zod';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import * as repo from './checklists.repo';

const ZStoredItems = z.array(ZChecklistItem);
const itemsOf = (json: string): TChecklistItem[] => ZStoredItems.parse(JSON.parse(json));

function toTemplate(r: repo.TemplateRow): TChecklistTemplate {
  return {
    id: Number(r.id),
    code: r.code,
    serviceKind: r.service_kind as TServiceRequestKind,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    active: Number(r.active) === 1,
    currentVersion: Number(r.current_version),
    items: itemsOf(r.items),
    updatedAt: r.updated_at,
  };
}

export async function listChecklistTemplates(db: Db, q: TChecklistTemplateQuery): Promise<Page<TChecklistTemplate>> {
  const { rows, total } = await repo.listTemplates(db, { ...q, includeInactive: q.all === 'true' });
  return { items: rows.map(toTemplate), total, page: q.page, pageSize: q.pageSize };
}

export async function getChecklistTemplate(db: Db, id: number): Promise<TChecklistTemplate> {
  const row = await repo.findTemplate(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toTemplate(row);
}

/** One version as it was filled: what a stored checklist is evaluated and printed against. */
export async function getChecklistTemplateVersion(db: Db, templateId: number, versionNo: number): Promise<TChecklistTemplateVersion> {
  const v = await repo.findVersion(db, templateId, versionNo);
  if (!v) throw new AppError('NOT_FOUND');
  return {
    templateId: Number(v.template_id),
    versionNo: Number(v.version_no),
    nameZh: v.name_zh,
    nameEn: v.name_en,
    items: itemsOf(v.items),
    createdBy: v.created_by_id === null ? null : { id: Number(v.created_by_id), name: v.created_by_name ?? '' },
    createdAt: v.created_at,
  };
}

export async function createChecklistTemplate(db: Db, actor: Actor, input: TCreateChecklistTemplate): Promise<TChecklistTemplate> {
  return transact(db, async (trx) => {
    const at = nowIso();
    const id = await repo.insertTemplate(trx, {
      code: input.code,
      service_kind: input.serviceKind,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      active: 1,
      current_version: 1,
      created_at: at,
      updated_at: at,
    });
    await repo.insertVersion(trx, {
      template_id: id,
      version_no: 1,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      items: JSON.stringify(input.items),
      created_by_id: actor.id,
      created_at: at,
    });
    const after = await getChecklistTemplate(trx, id);
    await recordAudit(trx, actor, { entity: 'checklist_template', entityId: id, action: 'create', after });
    return after;
  });
}

/**
 * An edit never changes a version: it writes the next one (names and items as given, the rest as
 * they were) and makes it current. Checklists filled earlier keep the version they name.
 */
export async function updateChecklistTemplate(
  db: Db,
  actor: Actor,
  id: number,
  input: TUpdateChecklistTemplate,
): Promise<TChecklistTemplate> {
  return transact(db, async (trx) => {
    const before = await getChecklistTemplate(trx, id);
    if (input.version !== before.currentVersion) throw new AppError('VERSION_CONFLICT');
    const at = nowIso();
    const next = {
      serviceKind: input.serviceKind ?? before.serviceKind,
      nameZh: input.nameZh ?? before.nameZh,
      nameEn: input.nameEn ?? before.nameEn,
      active: input.active ?? before.active,
      items: input.items ?? before.items,
    };
    const ok = await repo.advanceTemplate(trx, id, before.currentVersion, {
      service_kind: next.serviceKind,
      name_zh: next.nameZh,
      name_en: next.nameEn,
      active: next.active ? 1 : 0,
      updated_at: at,
    });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await repo.insertVersion(trx, {
      template_id: id,
      version_no: before.currentVersion + 1,
      name_zh: next.nameZh,
      name_en: next.nameEn,
      items: JSON.stringify(next.items),
      created_by_id: actor.id,
      created_at: at,
    });
    const after = await getChecklistTemplate(trx, id);
    await recordAudit(trx, actor, { entity: 'checklist_template', entityId: id, action: 'new_version', before, after });
    return after;
  });
}
