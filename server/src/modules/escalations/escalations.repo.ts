import type { Insertable, Updateable } from 'kysely';
import type { TEscalationQuery } from '@contract/escalations';
import type { Db } from '../../db/database';
import { insertReturningId } from '../../db/insert-returning-id';
import { updateVersioned } from '../../db/versioned-update';
import { limitOffset } from '../../db/list-query';
import type { RequestCondition } from '../service-requests/service-requests.service';
import type { EscalationTable } from './escalations.table';

function selectEscalations(db: Db) {
  return db
    .selectFrom('escalation as e')
    .innerJoin('service_request as sr', 'sr.id', 'e.service_request_id')
    .leftJoin('app_user as raiser', 'raiser.id', 'e.raised_by_id')
    .leftJoin('app_user as acker', 'acker.id', 'e.acknowledged_by_id')
    .leftJoin('app_user as closer', 'closer.id', 'e.closed_by_id')
    .selectAll('e')
    .select([
      'sr.number as request_number',
      'raiser.name as raised_by_name',
      'acker.name as acknowledged_by_name',
      'closer.name as closed_by_name',
    ]);
}
export type EscalationRow = Awaited<ReturnType<ReturnType<typeof selectEscalations>['executeTakeFirstOrThrow']>>;

export function findEscalationById(db: Db, id: number): Promise<EscalationRow | undefined> {
  return selectEscalations(db).where('e.id', '=', id).executeTakeFirst();
}

export function insertEscalation(db: Db, row: Insertable<EscalationTable>): Promise<number> {
  return insertReturningId(db, 'escalation', row);
}

/** Update guarded by version (db/versioned-update.ts): VERSION_CONFLICT when the version is stale or the row is gone. */
export function updateEscalation(db: Db, id: number, version: number, patch: Updateable<EscalationTable>): Promise<void> {
  return updateVersioned(db, 'escalation', id, version, patch);
}

/** `readable`: the requests whose escalations the reader sees (service-requests' read rule); absent: all. */
export async function listEscalations(db: Db, q: TEscalationQuery, readable?: RequestCondition) {
  let base = selectEscalations(db);
  if (readable) base = base.where(readable);
  if (q.state) base = base.where('e.state', '=', q.state);
  if (q.kind) base = base.where('e.kind', '=', q.kind);
  if (q.serviceRequestId) base = base.where('e.service_request_id', '=', q.serviceRequestId);
  const { limit, offset } = limitOffset(q);
  const [rows, count] = await Promise.all([
    base.orderBy('e.id', 'desc').limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The ids of a request's escalations (`escalation_request_idx`). */
export async function findEscalationIdsOf(db: Db, serviceRequestId: number): Promise<number[]> {
  const rows = await db.selectFrom('escalation').select('id').where('service_request_id', '=', serviceRequestId).orderBy('id').execute();
  return rows.map((r) => r.id);
}
