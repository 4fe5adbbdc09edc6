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
