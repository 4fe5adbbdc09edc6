import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import type { ChecklistTemplateTable, ChecklistTemplateVersionTable } from './checklists.table';

export type TemplateRow = Selectable<ChecklistTemplateTable> & { items: string };
export type VersionRow = Selectable<ChecklistTemplateVersionTable> & { created_by_name: string | null };

/** Templates with their current version's items. */
function templates(db: Db) {
  return db
    .selectFrom('checklist_template as t')
    .innerJoin('checklist_template_version as v', (j) =>
      j.onRef('v.template_id', '=', 't.id').onRef('v.version_no', '=', 't.current_version'),
    )
    .selectAll('t')
    .select('v.items');
}

export async function listTemplates(
  db: Db,
  q: { serviceKind?: string; includeInactive: boolean; page: number; pageSize: number },
): Promise<{ rows: TemplateRow[]; total: number }> {
  let query = templates(db);
  if (q.serviceKind) query = query.where('t.service_kind', '=', q.serviceKind);
  if (!q.includeInactive) query = query.where('t.active', '=', 1);
  const [rows, count] = await Promise.all([
    query
      .orderBy('t.service_kind')
      .orderBy('t.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findTemplate(db: Db, id: number): Promise<TemplateRow | undefined> {
  return templates(db).where('t.id', '=', id).executeTakeFirst();
}

export function findVersion(db: Db, templateId: number, versionNo: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom('checklist_template_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by_id')
    .selectAll('v')
    .select('u.name as created_by_name')
    .where('v.template_id', '=', templateId)
    .where('v.version_no', '=', versionNo)
    .executeTakeFirst();
}

export function insertTemplate(db: Db, row: Insertable<ChecklistTemplateTable>): Promise<number> {
  return insertReturningId(db, 'checklist_template', row);
}

export async function insertVersion(db: Db, row: Insertable<ChecklistTemplateVersionTable>): Promise<void> {
  await db.insertInto('checklist_template_version').values(row).execute();
}

/** Move the template to its next version, guarded by the one read; false when another edit came first. */
export async function advanceTemplate(
  db: Db,
  id: number,
  fromVersion: number,
  patch: Partial<Pick<ChecklistTemplateTable, 'service_kind' | 'name_zh' | 'name_en' | 'active'>> & { updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('checklist_template')
    .set({ ...patch, current_version: fromVersion + 1 })
    .where('id', '=', id)
    .where('current_version', '=', fromVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
