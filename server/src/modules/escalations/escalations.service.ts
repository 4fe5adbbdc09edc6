import { RULE_ISSUES } from '@contract/validation-messages';
import {
  ESCALATION_KIND_LABELS,
  type TCloseEscalation,
  type TEscalation,
  type TEscalationQuery,
  type TRaiseEscalation,
} from '@contract/escalations';
import type { Actor } from '../../actor';
import { AppError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import { getServiceRequestFacts, loadReadableRequest, readableRequestsOf } from '../service-requests/service-requests.service';
import * as repo from './escalations.repo';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

function toEscalation(r: repo.EscalationRow): TEscalation {
  return {
    id: r.id,
    serviceRequest: { id: r.service_request_id, number: r.request_number },
    kind: r.kind,
    text: r.text,
    state: r.state as TEscalation['state'],
    raisedBy: ref(r.raised_by_id, r.raised_by_name),
    raisedAt: r.raised_at,
    acknowledgedBy: ref(r.acknowledged_by_id, r.acknowledged_by_name),
    acknowledgedAt: r.acknowledged_at,
    closedBy: ref(r.closed_by_id, r.closed_by_name),
    closedAt: r.closed_at,
    improvementMeasure: r.improvement_measure,
    resolutionNote: r.resolution_note,
    version: r.version,
  };
}

async function load(db: Db, id: number) {
  const row = await repo.findEscalationById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** One escalation, to whoever may read its service request (the list's rule); otherwise NOT_FOUND. */
export async function getEscalation(db: Db, actor: Actor, id: number): Promise<TEscalation> {
  const row = await load(db, id);
  await loadReadableRequest(db, actor, Number(row.service_request_id));
  return toEscalation(row);
}

/** The escalations raised on one service request, by id (its history reads their audit entries). */
export function listEscalationIdsOf(db: Db, serviceRequestId: number): Promise<number[]> {
  return repo.findEscalationIdsOf(db, serviceRequestId);
}

export async function listEscalations(db: Db, actor: Actor, q: TEscalationQuery): Promise<Page<TEscalation>> {
  // The technical manager handles every escalation; anyone else sees those of the requests he may read.
  const { rows, total } = await repo.listEscalations(db, q, readableRequestsOf(actor));
  return { items: rows.map(toEscalation), total, page: q.page, pageSize: q.pageSize };
}

/**
 * R-EMER-9: the engineer calls the technical manager — cannot solve in time, extra work asked,
 * a complaint (or the customer cannot accept the speed), any other incident. Raised by the
 * request's engineers, its issuer or a manager; every technical manager (and the project's
 * manager) is notified in the same transaction.
 */
export async function raiseEscalation(db: Db, actor: Actor, serviceRequestId: number, input: TRaiseEscalation): Promise<TEscalation> {
  return transact(db, (trx) => raiseEscalationIn(trx, actor, serviceRequestId, input));
}

/** The same inside the caller's transaction (a visit's out-of-contract request raises one with its record). */
export async function raiseEscalationIn(trx: Db, actor: Actor, serviceRequestId: number, input: TRaiseEscalation): Promise<TEscalation> {
  // One who may not read the request learns nothing of it: NOT_FOUND, as for a request that does not exist.
  await loadReadableRequest(trx, actor, serviceRequestId);
  const sr = await getServiceRequestFacts(trx, serviceRequestId);
  const me = actor.id;
  const involved = me !== null && [sr.responsibleEngineerId, sr.backupEngineerId, sr.issuedById, sr.projectManagerId].includes(me);
  if (!involved && !actor.roles.includes('tech_manager')) throw new AppError('SERVICE_REQUEST_NOT_ASSIGNED');
  const at = nowIso();
  const id = await repo.insertEscalation(trx, {
    service_request_id: serviceRequestId,
    kind: input.kind,
    text: input.text,
    state: 'open',
    raised_by_id: me,
    raised_at: at,
    acknowledged_by_id: null,
    acknowledged_at: null,
    closed_by_id: null,
    closed_at: null,
    improvement_measure: null,
    resolution_note: null,
    version: 1,
  });
  const label = ESCALATION_KIND_LABELS[input.kind];
  const to = new Set([
    ...(await activeUserIdsWithRole(trx, 'tech_manager')),
    ...(sr.projectManagerId === null ? [] : [sr.projectManagerId]),
  ]);
  to.delete(me ?? -1);
  await notify(
    trx,
    [...to].map((userId) => ({
      userId,
      kind: 'escalation' as const,
      titleZh: `服务要求单 ${sr.number} 升级：${label.zh}`,
      titleEn: `Service request ${sr.number} escalated: ${label.en}`,
      body: input.text.slice(0, 500),
      entity: 'escalation',
      entityId: id,
      dedupeKey: `escalation:${id}`,
    })),
    at,
  );
  const after = toEscalation(await load(trx, id));
  await recordAudit(trx, actor, { entity: 'escalation', entityId: id, action: 'raise', after });
  return after;
}

export async function acknowledgeEscalation(db: Db, actor: Actor, id: number): Promise<TEscalation> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (before.state !== 'open') throw new AppError('ESCALATION_ILLEGAL_STATE', [{ path: 'state', message: before.state }]);
    await repo.updateEscalation(trx, id, before.version, {
      state: 'acknowledged',
      acknowledged_by_id: actor.id,
      acknowledged_at: nowIso(),
    });
    const after = toEscalation(await load(trx, id));
    await recordAudit(trx, actor, { entity: 'escalation', entityId: id, action: 'acknowledge', before: toEscalation(before), after });
    return after;
  });
}

/** R-ORG-3: the technical manager handles complaints with improvement measures — a complaint cannot close without one. */
export async function closeEscalation(db: Db, actor: Actor, id: number, input: TCloseEscalation): Promise<TEscalation> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (before.state === 'closed') throw new AppError('ESCALATION_ILLEGAL_STATE', [{ path: 'state', message: before.state }]);
    if (before.kind === 'complaint' && !input.improvementMeasure)
      throw new AppError('ESCALATION_IMPROVEMENT_REQUIRED', [issue('improvementMeasure', RULE_ISSUES.improvementRequired, 'R-ORG-3')]);
    const at = nowIso();
    await repo.updateEscalation(trx, id, before.version, {
      state: 'closed',
      closed_by_id: actor.id,
      closed_at: at,
      improvement_measure: input.improvementMeasure ?? null,
      resolution_note: input.resolutionNote ?? null,
      ...(before.acknowledged_at === null && { acknowledged_by_id: actor.id, acknowledged_at: at }),
    });
    const after = toEscalation(await load(trx, id));
    await recordAudit(trx, actor, { entity: 'escalation', entityId: id, action: 'close', before: toEscalation(before), after });
    return after;
  });
}
