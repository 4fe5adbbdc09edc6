import type { z } from 'zod';
import type { TAuditEntry, ZAuditQuery } from '@contract/audit';
import type { Actor } from '../../actor';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { insertInChunks } from '../../db/batch-insert';
import type { DependentWrite } from '../../db/dependent-write';
import { type AuditRow, auditEventWrite, findEntriesOf, insertAuditEvents, listAuditEvents } from './audit.repo';

export interface AuditInput {
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Append one entry to the audit trail. Call it with the transaction that makes the
 * change, so the entry commits or rolls back with it. Secrets never enter `before`/`after`.
 */
export async function recordAudit(trx: Db, actor: Actor, input: AuditInput): Promise<void> {
  await insertAuditEvents(trx, [toRow(actor, nowIso(), input)]);
}

/** The entries of a bulk write (an import of thousands of rows), in a few multi-row inserts. */
export async function recordAuditMany(trx: Db, actor: Actor, inputs: readonly AuditInput[]): Promise<void> {
  const at = nowIso();
  await insertInChunks(
    inputs.map((input) => toRow(actor, at, input)),
    (chunk) => insertAuditEvents(trx, chunk),
  );
}

/**
 * The entry of a record being created, for the module that creates it to write with it
 * (db/dependent-write.ts): where the record's id and number are not known yet, `input` is made
 * from their stand-ins.
 */
export function auditOfNewRecord(actor: Actor, input: AuditInput): DependentWrite {
  return auditEventWrite(toRow(actor, nowIso(), input));
}

/** The audit_event row of one entry. */
function toRow(actor: Actor, at: string, input: AuditInput) {
  return {
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    entity: input.entity,
    entity_id: String(input.entityId),
    action: input.action,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    request_id: actor.requestId,
  };
}

export async function listAudit(db: Db, q: z.infer<typeof ZAuditQuery>) {
  const { rows, total } = await listAuditEvents(db, q);
  return { items: rows.map(toAuditEntry), total, page: q.page, pageSize: q.pageSize };
}

function toAuditEntry(r: AuditRow): TAuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id === null ? null : r.actor_id,
    actorName: r.actor_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    requestId: r.request_id,
  };
}

/**
 * The trail of some records, oldest first, for activity feeds (a service request's history):
 * the actor under his current name (the name at the time when the user is gone).
 */
export async function listAuditOf(
  db: Db,
  subjects: readonly { entity: string; ids: readonly (string | number)[] }[],
): Promise<TAuditEntry[]> {
  const rows = await findEntriesOf(
    db,
    subjects.map((s) => ({ entity: s.entity, ids: s.ids.map(String) })),
  );
  return rows.map(({ actor_current_name, ...r }) => ({ ...toAuditEntry(r), actorName: actor_current_name ?? r.actor_name }));
}
