import type { TAuditEntry } from '@contract/audit';
import {
  SERVICE_REQUEST_EDIT_FIELDS,
  type TServiceRequestEditField,
  type TServiceRequestHistory,
  type TServiceRequestHistoryEvent,
} from '@contract/service-request-history';
import type { TEscalation } from '@contract/escalations';
import {
  isSlaPausingState,
  type TServiceRequestAction,
  type TServiceRequestState,
  ZServiceRequestAction,
} from '@contract/service-request-workflow';
import type { TServiceRequest } from '@contract/service-requests';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { listAuditOf } from '../audit/audit.service';
import { listEscalationIdsOf } from '../escalations/escalations.service';
import * as repo from './service-requests.repo';
import { loadReadableRequest } from './service-requests.service';

type Ref = { id: number; name: string } | null;
/** A record as the audit trail keeps it: whatever was written then (older entries may lack fields). */
type Recorded = Partial<TServiceRequest> & Record<string, unknown>;

/** Edited values are shown, not diffed character by character: long texts are cut. */
const MAX_VALUE = 300;
const WAIT_STATES: readonly TServiceRequestState[] = ['waiting_customer', 'waiting_parts'];

const refOf = (v: unknown): Ref =>
  v && typeof v === 'object' && 'id' in v
    ? { id: Number((v as { id: unknown }).id), name: String((v as { name?: unknown }).name ?? '') }
    : null;
const sameRef = (a: Ref, b: Ref) => (a?.id ?? null) === (b?.id ?? null);

/** One edited field as text (references by their number or name; codes as they are, the UI names them). */
function editValue(r: Recorded, field: TServiceRequestEditField): string | null {
  const v = r[field];
  if (v === null || v === undefined) return null;
  if (field === 'contract') return String((v as { number?: unknown }).number ?? '');
  if (field === 'project') return `${(v as { code?: unknown }).code ?? ''} ${(v as { name?: unknown }).name ?? ''}`.trim();
  const text = typeof v === 'string' ? v : String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function actorOf(e: TAuditEntry): { id: number | null; name: string } | null {
  if (e.actorId === null) return e.actorName ? { id: null, name: e.actorName } : null;
  return { id: e.actorId, name: e.actorName ?? '' };
}

/** The events one audit entry of the request stands for (an edit of the engineers is also an assignment). */
function requestEvents(e: TAuditEntry): TServiceRequestHistoryEvent[] {
  const common = { key: `a${e.id}`, at: e.at, actor: actorOf(e) };
  const before = (e.before ?? {}) as Recorded;
  const after = (e.after ?? {}) as Recorded;
  if (e.action === 'create' || e.action === 'create_issued' || e.action === 'create_urgent')
    return [
      {
        ...common,
        type: 'created',
        state: (after.state ?? 'draft') as TServiceRequestState,
        urgent: e.action === 'create_urgent',
        responsibleEngineer: refOf(after.responsibleEngineer),
        backupEngineer: refOf(after.backupEngineer),
      },
    ];
  const step = ZServiceRequestAction.safeParse(e.action);
  if (step.success)
    return [
      {
        ...common,
        type: 'step',
        action: step.data as TServiceRequestAction,
        from: before.state as TServiceRequestState,
        to: after.state as TServiceRequestState,
        note: typeof after.reason === 'string' ? after.reason : null,
        pause: null,
      },
    ];
  if (e.action === 'assign' || e.action === 'set_backup' || e.action === 'update') {
    const out: TServiceRequestHistoryEvent[] = [];
    const engineers = {
      responsibleEngineer: { from: refOf(before.responsibleEngineer), to: refOf(after.responsibleEngineer) },
      backupEngineer: { from: refOf(before.backupEngineer), to: refOf(after.backupEngineer) },
    };
    const moved =
      !sameRef(engineers.responsibleEngineer.from, engineers.responsibleEngineer.to) ||
      !sameRef(engineers.backupEngineer.from, engineers.backupEngineer.to);
    if (e.action !== 'update' || moved)
      out.push({
        ...common,
        key: `${common.key}-assignment`,
        type: 'assignment',
        source: e.action === 'assign' ? 'assign' : e.action === 'set_backup' ? 'backup' : 'edit',
        ...engineers,
        plannedStart: e.action === 'assign' ? (after.plannedStart ?? null) : null,
        plannedEnd: e.action === 'assign' ? (after.plannedEnd ?? null) : null,
      });
    if (e.action === 'update') {
      const changes = SERVICE_REQUEST_EDIT_FIELDS.flatMap((field) => {
        const from = editValue(before, field);
        const to = editValue(after, field);
        return from === to ? [] : [{ field, from, to }];
      });
      if (changes.length || !moved) out.push({ ...common, type: 'edited', changes });
    }
    return out;
  }
  return [];
}

function escalationEvent(e: TAuditEntry): TServiceRequestHistoryEvent | null {
  const after = (e.after ?? {}) as Partial<TEscalation>;
  const stage = e.action === 'raise' ? 'raised' : e.action === 'acknowledge' ? 'acknowledged' : e.action === 'close' ? 'closed' : null;
  if (!stage || !after.kind) return null;
  return {
    key: `a${e.id}`,
    at: e.at,
    actor: actorOf(e),
    type: 'escalation',
    escalationId: Number(e.entityId),
    stage,
    kind: after.kind,
    text: stage === 'raised' ? (after.text ?? null) : stage === 'closed' ? (after.resolutionNote ?? null) : null,
    improvementMeasure: stage === 'closed' ? (after.improvementMeasure ?? null) : null,
  };
}

/**
 * R-FLOW-1: the request's own activity — created, each step with who, when and the note, the
 * assignments (responsible and backup engineer), edits, the pauses and whether they stopped the
 * SLA, and its escalations raised, acknowledged and closed — oldest first. Readable by whoever may
 * read the request (`mayReadRequest`); the shape carries no price.
 */
export async function getServiceRequestHistory(db: Db, actor: Actor, id: number): Promise<TServiceRequestHistory> {
  await loadReadableRequest(db, actor, id);
  const [escalationIds, pauses] = await Promise.all([listEscalationIdsOf(db, id), repo.findPauses(db, [id])]);
  const entries = await listAuditOf(db, [
    { entity: 'service_request', ids: [id] },
    { entity: 'escalation', ids: escalationIds },
  ]);
  const events: TServiceRequestHistoryEvent[] = [];
  // Every step into a wait opened exactly one pause, in the same transaction: the n-th such step is the n-th pause.
  let nextPause = 0;
  for (const entry of entries) {
    if (entry.entity === 'escalation') {
      const event = escalationEvent(entry);
      if (event) events.push(event);
      continue;
    }
    for (const event of requestEvents(entry)) {
      if (event.type === 'step' && WAIT_STATES.includes(event.to) && event.from !== event.to) {
        const pause = pauses[nextPause];
        if (pause && pause.state === event.to) {
          nextPause += 1;
          event.pause = { until: pause.ended_at, stopsSla: isSlaPausingState(event.to) };
        }
      }
      events.push(event);
    }
  }
  for (const p of pauses.slice(nextPause))
    events.push({
      key: `p${p.id}`,
      at: p.started_at,
      actor: p.by_id === null ? null : { id: p.by_id, name: p.by_name ?? '' },
      type: 'pause',
      state: p.state,
      until: p.ended_at,
      reason: p.reason,
      stopsSla: isSlaPausingState(p.state),
    });
  // Stable: entries of one instant keep the trail's order.
  return {
    items: events
      .map((e, i) => [e, i] as const)
      .sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j)
      .map(([e]) => e),
  };
}
