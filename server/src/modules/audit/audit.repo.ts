import { type Insertable, type Selectable, sql } from 'kysely';
import type { z } from 'zod';
import type { ZAuditQuery } from '@contract/audit';
import type { Db } from '../../db/database';
import { type DependentWrite, insertWithRefs } from '../../db/dependent-write';
import { preparedInTransaction } from '../../db/prepared-query';
import type { AuditEventTable } from './audit.table';

export type AuditRow = Selectable<AuditEventTable>;

export function insertAuditEvents(db: Db, rows: Insertable<AuditEventTable>[]): Promise<unknown> {
  return db.insertInto('audit_event').values(rows).execute();
}

const insertAuditQuery = preparedInTransaction(
  (
    db: Db,
    at: string,
    actorId: number | null,
    actorName: string | null,
    entity: string,
    entityId: string,
    action: string,
    before: string | null,
    after: string | null,
    requestId: string | null,
  ) =>
    db.insertInto('audit_event').values({
      at,
      actor_id: actorId,
      actor_name: actorName,
      entity,
      entity_id: entityId,
      action,
      before,
      after,
      request_id: requestId,
    }),
);

/** One entry, as a statement compiled once per database (`root`, the one `trx` runs on): for hot paths. */
export async function insertAuditEvent(root: Db, trx: Db, r: Insertable<AuditEventTable>): Promise<void> {
  await insertAuditQuery(
    root,
    trx,
    r.at,
    r.actor_id ?? null,
    r.actor_name ?? null,
    r.entity,
    r.entity_id,
    r.action,
    r.before ?? null,
    r.after ?? null,
    r.request_id ?? null,
  );
}

/** The entry of a new record, written with it (db/dependent-write.ts): `insertAuditEvent`, or its part of the record's statement. */
export function auditEventWrite(row: Insertable<AuditEventTable>): DependentWrite {
  return {
    run: (root, trx) => insertAuditEvent(root, trx, row),
    cte: (refs, name) => sql`${sql.id(name)} as (${insertWithRefs('audit_event', [row], refs)})`,
  };
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
  return { rows, total: count.n };
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
