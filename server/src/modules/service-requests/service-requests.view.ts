import type { TServiceCommitments } from '@contract/contracts';
import type { TServiceRequest } from '@contract/service-requests';
import { toCommitments } from '../contracts/service-commitments';
import type { ListedRow, PauseRow, RequestRow } from './service-requests.repo';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

/** A row → the form as the API sends it. No price field exists on it, whoever reads. */
export function toServiceRequest(r: ListedRow): TServiceRequest {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    origin: r.origin,
    originRef: r.origin_ref,
    customer: { id: r.customer_id, name: r.customer_name },
    contract: r.contract_id === null ? null : { id: r.contract_id, number: r.contract_number ?? '' },
    project: r.project_id === null ? null : { id: r.project_id, code: r.project_code ?? '', name: r.project_name ?? '' },
    projectManager: ref(r.project_manager_id, r.project_manager_name),
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    siteAddress: r.site_address,
    description: r.description,
    issuedBy: ref(r.issued_by_id, r.issued_by_name),
    responsibleEngineer: ref(r.responsible_engineer_id, r.responsible_engineer_name),
    backupEngineer: ref(r.backup_engineer_id, r.backup_engineer_name),
    requestedDate: r.requested_date,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    agreedArrivalAt: r.agreed_arrival_at,
    priority: r.priority,
    remarks: r.remarks,
    pausedFrom: r.paused_from,
    incomplete: r.incomplete === 1,
    slaStatus: r.sla_status as TServiceRequest['slaStatus'],
    issuedAt: r.issued_at,
    respondedAt: r.responded_at,
    arrivedAt: r.arrived_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The contract's commitments joined on the row; null without a contract. */
export function commitmentsOf(r: RequestRow): TServiceCommitments | null {
  if (r.contract_id === null || r.coverage_kind === null) return null;
  return toCommitments(r as Parameters<typeof toCommitments>[0]);
}

export function toPause(p: PauseRow) {
  return {
    id: p.id,
    state: p.state,
    pausedFrom: p.paused_from,
    from: p.started_at,
    to: p.ended_at,
    reason: p.reason,
    by: ref(p.by_id, p.by_name),
  };
}
