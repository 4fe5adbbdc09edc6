import type { Insertable, Selectable } from 'kysely';
import type { z } from 'zod';
import type { ZAuditQuery } from '@contract/audit';
import type { Db } from '../../db/database';
import type { AuditEventTable } from './audit.table';

export type AuditRow = Selectable<AuditEventTable>;

export function insertAuditEvents(db: Db, rows: Insertable<AuditEventTable>[]): Promise<unknown> {
  return db.insertInto('audit_event').values(rows).execute();
}

export async function listAuditEvents(db: Db, q: z.infer<typeof ZAuditQuery>): Promise<{ rows: AuditRow[]; total: number }> {
  let base = db.selectFrom('audit_event');
  if (q.entity) base = base.where('entity', '=', q.entity);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.action) base = base.where('action', '=', q.action);
  if (q.actorId !== undefined) base = base.where('actor_id', '=', q.actorId);
  if (q.from) base = base.where('at', '>=', q.from);
  if (q.to) base = base.where('at', '<', q.to);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The entries of some records (`entity` + ids), oldest first, with the actor's current name:
 * one walk of `audit_event_entity_idx` per entity.
 */
export async function findEntriesOf(db: Db, subjects: readonly { entity: string; ids: readonly string[] }[]) {
  const wanted = subjects.filter((s) => s.ids.length > 0);
  if (wanted.length === 0) return [];
  return db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .selectAll('a')
    .select('u.name as actor_current_name')
    .where((eb) => eb.or(wanted.map((s) => eb.and([eb('a.entity', '=', s.entity), eb('a.entity_id', 'in', [...s.ids])]))))
    .orderBy('a.id')
    .execute();
}
